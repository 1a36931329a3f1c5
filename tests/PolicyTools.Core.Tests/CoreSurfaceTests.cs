using System;
using System.Linq;

namespace PolicyTools.Tests;

/// <summary>
/// The core is public only where it is a contract: what the cmdlets write to the pipeline (so that
/// PowerShell can show and bind it), the types of its properties, and the errors scripts catch.
/// Everything else is internal, seen by the cmdlets, the tests and the benchmarks through
/// InternalsVisibleTo. A new public type is a decision: add it here.
/// </summary>
public class CoreSurfaceTests
{
    private static readonly string[] s_contract =
    {
        // Results in the pipeline, and their property types.
        "PolicyTools.Analysis.PolicyFinding",
        "PolicyTools.Analysis.FindingSeverity",
        "PolicyTools.Analysis.PolicyTestResult",
        "PolicyTools.Analysis.PolicyTestStatus",
        "PolicyTools.Repair.PolicyRepairResult",
        "PolicyTools.Capabilities.CapabilityMapInfo",
        "PolicyTools.Capabilities.CapabilitySummary",
        "PolicyTools.Capabilities.ServiceCapabilityInfo",
        "PolicyTools.Capabilities.ActionCapabilityInfo",
        "PolicyTools.Capabilities.ResourceTypeInfo",
        "PolicyTools.Capabilities.ResourceTypeInfoList",
        "PolicyTools.Policies.PolicyEffect",
        "PolicyTools.Inputs.PolicyOwnerKind",
        "PolicyTools.ValueList",

        // Errors: the exception of an ErrorRecord, its kind, and the ids.
        "PolicyTools.PolicyToolsException",
        "PolicyTools.PolicyErrorKind",
        "PolicyTools.ErrorIds",
        "PolicyTools.Policies.PolicyParseException",
        "PolicyTools.Capabilities.CapabilityMapFormatException",
        "PolicyTools.Capabilities.ServiceReferenceFormatException",
    };

    [Fact]
    public void OnlyTheContractIsPublic()
    {
        var exported = typeof(ErrorIds).Assembly.GetExportedTypes().Select(t => t.FullName!).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(s_contract.OrderBy(n => n, StringComparer.Ordinal), exported);
    }
}
