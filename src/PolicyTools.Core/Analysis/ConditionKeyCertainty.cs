using System.Linq;
using System.Runtime.CompilerServices;
using PolicyTools.Capabilities;

namespace PolicyTools.Analysis;

/// <summary>
/// How sure the engine can be that a request lacks a condition key. For a key the reference
/// documents for the service (on some action or resource type), its lists say where the key
/// appears. A key it does not document at all may be AWS's newer or cross-service key that the
/// map does not know: a claim resting on its absence is not proven, and the repair does not act on it.
/// </summary>
internal static class ConditionKeyCertainty
{
    private static readonly ConditionalWeakTable<ServiceCapabilities, ConditionKeySet> s_documented = new();

    public static bool IsDocumented(ServiceCapabilities service, string key) =>
        AnalysisContext.IsGlobalKey(key) || s_documented.GetValue(service, Build).Contains(key);

    private static ConditionKeySet Build(ServiceCapabilities service) =>
        new(service.Actions.SelectMany(a => a.ConditionKeys.Concat(a.ResourceTypes.SelectMany(t => t.ConditionKeys)))
            .Concat(service.ResourceTypes.SelectMany(t => t.ConditionKeys))
            // The tag keys are documented per action and type wherever they apply.
            .Concat(new[] { "aws:RequestTag/${TagKey}", "aws:ResourceTag/${TagKey}", "aws:TagKeys" }));
}
