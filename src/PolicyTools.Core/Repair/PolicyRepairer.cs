using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Principals;

namespace PolicyTools.Repair;

/// <summary>
/// Repairs the EC2 statements of a policy that cannot work, without widening what it allows: the
/// analyzer's <c>ResourceLevelPermissionsNotSupported</c> and <c>RequiredResourceTypeMissing</c>
/// errors, for Allow and Deny alike. Everything else is kept: statement order, Sids, key order,
/// conditions, other services' statements, unknown elements, Version. Repairing a repaired
/// document changes nothing. Thread-safe.
/// </summary>
internal sealed class PolicyRepairer
{
    public PolicyRepairer(PolicyAnalyzer analyzer)
    {
        Analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
    }

    public PolicyAnalyzer Analyzer { get; }

    /// <summary>Repairs one document. Bad input throws <see cref="PolicyParseException"/>.</summary>
    public PolicyRepairResult Repair(PolicyInput input, RepairOptions? options = null) => Repair(input, options, null);

    /// <summary>
    /// Repairs one document of an account (<paramref name="account"/>), changing it only for the
    /// principals it fails for (see <see cref="AccountRepairScope"/>); null: judged alone.
    /// </summary>
    public PolicyRepairResult Repair(PolicyInput input, RepairOptions? options, AccountAnalysis? account)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        options ??= new RepairOptions();
        var source = input.Source;
        var original = PolicyText.Decode(input.Text);
        var document = PolicyParser.Parse(original);
        using var analysis = Analyzer.AnalyzeForRepair(document, source, options.Services);
        var scope = account is null ? null : AccountRepairScope.For(account, input, analysis.Findings);
        var findings = scope is null ? analysis.Findings : options.Services.Filter(scope.Findings);

        var (plan, repaired) = Plan(document, analysis, original, options, scope);
        if (plan.IsEmpty)
            return Unchanged(source, original, findings, plan, null, scope);

        var changes = plan.RenderChanges().Concat(scope?.Notes ?? Enumerable.Empty<string>()).Concat(NotTheDefault(source)).ToList();
        var limit = PolicySizeLimit.For(source, options.SizeLimit);
        var size = PolicySizeLimit.Count(repaired);
        if (size > limit.Characters)
        {
            var reason = $"the repaired policy would have {PolicySizeLimit.Number(size)} characters (not counting white space), over {limit.Description}";
            if (!options.CompactActions)
            {
                var compact = new RepairOptions { ScopeConditions = options.ScopeConditions, SizeLimit = options.SizeLimit, CompactActions = true, Services = options.Services };
                var compactSize = PolicySizeLimit.Count(Plan(document, analysis, original, compact, scope).Text);
                if (compactSize <= limit.Characters)
                    reason += $"; with -CompactActions (prefix patterns for the exact actions) it would have {PolicySizeLimit.Number(compactSize)} and fit";
            }
            return Unchanged(source, original, findings, plan, reason, scope);
        }

        var repairedDocument = PolicyParser.Parse(repaired);
        var remaining = Analyzer.Analyze(repairedDocument, source, options.Services);
        var numbering = new RepairPlan.Numbering(document.Statements.Count, plan.Edits);
        var kept = scope is null ? remaining : remaining.Where(f => !scope.IsCovered(numbering.OriginalOf(f.StatementIndex), f.Code)).ToList();
        var unrepaired = UnrepairedFindings.From(kept, source, f =>
        {
            var originalIndex = numbering.OriginalOf(f.StatementIndex);
            return originalIndex < 0 ? null : plan.ReasonNotRepaired(originalIndex, f.Code);
        });
        return new PolicyRepairResult(source, repaired, original, changed: true, changes, unrepaired);
    }

    // A repaired older version must not be stored over the live one: say why it does not bind to New-IAMPolicyVersion.
    private static IEnumerable<string> NotTheDefault(PolicySource source)
    {
        if (source.IsDefaultVersion == false && source.PolicyArn is not null)
            yield return $"{source.VersionId ?? "This version"} is not the default version of {source.PolicyArn}, so this result has no PolicyArn and does not bind to New-IAMPolicyVersion: storing it as the new default would undo the changes of the version in effect. Repair the default version, or compare the two by hand.";
    }

    private static (RepairPlan Plan, string Text) Plan(PolicyDocument document, DocumentAnalysis analysis, string original, RepairOptions options, AccountRepairScope? scope)
    {
        var plan = new RepairPlan(document);
        scope?.Prepare(plan);
        foreach (var context in analysis.Contexts) PlanService(context, plan, options, scope);
        if (plan.IsEmpty) return (plan, original);
        using var json = JsonDocument.Parse(original, new JsonDocumentOptions { MaxDepth = 64 });
        return (plan, RepairedPolicyWriter.Write(original, json.RootElement, plan.Edits));
    }

    private PolicyRepairResult Unchanged(PolicySource source, string original, IReadOnlyList<PolicyFinding> findings, RepairPlan plan, string? tooLarge, AccountRepairScope? scope)
    {
        var changes = new List<string>();
        if (tooLarge is not null) changes.Add($"Not changed: {tooLarge}. Split the policy, or repair it by hand.");
        if (scope is not null) changes.AddRange(scope.Notes.Where(n => !n.Contains(" repaired for ")));
        var unrepaired = UnrepairedFindings.From(findings, source, f =>
        {
            var reason = plan.ReasonNotRepaired(f.StatementIndex, f.Code);
            if (reason is null && tooLarge is not null && FindingRepairs.Repairs(f.Code) && f.Severity == FindingSeverity.Error) return tooLarge;
            return reason;
        });
        return new PolicyRepairResult(source, original, original, changed: false, changes, unrepaired);
    }

    // Only errors: an Information finding means another statement already makes the policy work.
    // Per repair, in their order, and per statement in order: the Error findings of its code.
    private static void PlanService(AnalysisContext context, RepairPlan plan, RepairOptions options, AccountRepairScope? scope)
    {
        SortedDictionary<int, List<AnalyzedFinding>>?[]? targets = null;
        foreach (var analyzed in context.Analyzed)
        {
            var finding = analyzed.Finding;
            if (finding.Severity != FindingSeverity.Error || analyzed.Actions.Count == 0) continue;
            if (scope is not null && !scope.Plans(finding)) continue;
            var repair = FindingRepairs.IndexOf(finding.Code);
            if (repair < 0) continue;
            targets ??= new SortedDictionary<int, List<AnalyzedFinding>>?[FindingRepairs.All.Length];
            var byStatement = targets[repair] ??= new SortedDictionary<int, List<AnalyzedFinding>>();
            if (!byStatement.TryGetValue(finding.StatementIndex, out var list)) byStatement[finding.StatementIndex] = list = new List<AnalyzedFinding>();
            list.Add(analyzed);
        }
        if (targets is null) return;
        for (var r = 0; r < targets.Length; r++)
        {
            if (targets[r] is not { } byStatement) continue;
            foreach (var entry in byStatement) FindingRepairs.All[r].Plan(context, entry.Value[0].View, entry.Value, plan, options);
        }
    }
}
