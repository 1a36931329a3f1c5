using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// Required types that a statement of the policy does name, but under a Condition on a key the
/// capability map does not document for the service, so the engine only supposes that requests
/// lack it (<c>ec2:SourceInstanceARN</c> before it was known as a cross-service key). The repair
/// does not add such a type anew without that Condition: it would widen what the author scoped.
/// </summary>
internal static class UnprovenTypes
{
    /// <summary>Why the missing types are left alone, or null when none of them is missing only on an unproven premise.</summary>
    public static string? Reason(AnalysisContext context, ActionCapability action, IReadOnlyList<int> missing)
    {
        var service = context.Service;
        var byType = new Dictionary<int, (int Statement, List<string> Keys)>();
        foreach (var view in context.Views)
        {
            if (view.Statement.Effect != PolicyEffect.Allow || !view.HasResources || view.IsAboutAnotherService) continue;
            if (!view.Reaches(action) || !view.IsEffective(action)) continue;
            var unsupported = context.UnsupportedConditionKeys(view, action);
            foreach (var pair in action.RequiredResourceTypes)
            {
                var t = pair.TypeIndex;
                if (t < 0 || !missing.Contains(t) || !view.AllowedTypes[t] || byType.ContainsKey(t)) continue;
                var blocking = unsupported.Count > 0 ? unsupported : context.KeysMissingForType(view, action, pair);
                var undocumented = blocking.Where(k => !ConditionKeyCertainty.IsDocumented(service, k)).ToList();
                if (undocumented.Count > 0) byType[t] = (view.Statement.Index, undocumented);
            }
        }
        var parts = new List<string>();
        foreach (var t in missing)
        {
            if (!byType.TryGetValue(t, out var entry)) continue;
            parts.Add($"statement {entry.Statement} allows {service.ResourceTypes[t].Name} under a Condition on {FindingText.Quoted(entry.Keys, "and")}");
        }
        if (parts.Count == 0) return null;
        return $"{FindingText.Join(parts, "and")}, a key the capability map does not document for {service.Prefix}: whether requests for {action.FullName} carry it is not proven, so the repair adds nothing that would bypass that Condition";
    }
}
