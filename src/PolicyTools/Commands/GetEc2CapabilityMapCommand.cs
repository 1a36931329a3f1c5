using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PolicyTools.Capabilities;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Shows the capability map in use: where its facts come from, their date and what they cover.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "Ec2CapabilityMap", DefaultParameterSetName = MapSet)]
[OutputType("PolicyTools.Capabilities.CapabilityMapInfo")]
public sealed class GetEc2CapabilityMapCommand : PSCmdlet
{
    private const string MapSet = "Map";

    /// <summary>
    /// A capability map file (ConvertTo-Ec2CapabilityMap output); by default the map built into the
    /// module. Binds the Path of ConvertTo-Ec2CapabilityMap output and files from Get-ChildItem.
    /// </summary>
    [Parameter(ParameterSetName = MapSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "Path")]
    [ValidateNotNullOrEmpty]
    public string? CapabilityMapPath { get; set; }

    protected override void ProcessRecord()
    {
        // The EC2 part of the map, as the Ec2 cmdlets use it.
        WriteObject(CapabilityMapInfo.From(CapabilityMaps.Load(this, CapabilityMapPath).Only(CapabilityMaps.DefaultService)));
    }
}

/// <summary>
/// <para type="synopsis">Shows the capability map of every service: where its facts come from, their date and age, and per service what it covers.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "IamCapabilityMap", DefaultParameterSetName = MapSet)]
[OutputType("PolicyTools.Capabilities.CapabilityMapInfo", "PolicyTools.Capabilities.ServiceCapabilityInfo")]
public sealed class GetIamCapabilityMapCommand : PSCmdlet
{
    private const string MapSet = "Map";

    /// <summary>A capability map file or folder (ConvertTo-IamCapabilityMap output); by default the map built into the module.</summary>
    [Parameter(ParameterSetName = MapSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "Path")]
    [ValidateNotNullOrEmpty]
    public string? CapabilityMapPath { get; set; }

    /// <summary>Service prefixes (wildcards allowed): one ServiceCapabilityInfo per service instead of the map's summary.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServicePrefixCompleter))]
    public string[]? Service { get; set; }

    protected override void ProcessRecord()
    {
        var map = CapabilityMaps.Load(this, CapabilityMapPath);
        if (Service is null)
        {
            WriteObject(CapabilityMapInfo.From(map));
            return;
        }
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Service)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matched = map.ServicePrefixes.Where(p => pattern.IsMatch(p)).ToList();
            if (matched.Count == 0)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No service of {CapabilityMaps.Describe(map)} matches '{name}'."), ErrorIds.ServiceNotFound, ErrorCategory.ObjectNotFound, name));
                continue;
            }
            foreach (var prefix in matched)
            {
                if (written.Add(prefix)) WriteObject(ServiceCapabilityInfo.From(map, map.GetService(prefix)!));
            }
        }
    }
}
