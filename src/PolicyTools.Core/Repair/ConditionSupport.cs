using System;
using System.Collections.Generic;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// Whether a statement's Condition can be met where the repair moves or adds a grant. A test on
/// a key that the request does not carry fails (unless its operator tolerates a missing key), so
/// a grant carrying it would grant nothing. The same judgement as the analyzer's (global keys, the
/// action's own keys, the action and resource type pair's keys; tag keys only where listed), plus
/// one fact it has no need for: a request on <c>"*"</c> has no resource, so no <c>aws:ResourceTag/…</c>.
/// </summary>
internal static class ConditionSupport
{
    /// <summary>Keys of the statement's Condition that a request for the action on <c>"*"</c> never carries.</summary>
    public static IReadOnlyList<string> NeverCarriedOnStar(AnalysisContext context, StatementView view, ActionCapability action)
    {
        var keys = new List<string>();
        foreach (var key in context.UnsupportedConditionKeys(view, action)) if (!keys.Contains(key)) keys.Add(key);
        foreach (var clause in view.Statement.Conditions)
        {
            if (clause.ToleratesMissingKey || !IsTagKey(clause.Key)) continue;
            var carried = !IsResourceTagKey(clause.Key) && action.SupportedConditionKeys.Contains(clause.Key);
            if (!carried && !keys.Contains(clause.Key)) keys.Add(clause.Key);
        }
        return keys;
    }

    /// <summary>
    /// Whether the request for <paramref name="action"/> carries the clause's key when IAM checks
    /// its ARN of the resource type of <paramref name="pair"/>, as the analyzer decides it: global
    /// keys (not the tag keys), the action's own keys and the pair's; a clause that tolerates a
    /// missing key always passes.
    /// </summary>
    public static bool CarriedFor(ConditionClause clause, ActionCapability action, ActionResourceType pair)
    {
        if (clause.ToleratesMissingKey) return true;
        var key = clause.Key;
        return (AnalysisContext.IsGlobalKey(key) && !IsTagKey(key))
            || action.OwnConditionKeys.Contains(key)
            || pair.PairConditionKeys.Contains(key);
    }

    private static bool IsTagKey(string key) =>
        IsResourceTagKey(key)
        || key.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, "aws:TagKeys", StringComparison.OrdinalIgnoreCase);

    private static bool IsResourceTagKey(string key) => key.StartsWith("aws:ResourceTag/", StringComparison.OrdinalIgnoreCase);
}
