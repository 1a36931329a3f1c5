using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// <c>ConditionKeyNotSupported</c>: the statement tests a key the action never carries (not a
/// global <c>aws:</c> key, not the action's own, not its resource types'), with an operator that
/// fails on a missing key. An Allow then never grants the action (Error); a Deny never denies it (Warning).
/// </summary>
internal sealed class ConditionKeyNotSupportedRule : IPolicyRule
{
    public const string Code = "ConditionKeyNotSupported";

    public FindingRule Finding { get; } = new(
        Code,
        title: "The statement conditions on a key that requests for the action never carry.",
        description: "The Condition tests a key that is neither global nor one of the action's own or its resource types' condition keys, without an ...IfExists operator: "
            + "the condition is never met, so an Allow never grants the action (Error) and a Deny never denies it (Warning). "
            + "Outside EC2 at most a Warning: the reference's condition-key lists there are incomplete.",
        help: "Use a condition key the action supports (Get-Ec2ActionCapability lists them), move the action to a statement without that condition, "
            + "or use the ...IfExists form of the operator if skipping the check for it is intended.",
        defaultSeverity: FindingSeverity.Error,
        notRepaired: "whether to drop the condition or the action is the author's call");

    public void Check(AnalysisContext context)
    {
        foreach (var view in context.Views)
        {
            if (!view.HasResources || !context.MayLackConditionKeys(view) || view.IsAboutAnotherService) continue;
            List<ActionCapability>? actions = null;
            List<string>? keys = null;
            HashSet<string>? keySet = null;   // a statement may test thousands of keys: no List.Contains
            var reached = view.Reached;
            for (var i = 0; i < reached.Count; i++)
            {
                var action = reached[i];
                if (!view.IsEffective(action)) continue; // already reported as not applying
                var unsupported = context.UnsupportedConditionKeys(view, action);
                if (unsupported.Count == 0) continue;
                (actions ??= new List<ActionCapability>(view.Reached.Count)).Add(action);
                keys ??= new List<string>();
                keySet ??= new HashSet<string>();
                foreach (var key in unsupported) if (keySet.Add(key)) keys.Add(key);
            }
            if (actions is null || keys is null) continue;

            var effect = view.Statement.Effect;
            var keyText = (keys.Count == 1 ? "the condition key " : "the condition keys ") + FindingText.Quoted(keys, "or");
            // Outside EC2 the reference's key lists are incomplete: it only says what it does not list.
            var sure = context.Evidence.TrustReference is not null;
            EffectivenessReport.Add(
                context, view, FindingCodes.ConditionKeyNotSupported,
                effect == PolicyEffect.Allow ? FindingSeverity.Error : FindingSeverity.Warning,
                actions,
                names => sure
                    ? (effect == PolicyEffect.Allow ? $"This Allow never grants {FindingText.Actions(names)}" : $"This Deny never denies {FindingText.Actions(names)}")
                      + $": requests for {FindingText.ItThey(names.Count)} never carry {keyText}, so the condition is never met; use ...IfExists if that is intended."
                    : (effect == PolicyEffect.Allow ? $"This Allow may never grant {FindingText.Actions(names)}" : $"This Deny may never deny {FindingText.Actions(names)}")
                      + $": the Service Authorization Reference does not list {keyText} for {FindingText.ItThey(names.Count)}, so requests may never carry {(keys.Count == 1 ? "it" : "them")} and the condition never be met; use ...IfExists if that is intended.",
                names => sure
                    ? $"Requests for {FindingText.Actions(names)} never carry {keyText}, so this statement never applies to {FindingText.ItThey(names.Count)};"
                    : $"The Service Authorization Reference does not list {keyText} for {FindingText.Actions(names)}, so this statement may never apply to {FindingText.ItThey(names.Count)};");
        }
    }
}
