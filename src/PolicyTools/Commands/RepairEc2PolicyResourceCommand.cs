using System.Management.Automation;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Repairs EC2 statements of IAM policies that cannot work, without widening what they allow.</para>
/// <para type="description">Writes one result per document: the repaired PolicyDocument (plain JSON), what changed and why, and what it could not repair. Pipe the results into New-IAMPolicyVersion or Write-IAMRolePolicy; files change only with -InPlace.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "Ec2PolicyResource", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType("PolicyTools.Repair.PolicyRepairResult")]
public sealed class RepairEc2PolicyResourceCommand : ResourceRepairCommand
{
}
