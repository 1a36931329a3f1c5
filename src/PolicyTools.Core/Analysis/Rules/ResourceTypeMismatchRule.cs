using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// <c>ResourceTypeMismatch</c>: a statement reaches an action that has resource types, and none of
/// the statement's resources can be an ARN of any of them (e.g. <c>ec2:AttachVolume</c> on <c>subnet/*</c>).
/// </summary>
internal sealed class ResourceTypeMismatchRule : IPolicyRule
{
    public void Check(AnalysisContext context)
    {
        foreach (var view in context.Views)
        {
            if (!view.HasResources || view.AllTypesAllowed || view.IsAboutAnotherService) continue;
            List<ActionCapability>? actions = null;
            var candidates = view.Reached.ResourceLevel;
            // ARNs in a partition that does not exist are InvalidArn already: no second finding for them.
            var partitionFixed = UnknownPartition.TypesWithPartitionFixed(context, view);
            foreach (var action in candidates)
            {
                if (view.IsEffective(action) || (partitionFixed is not null && partitionFixed.Overlaps(action.TypeSet))) continue;
                (actions ??= new List<ActionCapability>(candidates.Length)).Add(action);
            }
            if (actions is null) continue;

            var effect = view.Statement.Effect;
            var accepted = actions.Count == 1 ? $" ({FindingText.Names(actions[0].ResourceTypes.Select(t => t.Name).ToList())})" : "";
            EffectivenessReport.Add(
                context, view, FindingCodes.ResourceTypeMismatch, FindingSeverity.Error, actions,
                names => $"{EffectivenessReport.Nothing(effect)} {FindingText.Actions(names)}: none of its {(view.Statement.IsNotResource ? "resources outside NotResource" : "resources")} can be an ARN of a type {(names.Count == 1 ? "it accepts" : "they accept")}{accepted}"
                    + (effect == PolicyEffect.Allow ? ", so the call fails with UnauthorizedOperation." : ", so the Deny never applies to them."),
                names => $"None of this statement's resources fits {FindingText.Actions(names)};");
        }
    }
}
