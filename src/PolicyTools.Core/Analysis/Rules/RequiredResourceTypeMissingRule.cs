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
    public const string Code = "RequiredResourceTypeMissing";

    public FindingRule Finding { get; } = new(
        Code,
        title: "A required resource type of the action is allowed by no Allow statement of the policy.",
        description: "A request for a multi-resource action carries one ARN of each required resource type, and every one must be allowed. "
            + "Across all Allow statements in which the action is effective, some required type is matched by none: "
            + "ec2:RunInstances allowed on instance/* alone also needs image, network-interface, security-group and subnet. "
            + "Reported only for services whose required types are known to be all needed in one request (EC2): elsewhere the reference's Required flag often marks alternatives.",
        help: "Allow ARNs of the missing types, in the same or another statement, for example arn:aws:ec2:us-east-1::image/* and "
            + "arn:aws:ec2:us-east-1:123456789012:subnet/*. Repair-Ec2PolicyResource adds them in the region and account already granted.",
        defaultSeverity: FindingSeverity.Error,
        notRepaired: "no repair applies to this statement");

    /// <summary>
    /// What the Allow statements grant each action with required types, for the actions they do
    /// not grant every required type: the one computation behind this rule and its repair (read it
    /// through <see cref="AnalysisContext.UnmetRequiredTypes"/>).
    /// </summary>
    internal static IReadOnlyList<UnmetRequiredTypes> Unmet(AnalysisContext context)
    {
        var service = context.Service;
        // Actions known to have every required type allowed: an unconditional statement whose
        // resources allow them all settles the action at once, without a table for it.
        ulong[]? satisfied = null;
        Dictionary<int, UnmetRequiredTypes>? pending = null;
        foreach (var view in context.Views)
        {
            if (view.Statement.Effect != PolicyEffect.Allow || !view.HasResources || view.IsAboutAnotherService) continue;
            var unconditional = view.Statement.Conditions.Count == 0;
            foreach (var action in view.Reached.WithRequiredTypes)
            {
                var bit = 1UL << (action.Index & 63);
                if (satisfied is not null && (satisfied[action.Index >> 6] & bit) != 0) continue;
                if (!view.IsEffective(action)) continue;
                if (context.UnsupportedConditionKeys(view, action).Count > 0) continue;
                // A statement that alone allows every required type settles the action.
                if (view.AllowedTypes.IsSupersetOf(action.RequiredTypeSet) && (unconditional || ConditionHoldsForEveryRequiredType(context, view, action)))
                {
                    satisfied ??= new ulong[(service.Actions.Count + 63) / 64];
                    satisfied[action.Index >> 6] |= bit;
                    continue;
                }
                pending ??= new Dictionary<int, UnmetRequiredTypes>();
                if (!pending.TryGetValue(action.Index, out var state)) pending[action.Index] = state = new UnmetRequiredTypes(action, view, service.ResourceTypes.Count);
                else state.AddGranting(view);
                var pairs = action.RequiredResourceTypes;
                for (var p = 0; p < pairs.Count; p++)
                {
                    var pair = pairs[p];
                    var t = pair.TypeIndex;
                    if (t < 0 || state.Allowed[t] || !view.AllowedTypes[t]) continue;
                    var missingKeys = context.KeysMissingForType(view, action, pair);
                    if (missingKeys.Count == 0)
                    {
                        state.Allowed.Add(t);
                        continue;
                    }
                    var keys = state.BlockingKeys ??= new List<string>();
                    foreach (var key in missingKeys) if (!keys.Contains(key)) keys.Add(key);
                }
            }
        }
        if (pending is null) return s_none;

        var unmet = new List<UnmetRequiredTypes>();
        foreach (var entry in pending)
        {
            var action = entry.Value.Action;
            if (satisfied is not null && (satisfied[action.Index >> 6] & (1UL << (action.Index & 63))) != 0) continue;
            if (!entry.Value.IsMet) unmet.Add(entry.Value);
            // Allowed across statements, but perhaps only under Conditions that never hold together.
            else if (RequiredTypeCombination.Conflict(context, action) is { } conflict)
            {
                entry.Value.Conflict = conflict;
                unmet.Add(entry.Value);
            }
        }
        unmet.Sort((a, b) => a.Action.Index.CompareTo(b.Action.Index));
        return unmet;
    }

    public void Check(AnalysisContext context)
    {
        var unmet = context.UnmetRequiredTypes;
        if (unmet.Count == 0) return;
        var service = context.Service;

        var byStatement = new ByStatement<UnmetAction>(context.Views.Length);
        foreach (var state in unmet)
        {
            var action = state.Action;
            var view = state.Granting[0];
            if (state.Conflict is { } conflict)
            {
                byStatement.Add(view.Statement.Index, new UnmetAction(action, new List<string>(), conflict));
                continue;
            }
            var missing = new List<string>();
            foreach (var t in state.MissingTypeIndexes()) missing.Add(service.ResourceTypes[t].Name);
            var because = state.BlockingKeys is { } keys
                ? $" (where the resources do name them, the condition on {FindingText.Quoted(keys, "and")} is never met for them)"
                : "";
            byStatement.Add(view.Statement.Index, new UnmetAction(action, missing, because));
        }

        for (var statement = 0; statement < byStatement.Length; statement++)
        {
            if (byStatement[statement] is not { } items) continue;
            var view = context.Views[statement];
            items.Sort((a, b) => a.Action.Index.CompareTo(b.Action.Index));
            // One sentence per distinct (missing types, reason), naming its actions, in action order.
            var sentences = new List<Sentence>();
            foreach (var item in items)
            {
                var key = string.Join(",", item.Missing) + "|" + item.Because;
                var sentence = sentences.Find(s => s.Key == key);
                if (sentence is null) sentences.Add(sentence = new Sentence(key, item.Missing, item.Because));
                sentence.Names.Add(item.Action.FullName);
            }
            var actions = new ActionCapability[items.Count];
            for (var i = 0; i < actions.Length; i++) actions[i] = items[i].Action;
            var names = AnalysisContext.NamesOf(actions);
            // Many actions missing different types (a NotAction or wildcard statement) make one short
            // sentence: the actions are in Actions, and what each lacks in Details.
            var missingTypes = items.SelectMany(i => i.Missing).Distinct().ToList();
            var text = sentences.Count <= 2
                ? string.Join("; ", sentences.Select(s => s.Missing.Count == 0
                    ? $"{FindingText.Actions(s.Names)} {(s.Names.Count == 1 ? "needs" : "need")} an allowed ARN of every required resource type on one request, but {s.Because}, and those Conditions never hold together"
                    : $"{FindingText.Actions(s.Names)} {(s.Names.Count == 1 ? "needs" : "need")} an allowed ARN of every required resource type, but no Allow statement allows {FindingText.Join(s.Missing, "or")}{s.Because}"))
                : $"{FindingText.Actions(names)} need an allowed ARN of every required resource type, but " + (missingTypes.Count == 0
                    ? "the Allow statements never allow them all on one request"
                    : $"no Allow statement allows some of them ({FindingText.Names(missingTypes, 4)})");
            var details = sentences.Count <= 2 ? null
                : sentences.Select(s => s.Missing.Count == 0
                    ? $"{string.Join(", ", s.Names)}: {s.Because}, and those Conditions never hold together"
                    : $"{string.Join(", ", s.Names)}: no {FindingText.Join(s.Missing, "or")}{s.Because}").ToList();
            context.Add(view, FindingCodes.RequiredResourceTypeMissing, FindingSeverity.Error, actions, names,
                text + ", so the call fails with UnauthorizedOperation.", details);
        }
    }

    private static readonly UnmetRequiredTypes[] s_none = new UnmetRequiredTypes[0];

    private static bool ConditionHoldsForEveryRequiredType(AnalysisContext context, StatementView view, ActionCapability action)
    {
        var pairs = action.RequiredResourceTypes;
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            if (pair.TypeIndex >= 0 && context.KeysMissingForType(view, action, pair).Count > 0) return false;
        }
        return true;
    }

    // Classes, not tuples: Lists and LINQ over tuples are framework code that only the JIT can
    // compile; over classes they run the framework's precompiled shared code.
    private sealed class UnmetAction
    {
        public UnmetAction(ActionCapability action, List<string> missing, string because)
        {
            Action = action;
            Missing = missing;
            Because = because;
        }

        public ActionCapability Action { get; }

        public List<string> Missing { get; }

        public string Because { get; }
    }

    private sealed class Sentence
    {
        public Sentence(string key, List<string> missing, string because)
        {
            Key = key;
            Missing = missing;
            Because = because;
        }

        public string Key { get; }

        public List<string> Names { get; } = new();

        public List<string> Missing { get; }

        public string Because { get; }
    }
}
