using System.Management.Automation;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Finds EC2 statements of IAM policies that cannot work as written.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "Ec2PolicyResourceSupport", DefaultParameterSetName = PathSet)]
[OutputType("PolicyTools.Analysis.PolicyFinding")]
[OutputType("PolicyTools.Analysis.PolicyTestResult")]
[OutputType(typeof(bool))]
public sealed class TestEc2PolicyResourceSupportCommand : ResourceSupportTestCommand
{
    protected override string QuietWithPassThruErrorId => ErrorIds.TestEc2PolicyResourceSupportQuietWithPassThru;
}
