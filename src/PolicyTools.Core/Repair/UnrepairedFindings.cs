using System.Collections.Generic;
using PolicyTools.Analysis.Rules;
using PolicyTools.Analysis;
using PolicyTools.Inputs;

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
            var reason = planReason(finding) ?? (finding.Severity == FindingSeverity.Warning && Repair.FindingRepairs.Repairs(finding.Code)
                ? "a Warning rests on the Service Authorization Reference alone, so the statement is left as it is; check the service's documentation"
                : DefaultReason(finding.Code));
            result.Add(new PolicyFinding(
                source, finding.StatementIndex, finding.Sid, finding.Effect, finding.Code, finding.Severity,
                finding.Actions, finding.Resources, finding.Message + " Not repaired: " + reason + ".", finding.Line ?? 0));
        }
        return result;
    }

    /// <summary>The rule's reason, when the repair gave none of its own.</summary>
    public static string DefaultReason(string code) => PolicyRules.Find(code)?.Finding.NotRepaired ?? FindingRule.NoRepairForCode;
}
