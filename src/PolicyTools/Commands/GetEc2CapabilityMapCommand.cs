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
        WriteObject(CapabilityMapInfo.From(CapabilityMaps.Load(this, CapabilityMapPath)));
    }
}
