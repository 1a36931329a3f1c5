using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// A request carries one ARN of every required type, and the Allow statements that allow them
/// must all apply to that one request: types allowed only under Conditions that contradict each
/// other (instance only in us-east-1, volume only in eu-west-1) never come together.
/// </summary>
internal static class RequiredTypeCombination
{
    private const int SearchLimit = 10000;

    /// <summary>
    /// Null when statements whose Conditions can hold together allow every required type of the
    /// action (or when that cannot be decided quickly); otherwise the conflict in words.
    /// </summary>
    public static string? Conflict(AnalysisContext context, ActionCapability action)
    {
        var providers = new List<Provider>();
        var anyCondition = false;
        foreach (var view in context.Views)
        {
            if (view.Statement.Effect != PolicyEffect.Allow || !view.HasResources || view.IsAboutAnotherService) continue;
            if (!view.Reaches(action) || !view.IsEffective(action) || context.UnsupportedConditionKeys(view, action).Count > 0) continue;
            var types = new List<int>();
            foreach (var pair in action.RequiredResourceTypes)
                if (pair.TypeIndex >= 0 && view.AllowedTypes[pair.TypeIndex] && context.KeysMissingForType(view, action, pair).Count == 0) types.Add(pair.TypeIndex);
            if (types.Count == 0) continue;
            providers.Add(new Provider(view, types));
            anyCondition |= view.Statement.Conditions.Count > 0;
        }
        if (!anyCondition) return null;

        var required = action.RequiredTypeIndexes;
        var chosen = new List<StatementView>();
        var steps = 0;
        bool Search(int next)
        {
            if (++steps > SearchLimit) return true;
            if (next == required.Length) return true;
            var t = required[next];
            if (chosen.Any(v => v.AllowedTypes[t] && providers.First(p => p.View == v).Types.Contains(t))) return Search(next + 1);
            foreach (var provider in providers)
            {
                var (view, types) = (provider.View, provider.Types);
                if (!types.Contains(t) || !chosen.All(c => ConditionCoverage.CanHoldTogether(c.Statement, view.Statement))) continue;
                chosen.Add(view);
                if (Search(next + 1)) return true;
                chosen.RemoveAt(chosen.Count - 1);
            }
            return false;
        }
        if (Search(0)) return null;

        var service = context.Service;
        var parts = providers.Select(p =>
        {
            var typeNames = new List<string>(p.Types.Count);
            foreach (var t in p.Types) typeNames.Add(service.ResourceTypes[t].Name);
            var names = FindingText.Join(typeNames, "and");
            var when = p.View.Statement.Conditions.Count == 0 ? "always" : "only when " + ConditionCoverage.Describe(p.View.Statement.Conditions);
            return $"statement {p.View.Statement.Index} allows {names} {when}";
        }).ToList();
        return FindingText.Join(parts, "and");
    }

    // A class, not a tuple: a List and LINQ over tuples are framework code that only the JIT can
    // compile; over a class they run the framework's precompiled shared code.
    private sealed class Provider
    {
        public Provider(StatementView view, List<int> types)
        {
            View = view;
            Types = types;
        }

        public StatementView View { get; }

        /// <summary>The required types (indexes into the service's) the statement allows for the action.</summary>
        public List<int> Types { get; }
    }
}
