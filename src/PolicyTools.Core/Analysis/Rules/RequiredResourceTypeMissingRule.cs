using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// <c>RequiredResourceTypeMissing</c>: a request carries one ARN of every required type and IAM
/// must allow each. Across all Allow statements that reach an action, some required type is
/// never allowed (<c>ec2:RunInstances</c> on <c>instance/*</c> alone). Types split over
/// several statements are fine. A statement allows a type only if its condition can hold for
/// it: <c>ec2:InstanceType</c> exists for the instance ARN of RunInstances, never for the image.
/// Deny is not checked: a Deny applies when any one ARN matches.
/// </summary>
internal sealed class RequiredResourceTypeMissingRule : IPolicyRule
{
    public void Check(AnalysisContext context)
    {
        var service = context.Service;
        // Actions known to have every required type allowed: an unconditional statement on "*"
        // settles every action it reaches at once, without a table per action.
        var satisfied = new ulong[(service.Actions.Count + 63) / 64];
        Dictionary<int, bool[]>? allowed = null;
        Dictionary<int, List<string>>? blockedBy = null;
        Dictionary<int, StatementView>? firstEffective = null;
        foreach (var view in context.Views)
        {
            if (view.Statement.Effect != PolicyEffect.Allow || !view.HasResources || view.IsAboutAnotherService) continue;
            var settlesAll = view.AllTypesAllowed && view.Statement.Conditions.Count == 0;
            foreach (var action in view.Reached.WithRequiredTypes)
            {
                var bit = 1UL << (action.Index & 63);
                if ((satisfied[action.Index >> 6] & bit) != 0) continue;
                if (!view.IsEffective(action)) continue;
                if (context.UnsupportedConditionKeys(view, action).Count > 0) continue;
                if (settlesAll)
                {
                    satisfied[action.Index >> 6] |= bit;
                    continue;
                }
                allowed ??= new Dictionary<int, bool[]>();
                firstEffective ??= new Dictionary<int, StatementView>();
                if (!allowed.TryGetValue(action.Index, out var types)) allowed[action.Index] = types = new bool[service.ResourceTypes.Count];
                foreach (var pair in action.RequiredResourceTypes)
                {
                    var t = pair.TypeIndex;
                    if (t < 0 || types[t] || !view.AllowedTypes[t]) continue;
                    var missingKeys = context.KeysMissingForType(view, action, pair);
                    if (missingKeys.Count == 0)
                    {
                        types[t] = true;
                        continue;
                    }
                    blockedBy ??= new Dictionary<int, List<string>>();
                    if (!blockedBy.TryGetValue(action.Index, out var keys)) blockedBy[action.Index] = keys = new List<string>();
                    foreach (var key in missingKeys) if (!keys.Contains(key)) keys.Add(key);
                }
                if (!firstEffective.ContainsKey(action.Index)) firstEffective[action.Index] = view;
            }
        }
        if (allowed is null || firstEffective is null) return;

        var byStatement = new SortedDictionary<int, List<(ActionCapability Action, List<string> Missing, string Because)>>();
        foreach (var pair in allowed)
        {
            var action = service.Actions[pair.Key];
            if ((satisfied[action.Index >> 6] & (1UL << (action.Index & 63))) != 0) continue;
            var missing = new List<string>();
            foreach (var t in action.RequiredTypeIndexes) if (!pair.Value[t]) missing.Add(service.ResourceTypes[t].Name);
            if (missing.Count == 0) continue;
            var because = blockedBy is not null && blockedBy.TryGetValue(pair.Key, out var keys)
                ? $" (where the resources do name them, the condition on {FindingText.Quoted(keys, "and")} is never met for them)"
                : "";
            var view = firstEffective[pair.Key];
            if (!byStatement.TryGetValue(view.Statement.Index, out var list)) byStatement[view.Statement.Index] = list = new();
            list.Add((action, missing, because));
        }

        foreach (var entry in byStatement)
        {
            var view = context.Views[entry.Key];
            var items = entry.Value.OrderBy(i => i.Action.Index).ToList();
            var sentences = items
                .GroupBy(i => string.Join(",", i.Missing) + "|" + i.Because)
                .Select(g =>
                {
                    var names = g.Select(i => i.Action.FullName).ToList();
                    var first = g.First();
                    return $"{FindingText.Actions(names)} {(names.Count == 1 ? "needs" : "need")} an allowed ARN of every required resource type, but no Allow statement allows {FindingText.Join(first.Missing, "or")}{first.Because}";
                });
            context.Add(view, FindingCodes.RequiredResourceTypeMissing, FindingSeverity.Error,
                items.Select(i => i.Action.FullName), view.Statement.Resources,
                string.Join("; ", sentences) + ", so the call fails with UnauthorizedOperation.");
        }
    }
}
