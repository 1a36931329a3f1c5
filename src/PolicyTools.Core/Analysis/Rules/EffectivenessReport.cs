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
        var granting = new int[actions.Count];
        var harmlessCount = 0;
        for (var i = 0; i < granting.Length; i++)
        {
            granting[i] = context.GrantingStatement(effect, actions[i]);
            if (granting[i] >= 0) harmlessCount++;
        }
        var broken = new ActionCapability[actions.Count - harmlessCount];
        var harmless = new ActionCapability[harmlessCount];
        SortedSet<int>? grantingStatements = harmlessCount > 0 ? new SortedSet<int>() : null;
        for (int i = 0, b = 0, h = 0; i < granting.Length; i++)
        {
            if (granting[i] < 0)
            {
                broken[b++] = actions[i];
                continue;
            }
            harmless[h++] = actions[i];
            grantingStatements!.Add(granting[i]);
        }
        if (broken.Length > 0)
        {
            var names = AnalysisContext.NamesOf(broken);
            context.Add(view, code, severity, broken, names, brokenMessage(names));
        }
        if (grantingStatements is not null)
        {
            var names = AnalysisContext.NamesOf(harmless);
            var where = grantingStatements.Count == 1 ? $"statement {grantingStatements.Min}" : $"statements {FindingText.Join(grantingStatements.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), "and")}";
            var verb = grantingStatements.Count == 1 ? Verb(effect) : (effect == PolicyEffect.Allow ? "grant" : "deny");
            context.Add(view, code, FindingSeverity.Information, harmless, names, harmlessMessage(names) + $" {where} {verb} {FindingText.ItThey(names.Length)} elsewhere, so the policy still works.");
        }
    }

    public static string Verb(PolicyEffect effect) => effect == PolicyEffect.Allow ? "grants" : "denies";

    /// <summary>"This Allow grants nothing for" / "This Deny denies nothing for".</summary>
    public static string Nothing(PolicyEffect effect) => effect == PolicyEffect.Allow ? "This Allow grants nothing for" : "This Deny denies nothing for";
}
