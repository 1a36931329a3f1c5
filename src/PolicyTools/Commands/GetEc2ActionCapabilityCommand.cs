using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PolicyTools.Capabilities;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Shows what EC2 actions accept: access level, resource types (required or not, ARN formats), condition keys.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "Ec2ActionCapability", DefaultParameterSetName = ActionSet)]
[OutputType("PolicyTools.Capabilities.ActionCapabilityInfo")]
public sealed class GetEc2ActionCapabilityCommand : ActionCapabilityCommandBase
{
    /// <summary>
    /// Action names or IAM patterns (<c>ec2:DescribeVolumes</c>, <c>RunInstances</c>, <c>ec2:Describe*</c>),
    /// case-insensitive, with or without the <c>ec2:</c> prefix. Binds the <c>Actions</c> of findings and
    /// the <c>Action</c> of any object. Default: every action of the map.
    /// </summary>
    [Parameter(ParameterSetName = ActionSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Actions")]
    [SupportsWildcards]
    [AllowNull]
    [ArgumentCompleter(typeof(Ec2ActionNameCompleter))]
    public string?[]? Action { get; set; } = { "*" };

    protected override string?[]? Patterns => Action;

    // The Ec2 cmdlets answer for EC2 only, whatever else the map covers.
    private protected override CapabilityMap Scope(CapabilityMap map) => map.Only(CapabilityMaps.DefaultService);

    protected override string Qualify(string pattern) => pattern;
}

/// <summary>
/// <para type="synopsis">Shows what the actions of any AWS service accept: access level, resource types (required or not, ARN formats), condition keys.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "IamActionCapability", DefaultParameterSetName = ActionSet)]
[OutputType("PolicyTools.Capabilities.ActionCapabilityInfo")]
public sealed class GetIamActionCapabilityCommand : ActionCapabilityCommandBase
{
    /// <summary>
    /// Action names or IAM patterns of any service (<c>ssm:StartSession</c>, <c>s3:Get*</c>, <c>*:List*</c>),
    /// case-insensitive; a name without a prefix (<c>ListBuckets</c>) is looked up in every service.
    /// Binds the <c>Actions</c> of findings and the <c>Action</c> of any object.
    /// </summary>
    [Parameter(ParameterSetName = ActionSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Actions")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(IamActionNameCompleter))]
    public string[] Action { get; set; } = null!;

    protected override string?[]? Patterns => Action;

    private protected override CapabilityMap Scope(CapabilityMap map) => map;

    protected override string Qualify(string pattern) => pattern.IndexOf(':') >= 0 ? pattern : "*:" + pattern;
}

/// <summary>What the action capability cmdlets share: they differ in the services they answer for.</summary>
public abstract class ActionCapabilityCommandBase : PSCmdlet
{
    protected const string ActionSet = "Action";

    private readonly HashSet<string> _written = new(StringComparer.OrdinalIgnoreCase);
    private CapabilityMap _map = null!;

    /// <summary>A capability map file or folder (ConvertTo-IamCapabilityMap output) to use instead of the embedded one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CapabilityMapPath { get; set; }

    protected abstract string?[]? Patterns { get; }

    /// <summary>The part of the map the cmdlet answers for.</summary>
    private protected abstract CapabilityMap Scope(CapabilityMap map);

    /// <summary>The pattern as the map looks it up; a pattern without a prefix means the default service (ec2).</summary>
    protected abstract string Qualify(string pattern);

    protected override void BeginProcessing()
    {
        _map = Scope(CapabilityMaps.Load(this, CapabilityMapPath));
    }

    protected override void ProcessRecord()
    {
        // $null in a pipeline (an empty property) names no action: nothing to look up, not an error.
        if (Patterns is null) return;
        foreach (var pattern in Patterns)
        {
            if (pattern is null) continue;
            var matches = _map.FindActions(Qualify(pattern.Trim()), CapabilityMaps.DefaultService);
            if (matches.Count == 0)
            {
                WriteNotFound(pattern);
                continue;
            }
            foreach (var action in matches)
            {
                if (!_written.Add(action.FullName)) continue;
                WriteObject(ActionCapabilityInfo.From(_map.GetService(action.Service)!, action));
            }
        }
    }

    private void WriteNotFound(string pattern)
    {
        var where = CapabilityMaps.Describe(_map);
        var colon = pattern.IndexOf(':');
        var prefix = colon > 0 ? pattern.Substring(0, colon).Trim() : null;
        string message;
        if (prefix is not null && prefix.IndexOfAny(new[] { '*', '?' }) < 0 && !_map.HasService(prefix))
        {
            var covered = _map.ServicePrefixes.Count <= 10
                ? string.Join(", ", _map.ServicePrefixes)
                : $"{_map.ServicePrefixes.Count} services; Get-IamCapabilityMap -Service * lists them";
            message = $"'{pattern}' names the service '{prefix}', which {where} does not cover (it covers {covered}).";
        }
        else
        {
            message = $"No action matches '{pattern}' in {where}: check the spelling, or, if the action is newer than the map, convert a newer AWS service reference with ConvertTo-IamCapabilityMap and give it with -CapabilityMapPath.";
        }
        WriteError(new ErrorRecord(new ItemNotFoundException(message), ErrorIds.ActionNotFound, ErrorCategory.ObjectNotFound, pattern));
    }
}
