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
    public const string Code = "ResourceTypeMismatch";

    public FindingRule Finding { get; } = new(
        Code,
        title: "None of the statement's resources can be an ARN of a type the action accepts.",
        description: "The action supports resource-level permissions, but no Resource of the statement can match an ARN of any of its resource types "
            + "(ec2:DeleteSnapshot on volume/*). An Allow grants nothing for it and a Deny never applies to it. "
            + "Information instead of Error when another statement of the same effect covers the action. " + ServiceSeverity.OutsideEc2,
        help: "Name ARNs of the resource types the action accepts (Get-Ec2ActionCapability lists them), or move the action to the statement that names them.",
        defaultSeverity: FindingSeverity.Error,
        notRepaired: "which resources the statement meant for these actions cannot be known; correct its ARNs or its actions by hand");

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
