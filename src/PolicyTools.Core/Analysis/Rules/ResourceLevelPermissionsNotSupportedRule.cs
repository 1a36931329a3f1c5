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
