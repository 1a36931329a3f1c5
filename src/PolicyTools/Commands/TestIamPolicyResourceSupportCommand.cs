using System.Management.Automation;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Finds statements of IAM policies that cannot work as written, in every AWS service of the capability map.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IamPolicyResourceSupport", DefaultParameterSetName = PathSet)]
[OutputType("PolicyTools.Analysis.PolicyFinding")]
[OutputType("PolicyTools.Analysis.PolicyTestResult")]
[OutputType(typeof(bool))]
public sealed class TestIamPolicyResourceSupportCommand : ResourceSupportTestCommand, IServiceParameter
{
    /// <summary>Only these services (prefixes such as s3 or lambda; wildcards allowed); by default every service of the map.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServicePrefixCompleter))]
    public string[]? Service { get; set; }

    protected override string QuietWithPassThruErrorId => ErrorIds.TestIamPolicyResourceSupportQuietWithPassThru;
}
