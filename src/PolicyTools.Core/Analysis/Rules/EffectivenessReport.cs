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
        IEnumerable<string> resources,
        System.Func<IReadOnlyList<string>, string> brokenMessage,
        System.Func<IReadOnlyList<string>, string> harmlessMessage)
    {
        if (actions.Count == 0) return;
        var effect = view.Statement.Effect;
        var broken = new List<string>();
        var harmless = new List<string>();
        var grantingStatements = new SortedSet<int>();
        foreach (var action in actions)
        {
            var granting = context.GrantingStatement(effect, action);
            if (granting >= 0)
            {
                harmless.Add(action.FullName);
                grantingStatements.Add(granting);
            }
            else
            {
                broken.Add(action.FullName);
            }
        }
        var resourceList = resources as IReadOnlyList<string> ?? resources.ToList();
        if (broken.Count > 0) context.Add(view, code, severity, broken, resourceList, brokenMessage(broken));
        if (harmless.Count > 0)
        {
            var where = grantingStatements.Count == 1 ? $"statement {grantingStatements.Min}" : $"statements {FindingText.Join(grantingStatements.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), "and")}";
            var verb = grantingStatements.Count == 1 ? Verb(effect) : (effect == PolicyEffect.Allow ? "grant" : "deny");
            context.Add(view, code, FindingSeverity.Information, harmless, resourceList, harmlessMessage(harmless) + $" {where} {verb} {FindingText.ItThey(harmless.Count)} elsewhere, so the policy still works.");
        }
    }

    public static string Verb(PolicyEffect effect) => effect == PolicyEffect.Allow ? "grants" : "denies";

    /// <summary>"This Allow grants nothing for" / "This Deny denies nothing for".</summary>
    public static string Nothing(PolicyEffect effect) => effect == PolicyEffect.Allow ? "This Allow grants nothing for" : "This Deny denies nothing for";
}
