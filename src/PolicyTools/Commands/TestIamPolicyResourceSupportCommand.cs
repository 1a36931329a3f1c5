using System.Management.Automation;
using PolicyTools.Analysis;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Finds statements of IAM policies that cannot work as written, in every AWS service of the capability map.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IamPolicyResourceSupport", DefaultParameterSetName = PathSet)]
[OutputType("PolicyTools.Analysis.PolicyFinding")]
[OutputType("PolicyTools.Analysis.PolicyTestResult")]
[OutputType(typeof(bool))]
public sealed class TestIamPolicyResourceSupportCommand : ResourceSupportTestCommand
{
    private ServiceScope _scope = ServiceScope.All;

    /// <summary>Only these services (prefixes such as s3 or lambda; wildcards allowed); by default every service of the map.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServicePrefixCompleter))]
    public string[]? Service { get; set; }

    private protected override ServiceScope AnalyzedServices => _scope;

    protected override string QuietWithPassThruErrorId => ErrorIds.TestIamPolicyResourceSupportQuietWithPassThru;

    /// <summary>Every service of the map: the Iam cmdlets check them all.</summary>
    private protected override Capabilities.CapabilityMap Scope(Capabilities.CapabilityMap map) => map;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _scope = ServiceScopes.FromParameter(this, Service, Map);
    }
}
