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

    // The document's own findings (as the repair analysed it) to the same findings placed in the account: same order.
    private readonly Dictionary<PolicyFinding, PolicyFinding> _placed = new();

    private AccountRepairScope(AccountAnalysis account, IReadOnlyList<PolicyFinding> alone, IReadOnlyList<PolicyFinding> findings, IReadOnlyList<string> reaching)
    {
        var planned = new List<PolicyFinding>(findings.Count);
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            var before = planned.Count;
            Place(account, finding, reaching, planned);
            if (i < alone.Count && planned.Count > before) _placed[alone[i]] = planned[planned.Count - 1];
        }
        Findings = planned;
    }

    private void Place(AccountAnalysis account, PolicyFinding finding, IReadOnlyList<string> reaching, List<PolicyFinding> planned)
    {
        var repairable = FindingRepairs.Repairs(finding.Code);
        if (!repairable || reaching.Count == 0)
        {
            planned.Add(finding);
            return;
        }
        var where = $"Statement {finding.StatementIndex.ToString(CultureInfo.InvariantCulture)} ({finding.Code})";
        if (account.IsCoveredByOtherPolicies(finding))
        {
            if (_covered.Add((finding.StatementIndex, finding.Code)))
                Notes.Add($"{where} not changed: every principal the policy reaches has it from another of its policies ({FindingText.Join(reaching, "and")}).");
            planned.Add(finding);
            return;
        }
        if (finding.Severity != FindingSeverity.Error)
        {
            planned.Add(finding);
            return;
        }
        var others = reaching.Where(p => !finding.AffectedPrincipals.Contains(p)).ToList();
        if (others.Count > 0)
        {
            _heldBack.Add((finding.StatementIndex, finding.Code,
                $"it fails for {FindingText.Join(finding.AffectedPrincipals, "and")}, but the fix would also reach {FindingText.Join(others, "and")}, which {(others.Count == 1 ? "has" : "have")} it from other policies, possibly on narrower resources or conditions than the fix would grant; give the failing principals their own fix (for example an inline policy), or repair by hand"));
            planned.Add(finding.Place(finding.Line, FindingSeverity.Warning, finding.Message, finding.AffectedPrincipals));
            return;
        }
        Notes.Add($"{where} repaired for {FindingText.Join(finding.AffectedPrincipals, "and")}, for which it fails with all their policies together.");
        planned.Add(finding);
    }

    /// <summary>The findings the plan works from: held-back errors no longer count as errors.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; }

    /// <summary>Lines for the result's Changes.</summary>
    public List<string> Notes { get; } = new();

    /// <summary>The scope of one document; <paramref name="alone"/> are its findings as the repair analysed it, in the order the account has them.</summary>
    public static AccountRepairScope For(AccountAnalysis account, PolicyInput input, IReadOnlyList<PolicyFinding> alone) =>
        new(account, alone, account.FindingsFor(input), account.PrincipalsReaching(input));

    /// <summary>True when the repair may fix the document's own finding: it is still an Error in the account, and not held back.</summary>
    public bool Plans(PolicyFinding alone) => _placed.TryGetValue(alone, out var placed) && placed.Severity == FindingSeverity.Error;

    /// <summary>Registers why held-back findings were not repaired.</summary>
    public void Prepare(RepairPlan plan)
    {
        foreach (var (statement, code, reason) in _heldBack) plan.NotRepaired(statement, code, reason);
    }

    /// <summary>True when the finding (by its statement in the original document) works for every principal through other policies.</summary>
    public bool IsCovered(int originalStatement, string code) => _covered.Contains((originalStatement, code));
}
