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
        var findings = Analyzer.Analyze(document, source, options.Services);

        var (plan, repaired) = Plan(document, source, findings, original, options);
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
                var compactSize = PolicySizeLimit.Count(Plan(document, source, findings, original, compact).Text);
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

    private (RepairPlan Plan, string Text) Plan(PolicyDocument document, PolicySource source, IReadOnlyList<PolicyFinding> findings, string original, RepairOptions options)
    {
        var plan = new RepairPlan(document);
        foreach (var service in Analyzer.Map.Services)
        {
            if (options.Services.Includes(service.Prefix)) PlanService(document, source, service, findings, plan, options);
        }
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
            if (reason is null && tooLarge is not null && IsRepairedCode(f.Code) && f.Severity == FindingSeverity.Error) return tooLarge;
            return reason;
        });
        return new PolicyRepairResult(source, original, original, changed: false, changes, unrepaired);
    }

    private static bool IsRepairedCode(string code) =>
        code == FindingCodes.ResourceLevelPermissionsNotSupported || code == FindingCodes.RequiredResourceTypeMissing;

    private void PlanService(PolicyDocument document, PolicySource source, ServiceCapabilities service, IReadOnlyList<PolicyFinding> findings, RepairPlan plan, RepairOptions options)
    {
        // Only errors: an Information finding means another statement already makes the policy work.
        var starErrors = new SortedSet<int>();
        // Outside a trusted service only the actions of Error findings move: a Warning's claim rests on the reference alone.
        var trusted = ServiceEvidence.Embedded.For(service.Prefix).TrustReference is not null;
        var starActions = new Dictionary<int, HashSet<ActionCapability>>();
        var requiredErrors = new SortedDictionary<int, List<ActionCapability>>();
        foreach (var finding in findings)
        {
            if (finding.Severity != FindingSeverity.Error) continue;
            var actions = finding.Actions.Select(service.GetAction).Where(a => a is not null).Select(a => a!).ToList();
            if (actions.Count == 0) continue;
            if (finding.Code == FindingCodes.ResourceLevelPermissionsNotSupported)
            {
                starErrors.Add(finding.StatementIndex);
                if (!starActions.TryGetValue(finding.StatementIndex, out var set)) starActions[finding.StatementIndex] = set = new HashSet<ActionCapability>();
                set.UnionWith(actions);
            }
            else if (finding.Code == FindingCodes.RequiredResourceTypeMissing)
            {
                if (!requiredErrors.TryGetValue(finding.StatementIndex, out var list)) requiredErrors[finding.StatementIndex] = list = new List<ActionCapability>();
                list.AddRange(actions.Where(a => !list.Contains(a)));
            }
        }
        if (starErrors.Count == 0 && requiredErrors.Count == 0) return;

        var context = Analyzer.CreateContext(document, source, service);
        foreach (var index in starErrors) StarCompanionPlanner.Plan(context, context.Views[index], plan, options, trusted ? null : starActions[index]);
        var matches = Analyzer.MatchCache(service);
        foreach (var entry in requiredErrors) RequiredTypePlanner.Plan(context, matches, entry.Key, entry.Value, plan);
    }
}
