using System.Collections.Generic;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// <c>ResourceLevelPermissionsNotSupported</c>: a statement reaches an action that has no resource
/// types (e.g. <c>ec2:DescribeVolumes</c>) while its resources do not include <c>"*"</c>.
/// </summary>
internal sealed class ResourceLevelPermissionsNotSupportedRule : IPolicyRule
{
    public const string Code = "ResourceLevelPermissionsNotSupported";

    public FindingRule Finding { get; } = new(
        Code,
        title: "The action does not support resource-level permissions, so only \"Resource\": \"*\" works for it.",
        description: "A statement reaches an action that has no resource types (nearly every ec2:Describe* action) and its Resource is not \"*\". "
            + "EC2 authorizes such a call against \"*\": an Allow grants nothing (the call fails with UnauthorizedOperation although the IAM policy simulator says it is allowed) "
            + "and a Deny denies nothing. Information instead of Error when another statement of the same effect covers the action. " + ServiceSeverity.OutsideEc2,
        help: "Move the named actions into a statement of their own with \"Resource\": \"*\" and the same Effect and Condition, and keep the ARNs for the actions that accept them. "
            + "Repair-Ec2PolicyResource does this.",
        defaultSeverity: FindingSeverity.Error,
        notRepaired: "no repair applies to this statement");

    public void Check(AnalysisContext context)
    {
        foreach (var view in context.Views)
        {
            if (!view.HasResources || view.StarAllowed || view.IsAboutAnotherService) continue;
            var actions = view.Reached.OnlyStar;
            if (actions.Length == 0) continue;

            var effect = view.Statement.Effect;
            EffectivenessReport.Add(
                context, view, FindingCodes.ResourceLevelPermissionsNotSupported, FindingSeverity.Error, actions,
                names => effect == PolicyEffect.Allow
                    ? $"This Allow grants nothing for {FindingText.Actions(names)}: {FindingText.DoesDo(names.Count)} not support resource-level permissions, so only \"Resource\": \"*\" lets {FindingText.ItThey(names.Count)} through and the call fails with UnauthorizedOperation."
                    : $"This Deny denies nothing for {FindingText.Actions(names)}: {FindingText.DoesDo(names.Count)} not support resource-level permissions, so a Deny applies to {FindingText.ItThey(names.Count)} only with \"Resource\": \"*\".",
                names => $"{FindingText.Actions(names)} {(names.Count == 1 ? "does" : "do")} not support resource-level permissions, so this statement does not apply to {FindingText.ItThey(names.Count)};");
        }
    }
}
