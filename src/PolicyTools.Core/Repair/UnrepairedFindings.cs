using System.Collections.Generic;
using PolicyTools.Analysis;

namespace PolicyTools.Repair;

/// <summary>The findings left in a document, each with the reason it was not repaired added to its message.</summary>
internal static class UnrepairedFindings
{
    public static List<PolicyFinding> From(IReadOnlyList<PolicyFinding> findings, PolicySource source, System.Func<PolicyFinding, string?> planReason)
    {
        var result = new List<PolicyFinding>();
        foreach (var finding in findings)
        {
            if (finding.Severity == FindingSeverity.Information) continue;
            var reason = planReason(finding) ?? (finding.Severity == FindingSeverity.Warning && IsRepairedCode(finding.Code)
                ? "a Warning rests on the Service Authorization Reference alone, so the statement is left as it is; check the service's documentation"
                : DefaultReason(finding.Code));
            result.Add(new PolicyFinding(
                source, finding.StatementIndex, finding.Sid, finding.Effect, finding.Code, finding.Severity,
                finding.Actions, finding.Resources, finding.Message + " Not repaired: " + reason + ".", finding.Line ?? 0));
        }
        return result;
    }

    private static bool IsRepairedCode(string code) =>
        code == FindingCodes.ResourceLevelPermissionsNotSupported || code == FindingCodes.RequiredResourceTypeMissing;

    public static string DefaultReason(string code) => code switch
    {
        FindingCodes.ResourceTypeMismatch => "which resources the statement meant for these actions cannot be known; correct its ARNs or its actions by hand",
        FindingCodes.InvalidArn => "the ARN's intended value cannot be known; correct it by hand",
        FindingCodes.UnknownAction => "check the spelling, or use a capability map that knows the action (-CapabilityMapPath)",
        FindingCodes.ConditionKeyNotSupported => "whether to drop the condition or the action is the author's call",
        FindingCodes.ResourceLevelPermissionsNotSupported or FindingCodes.RequiredResourceTypeMissing => "no repair applies to this statement",
        _ => "Repair-Ec2PolicyResource does not repair this kind of finding",
    };
}
