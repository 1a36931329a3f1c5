using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// Shared by the rules whose finding means "this statement does not apply to these actions":
/// an action that another statement of the same effect applies is only Information (the policy
/// works; AWS's own managed policies split statements on purpose).
/// </summary>
internal static class EffectivenessReport
{
    public static void Add(
        AnalysisContext context,
        StatementView view,
        string code,
        FindingSeverity severity,
        IReadOnlyList<ActionCapability> actions,
        System.Func<IReadOnlyList<string>, string> brokenMessage,
        System.Func<IReadOnlyList<string>, string> harmlessMessage)
    {
        if (actions.Count == 0) return;
        var effect = view.Statement.Effect;
        // Wildcards reach hundreds of actions: count first, so that each name array is made once at its size.
        var grants = new AnalysisContext.Grant[actions.Count];
        var harmlessCount = 0;
        for (var i = 0; i < grants.Length; i++)
        {
            grants[i] = context.GrantingStatement(view, effect, actions[i]);
            if (grants[i].Covering >= 0) harmlessCount++;
        }
        var broken = new ActionCapability[actions.Count - harmlessCount];
        var harmless = new ActionCapability[harmlessCount];
        // Per statement index, in statement order (arrays, not SortedSet/SortedDictionary: see ByStatement).
        var grantingStatements = harmlessCount > 0 ? new bool[context.Views.Length] : null;
        ByStatement<string>? conditional = null;
        for (int i = 0, b = 0, h = 0; i < grants.Length; i++)
        {
            if (grants[i].Covering < 0)
            {
                broken[b++] = actions[i];
                if (grants[i].Conditional < 0) continue;
                conditional ??= new ByStatement<string>(context.Views.Length);
                conditional.Add(grants[i].Conditional, actions[i].FullName);
                continue;
            }
            harmless[h++] = actions[i];
            grantingStatements![grants[i].Covering] = true;
        }
        if (broken.Length > 0)
        {
            var names = AnalysisContext.NamesOf(broken);
            context.Add(view, code, severity, broken, names, brokenMessage(names) + ConditionalText(context, effect, conditional, broken.Length));
        }
        if (grantingStatements is not null)
        {
            var names = AnalysisContext.NamesOf(harmless);
            var granting = new List<string>();
            for (var i = 0; i < grantingStatements.Length; i++)
            {
                if (grantingStatements[i]) granting.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var where = granting.Count == 1 ? $"statement {granting[0]}" : $"statements {FindingText.Join(granting, "and")}";
            var verb = granting.Count == 1 ? Verb(effect) : (effect == PolicyEffect.Allow ? "grant" : "deny");
            var outcome = effect == PolicyEffect.Allow ? "so the policy still works" : (names.Length == 1 ? "so it is still denied" : "so they are still denied");
            context.Add(view, code, FindingSeverity.Information, harmless, names, harmlessMessage(names) + $" {where} {verb} {FindingText.ItThey(names.Length)} elsewhere, {outcome}.");
        }
    }

    // Other statements that apply the broken actions only under a Condition of their own: the
    // finding keeps its severity, and says where they would work.
    private static string ConditionalText(AnalysisContext context, PolicyEffect effect, ByStatement<string>? conditional, int brokenCount)
    {
        if (conditional is null) return "";
        var text = "";
        for (var statement = 0; statement < conditional.Length; statement++)
        {
            if (conditional[statement] is not { } names) continue;
            var what = conditional.Count == 1 && names.Count == brokenCount ? FindingText.ItThey(names.Count) : FindingText.Actions(names);
            var condition = ConditionCoverage.Describe(context.Views[statement].Statement.Conditions);
            text += $" Statement {statement} {Verb(effect)} {what} too, but only when {condition}, which this statement's requests need not meet.";
        }
        return text;
    }

    public static string Verb(PolicyEffect effect) => effect == PolicyEffect.Allow ? "grants" : "denies";

    /// <summary>"This Allow grants nothing for" / "This Deny denies nothing for".</summary>
    public static string Nothing(PolicyEffect effect) => effect == PolicyEffect.Allow ? "This Allow grants nothing for" : "This Deny denies nothing for";
}
