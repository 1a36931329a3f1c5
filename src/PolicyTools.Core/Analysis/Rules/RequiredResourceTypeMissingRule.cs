using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// <c>RequiredResourceTypeMissing</c>: a request carries one ARN of every required type and IAM
/// must allow each. Across all Allow statements that reach an action, some required type is
/// never allowed (<c>ec2:RunInstances</c> on <c>instance/*</c> alone). Types split over
/// several statements are fine. Deny is not checked: a Deny applies when any one ARN matches.
/// </summary>
internal sealed class RequiredResourceTypeMissingRule : IPolicyRule
{
    public void Check(AnalysisContext context)
    {
        var service = context.Service;
        // Actions known to have every required type allowed (a statement on "*" settles all it reaches).
        var satisfied = new ulong[(service.Actions.Count + 63) / 64];
        Dictionary<int, (bool[] Types, StatementView First)>? pending = null;
        foreach (var view in context.Views)
        {
            if (view.Statement.Effect != PolicyEffect.Allow || !view.HasResources) continue;
            foreach (var action in view.Reached)
            {
                var required = action.RequiredTypeIndexes;
                if (required.Length == 0) continue;
                var bit = 1UL << (action.Index & 63);
                if ((satisfied[action.Index >> 6] & bit) != 0) continue;
                if (!view.IsEffective(action)) continue;
                if (context.UnsupportedConditionKeys(view, action).Count > 0) continue;
                if (view.AllTypesAllowed)
                {
                    satisfied[action.Index >> 6] |= bit;
                    continue;
                }
                pending ??= new Dictionary<int, (bool[], StatementView)>();
                if (!pending.TryGetValue(action.Index, out var entry))
                    pending[action.Index] = entry = (new bool[service.ResourceTypes.Count], view);
                var all = true;
                foreach (var t in required)
                {
                    entry.Types[t] |= view.AllowedTypes[t];
                    all &= entry.Types[t];
                }
                if (all) satisfied[action.Index >> 6] |= bit;
            }
        }
        if (pending is null) return;

        var byStatement = new SortedDictionary<int, List<(ActionCapability Action, List<string> Missing)>>();
        foreach (var pair in pending)
        {
            var action = service.Actions[pair.Key];
            if ((satisfied[action.Index >> 6] & (1UL << (action.Index & 63))) != 0) continue;
            var missing = new List<string>();
            foreach (var t in action.RequiredTypeIndexes) if (!pair.Value.Types[t]) missing.Add(service.ResourceTypes[t].Name);
            if (missing.Count == 0) continue;
            var view = pair.Value.First;
            if (!byStatement.TryGetValue(view.Statement.Index, out var list)) byStatement[view.Statement.Index] = list = new();
            list.Add((action, missing));
        }

        foreach (var entry in byStatement)
        {
            var view = context.Views[entry.Key];
            var items = entry.Value.OrderBy(i => i.Action.Index).ToList();
            var sentences = items
                .GroupBy(i => string.Join(",", i.Missing))
                .Select(g =>
                {
                    var names = g.Select(i => i.Action.FullName).ToList();
                    var missing = g.First().Missing;
                    return $"{FindingText.Actions(names)} {(names.Count == 1 ? "needs" : "need")} an allowed ARN of every required resource type, but no Allow statement allows {FindingText.Join(missing, "or")}";
                });
            context.Add(view, FindingCodes.RequiredResourceTypeMissing, FindingSeverity.Error,
                items.Select(i => i.Action.FullName), view.Statement.Resources,
                string.Join("; ", sentences) + ", so the call fails with UnauthorizedOperation.");
        }
    }
}
