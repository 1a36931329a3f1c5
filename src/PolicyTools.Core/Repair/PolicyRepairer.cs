using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// Repairs the EC2 statements of a policy that cannot work, without widening what it allows: the
/// analyzer's <c>ResourceLevelPermissionsNotSupported</c> and <c>RequiredResourceTypeMissing</c>
/// errors, for Allow and Deny alike. Everything else is kept: statement order, Sids, key order,
/// conditions, other services' statements, unknown elements, Version. Repairing a repaired
/// document changes nothing. Thread-safe.
/// </summary>
public sealed class PolicyRepairer
{
    public PolicyRepairer(PolicyAnalyzer analyzer)
    {
        Analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
    }

    public PolicyAnalyzer Analyzer { get; }

    /// <summary>Repairs one document. Bad input throws <see cref="PolicyParseException"/>.</summary>
    public PolicyRepairResult Repair(PolicyInput input, RepairOptions? options = null)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        options ??= new RepairOptions();
        var source = input.Source;
        var original = PolicyText.Decode(input.Text);
        var document = PolicyParser.Parse(original);
        using var analysis = Analyzer.AnalyzeForRepair(document, source, options.Services);
        var findings = analysis.Findings;

        var (plan, repaired) = Plan(document, analysis, original, options);
        if (plan.IsEmpty)
            return Unchanged(source, original, findings, plan, null);

        var changes = plan.RenderChanges();
        var limit = PolicySizeLimit.For(source, options.SizeLimit);
        var size = PolicySizeLimit.Count(repaired);
        if (size > limit.Characters)
        {
            var reason = $"the repaired policy would have {PolicySizeLimit.Number(size)} characters (not counting white space), over {limit.Description}";
            if (!options.CompactActions)
            {
                var compact = new RepairOptions { ScopeConditions = options.ScopeConditions, SizeLimit = options.SizeLimit, CompactActions = true, Services = options.Services };
                var compactSize = PolicySizeLimit.Count(Plan(document, analysis, original, compact).Text);
                if (compactSize <= limit.Characters)
                    reason += $"; with -CompactActions (prefix patterns for the exact actions) it would have {PolicySizeLimit.Number(compactSize)} and fit";
            }
            return Unchanged(source, original, findings, plan, reason);
        }

        var repairedDocument = PolicyParser.Parse(repaired);
        var remaining = Analyzer.Analyze(repairedDocument, source, options.Services);
        var numbering = new RepairPlan.Numbering(document.Statements.Count, plan.Edits);
        var unrepaired = UnrepairedFindings.From(remaining, source, f =>
        {
            var originalIndex = numbering.OriginalOf(f.StatementIndex);
            return originalIndex < 0 ? null : plan.ReasonNotRepaired(originalIndex, f.Code);
        });
        return new PolicyRepairResult(source, repaired, original, changed: true, changes, unrepaired);
    }

    private static (RepairPlan Plan, string Text) Plan(PolicyDocument document, DocumentAnalysis analysis, string original, RepairOptions options)
    {
        var plan = new RepairPlan(document);
        foreach (var context in analysis.Contexts) PlanService(context, plan, options);
        if (plan.IsEmpty) return (plan, original);
        using var json = JsonDocument.Parse(original, new JsonDocumentOptions { MaxDepth = 64 });
        var format = JsonTextFormat.Detect(original);
        return (plan, format.Apply(RepairedPolicyWriter.Write(json.RootElement, plan.Edits, format.Indented)));
    }

    private PolicyRepairResult Unchanged(PolicySource source, string original, IReadOnlyList<PolicyFinding> findings, RepairPlan plan, string? tooLarge)
    {
        var changes = new List<string>();
        if (tooLarge is not null) changes.Add($"Not changed: {tooLarge}. Split the policy, or repair it by hand.");
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
    private static void PlanService(AnalysisContext context, RepairPlan plan, RepairOptions options)
    {
        SortedDictionary<int, List<AnalyzedFinding>>?[]? targets = null;
        foreach (var analyzed in context.Analyzed)
        {
            var finding = analyzed.Finding;
            if (finding.Severity != FindingSeverity.Error || analyzed.Actions.Count == 0) continue;
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
