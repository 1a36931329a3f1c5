using System.Management.Automation;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Repairs statements of IAM policies that cannot work, in every AWS service of the capability map, without widening what they allow.</para>
/// <para type="description">Writes one result per document: the repaired PolicyDocument (plain JSON), what changed and why, and what it could not repair. Repairs the Error findings only: outside EC2 those AWS documents (see about_PolicyTools). Pipe the results into New-IAMPolicyVersion or Write-IAMRolePolicy; files change only with -InPlace.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "IamPolicyResource", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType("PolicyTools.Repair.PolicyRepairResult")]
public sealed class RepairIamPolicyResourceCommand : ResourceRepairCommand, IServiceParameter
{
    /// <summary>Only these services (prefixes such as s3 or kms; wildcards allowed); by default every service of the map.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServicePrefixCompleter))]
    public string[]? Service { get; set; }
}
