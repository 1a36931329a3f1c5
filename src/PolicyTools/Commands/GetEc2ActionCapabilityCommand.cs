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
public sealed class GetEc2ActionCapabilityCommand : PSCmdlet
{
    private const string ActionSet = "Action";

    private readonly HashSet<string> _written = new(StringComparer.OrdinalIgnoreCase);
    private CapabilityMap _map = null!;

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

    /// <summary>A capability map file (ConvertTo-Ec2CapabilityMap output) to use instead of the embedded one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CapabilityMapPath { get; set; }

    protected override void BeginProcessing()
    {
        _map = CapabilityMaps.Load(this, CapabilityMapPath);
    }

    protected override void ProcessRecord()
    {
        // $null in a pipeline (an empty property) names no action: nothing to look up, not an error.
        if (Action is null) return;
        foreach (var pattern in Action)
        {
            if (pattern is null) continue;
            var matches = _map.FindActions(pattern, CapabilityMaps.DefaultService);
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
        if (prefix is not null && prefix.IndexOfAny(new[] { '*', '?' }) < 0 && _map.GetService(prefix) is null)
        {
            message = $"'{pattern}' names the service '{prefix}', which {where} does not cover (it covers {string.Join(", ", _map.Services.Select(s => s.Prefix))}).";
        }
        else
        {
            message = $"No action matches '{pattern}' in {where}: check the spelling, or, if the action is newer than the map, convert a newer AWS service reference with ConvertTo-Ec2CapabilityMap and give it with -CapabilityMapPath.";
        }
        WriteError(new ErrorRecord(new ItemNotFoundException(message), "ActionNotFound", ErrorCategory.ObjectNotFound, pattern));
    }
}
