using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Principals;

namespace PolicyTools.Repair;

/// <summary>
/// Repair in an account: a policy is changed only for the principals it fails for. A finding that
/// holds for no principal the policy reaches is left alone (another policy covers it); one that
/// holds for some principals but not others is reported, not repaired, because the fix would give
/// the others more than their own policies allow; one that holds for every principal (or a policy
/// attached to nobody) is repaired, and Changes names the principals.
/// </summary>
internal sealed class AccountRepairScope
{
    private readonly HashSet<(int Statement, string Code)> _covered = new();
    private readonly List<(int Statement, string Code, string Reason)> _heldBack = new();

    private AccountRepairScope(AccountAnalysis account, IReadOnlyList<PolicyFinding> findings, IReadOnlyList<string> reaching)
    {
        var planned = new List<PolicyFinding>(findings.Count);
        foreach (var finding in findings)
        {
            var repairable = finding.Code is FindingCodes.ResourceLevelPermissionsNotSupported or FindingCodes.RequiredResourceTypeMissing;
            if (!repairable || reaching.Count == 0)
            {
                planned.Add(finding);
                continue;
            }
            var where = $"Statement {finding.StatementIndex.ToString(CultureInfo.InvariantCulture)} ({finding.Code})";
            if (account.IsCoveredByOtherPolicies(finding))
            {
                if (_covered.Add((finding.StatementIndex, finding.Code)))
                    Notes.Add($"{where} not changed: every principal the policy reaches has it from another of its policies ({FindingText.Join(reaching, "and")}).");
                planned.Add(finding);
                continue;
            }
            if (finding.Severity != FindingSeverity.Error)
            {
                planned.Add(finding);
                continue;
            }
            var others = reaching.Where(p => !finding.AffectedPrincipals.Contains(p)).ToList();
            if (others.Count > 0)
            {
                _heldBack.Add((finding.StatementIndex, finding.Code,
                    $"it fails for {FindingText.Join(finding.AffectedPrincipals, "and")}, but the fix would also reach {FindingText.Join(others, "and")}, which {(others.Count == 1 ? "has" : "have")} it from other policies, possibly on narrower resources or conditions than the fix would grant; give the failing principals their own fix (for example an inline policy), or repair by hand"));
                planned.Add(finding.Place(finding.Line, FindingSeverity.Warning, finding.Message, finding.AffectedPrincipals));
                continue;
            }
            Notes.Add($"{where} repaired for {FindingText.Join(finding.AffectedPrincipals, "and")}, for which it fails with all their policies together.");
            planned.Add(finding);
        }
        Findings = planned;
    }

    /// <summary>The findings the plan works from: held-back errors no longer count as errors.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; }

    /// <summary>Lines for the result's Changes.</summary>
    public List<string> Notes { get; } = new();

    public static AccountRepairScope For(AccountAnalysis account, PolicyInput input) =>
        new(account, account.FindingsFor(input), account.PrincipalsReaching(input));

    /// <summary>Registers why held-back findings were not repaired.</summary>
    public void Prepare(RepairPlan plan)
    {
        foreach (var (statement, code, reason) in _heldBack) plan.NotRepaired(statement, code, reason);
    }

    /// <summary>True when the finding (by its statement in the original document) works for every principal through other policies.</summary>
    public bool IsCovered(int originalStatement, string code) => _covered.Contains((originalStatement, code));
}
