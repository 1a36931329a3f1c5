using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Principals;

/// <summary>
/// Principal-level analysis of an account: IAM evaluates a request against all identity policies
/// of a user (its inline and attached policies and those of its groups) or a role together, so
/// each principal's policies are analysed as one combined document, and a finding on a policy
/// statement holds for a principal only if the combined analysis still reports it. Findings stay
/// one per policy statement, with <see cref="PolicyFinding.AffectedPrincipals"/>; an Error that
/// holds for no principal the policy reaches becomes Information naming the policy that covers
/// it. A permissions boundary must allow an action by itself, so its own Errors hold for every
/// principal it bounds. Policies attached to nobody, and versions not in effect, are judged alone.
/// </summary>
internal sealed class AccountAnalysis
{
    private readonly PolicyAnalyzer _analyzer;
    private readonly Dictionary<PolicyInput, Parsed> _parsed = new(ReferenceComparer.Instance);
    private readonly Dictionary<PolicyInput, List<Principal>> _reach = new(ReferenceComparer.Instance);
    private readonly Dictionary<PolicyInput, List<Principal>> _bounds = new(ReferenceComparer.Instance);
    private readonly Dictionary<PolicyInput, Verdict> _verdicts = new(ReferenceComparer.Instance);
    private readonly List<Principal> _principals = new();

    private AccountAnalysis(PolicyAnalyzer analyzer, AccountDetails account)
    {
        _analyzer = analyzer;
        Account = account;
    }

    public AccountDetails Account { get; }

    /// <summary>The number of users and roles evaluated.</summary>
    public int PrincipalCount => _principals.Count;

    public static AccountAnalysis Run(PolicyAnalyzer analyzer, AccountDetails account)
    {
        if (analyzer is null) throw new ArgumentNullException(nameof(analyzer));
        if (account is null) throw new ArgumentNullException(nameof(account));
        var analysis = new AccountAnalysis(analyzer, account);
        analysis.Build();
        return analysis;
    }

    /// <summary>The findings of one of <see cref="AccountDetails.Inputs"/>, placed in the account; throws <see cref="PolicyParseException"/> for a document that cannot be read.</summary>
    public IReadOnlyList<PolicyFinding> FindingsFor(PolicyInput input)
    {
        var verdict = VerdictFor(input);
        if (verdict.Error is { } error) throw error;
        return verdict.Findings!;
    }

    private readonly HashSet<PolicyFinding> _covered = new();

    /// <summary>True for an Error of the document alone that every principal it reaches has covered by another policy (now Information).</summary>
    public bool IsCoveredByOtherPolicies(PolicyFinding finding) => _covered.Contains(finding);

    /// <summary>The ARNs of the principals whose requests the document takes part in (attached, inline, through a group, or as their boundary).</summary>
    public IReadOnlyList<string> PrincipalsReaching(PolicyInput input) => Reaching(input).Select(p => p.Arn).ToList();

    private Verdict VerdictFor(PolicyInput input)
    {
        if (!_verdicts.TryGetValue(input, out var verdict)) _verdicts[input] = verdict = Judge(input);
        return verdict;
    }

    private void Build()
    {
        var account = Account;
        foreach (var user in account.Users)
        {
            var policies = new List<PolicyInput>();
            AddAll(policies, user.Inline);
            AddAttached(policies, user.Attached);
            foreach (var groupName in user.Groups)
            {
                if (!account.Groups.TryGetValue(groupName, out var group)) continue;
                AddAll(policies, group.Inline);
                AddAttached(policies, group.Attached);
            }
            AddPrincipal(user, policies);
        }
        foreach (var role in account.Roles)
        {
            var policies = new List<PolicyInput>();
            AddAll(policies, role.Inline);
            AddAttached(policies, role.Attached);
            AddPrincipal(role, policies);
        }
    }

    private static void AddAll(List<PolicyInput> policies, List<PolicyInput> more)
    {
        foreach (var input in more) if (!policies.Contains(input)) policies.Add(input);
    }

    private void AddAttached(List<PolicyInput> policies, List<string> arns)
    {
        foreach (var arn in arns)
        {
            if (Account.Managed.TryGetValue(arn, out var managed) && managed.DefaultVersion is { } input && !policies.Contains(input)) policies.Add(input);
        }
    }

    private void AddPrincipal(PrincipalEntry entry, List<PolicyInput> policies)
    {
        var principal = new Principal(entry.Arn, policies.Where(p => Parse(p).Document is not null).ToList());
        _principals.Add(principal);
        foreach (var input in principal.Policies) ReachList(_reach, input).Add(principal);
        if (entry.BoundaryArn is { } boundaryArn && Account.Managed.TryGetValue(boundaryArn, out var boundary) && boundary.DefaultVersion is { } boundaryInput && Parse(boundaryInput).Document is not null)
        {
            principal.Boundary = boundaryInput;
            ReachList(_bounds, boundaryInput).Add(principal);
        }
    }

    private static List<Principal> ReachList(Dictionary<PolicyInput, List<Principal>> map, PolicyInput input)
    {
        if (!map.TryGetValue(input, out var list)) map[input] = list = new List<Principal>();
        return list;
    }

    private List<Principal> Reaching(PolicyInput input)
    {
        var all = new List<Principal>();
        if (_reach.TryGetValue(input, out var reached)) all.AddRange(reached);
        if (_bounds.TryGetValue(input, out var bounded)) foreach (var p in bounded) if (!all.Contains(p)) all.Add(p);
        return all;
    }

    private readonly Dictionary<PolicyInput, int> _ids = new(ReferenceComparer.Instance);

    private int IdOf(PolicyInput input)
    {
        if (!_ids.TryGetValue(input, out var id)) _ids[input] = id = _ids.Count;
        return id;
    }

    private Parsed Parse(PolicyInput input)
    {
        if (_parsed.TryGetValue(input, out var parsed)) return parsed;
        try
        {
            parsed = new Parsed(PolicyParser.Parse(input.Text), null);
        }
        catch (PolicyParseException ex)
        {
            parsed = new Parsed(null, ex);
        }
        _parsed[input] = parsed;
        return parsed;
    }

    private Verdict Judge(PolicyInput input)
    {
        var parsed = Parse(input);
        if (parsed.Document is null) return new Verdict(null, parsed.Error);
        var alone = _analyzer.Analyze(parsed.Document, input.Source);
        var reaching = Reaching(input);
        // Judged alone as a single document: attached to nobody, or a version not in effect.
        if (reaching.Count == 0 || input.Source.IsDefaultVersion == false)
            return new Verdict(PolicyCheck.PlaceLines(input, alone), null);

        var placed = new List<PolicyFinding>(alone.Count);
        foreach (var finding in alone)
        {
            var line = input.InputLine(finding.Line ?? 0);
            if (finding.Severity == FindingSeverity.Information)
            {
                placed.Add(finding.Place(line, finding.Severity, finding.Message, finding.AffectedPrincipals));
                continue;
            }
            var affected = reaching.Where(p => Holds(p, input, finding)).Select(p => p.Arn).ToList();
            if (affected.Count > 0 || finding.Severity != FindingSeverity.Error)
            {
                placed.Add(finding.Place(line, finding.Severity, finding.Message, new ValueList(affected)));
                continue;
            }
            var covered = finding.Place(line, FindingSeverity.Information, "Judged alone: " + finding.Message + " " + CoveredText(reaching, input, finding), new ValueList(Array.Empty<string>()));
            _covered.Add(covered);
            placed.Add(covered);
        }
        return new Verdict(placed, null);
    }

    /// <summary>True when the finding still holds with all of the principal's policies together (or, for its boundary, alone).</summary>
    private bool Holds(Principal principal, PolicyInput input, PolicyFinding finding)
    {
        if (ReferenceEquals(principal.Boundary, input)) return true;
        if (!principal.Policies.Contains(input)) return false;
        return Reports(principal.Combined(this), input, finding);
    }

    private static bool Reports(Combined combined, PolicyInput input, PolicyFinding finding)
    {
        // A missing required type is a fact about the action across all statements, reported on the
        // first statement that reaches it, which may be in another of the principal's policies.
        var anyStatement = finding.Code == FindingCodes.RequiredResourceTypeMissing;
        foreach (var other in combined.Findings)
        {
            if (other.Severity != finding.Severity || other.Code != finding.Code) continue;
            var origin = combined.Origins[other.StatementIndex];
            if (!anyStatement && (!ReferenceEquals(origin.Input, input) || origin.Index != finding.StatementIndex)) continue;
            if (other.Actions.Intersect(finding.Actions, StringComparer.OrdinalIgnoreCase).Any()) return true;
        }
        return false;
    }

    // "For arn:…:role/app-server it works through arn:…:policy/VolumeAttachInstances."
    private string CoveredText(List<Principal> reaching, PolicyInput input, PolicyFinding finding)
    {
        var parts = new List<string>();
        foreach (var principal in reaching)
        {
            if (parts.Count == 5)
            {
                parts.Add($"{reaching.Count - 5} more");
                break;
            }
            var cover = principal.Policies.FirstOrDefault(q => !ReferenceEquals(q, input) && !Reports(CombinedOf(this, principal.Arn, new List<PolicyInput> { input, q }), input, finding));
            parts.Add(cover is null ? $"{principal.Arn} (its other policies together)" : $"{principal.Arn} (through {cover.Source.Name})");
        }
        return $"But every principal it reaches has it from another policy, so it works for them: {FindingText.Join(parts, "and")}.";
    }

    private readonly Dictionary<string, Combined> _combinations = new(StringComparer.Ordinal);

    private static Combined CombinedOf(AccountAnalysis analysis, string owner, List<PolicyInput> policies)
    {
        // Principals with the same policies (roles made from one template) share one analysis.
        var key = string.Join(",", policies.Select(p => analysis.IdOf(p)));
        if (analysis._combinations.TryGetValue(key, out var cached)) return cached;
        return analysis._combinations[key] = Combine(analysis, owner, policies);
    }

    private static Combined Combine(AccountAnalysis analysis, string owner, List<PolicyInput> policies)
    {
        var statements = new List<PolicyStatement>();
        var origins = new List<(PolicyInput Input, int Index)>();
        string? version = null;
        var mixed = false;
        foreach (var input in policies)
        {
            var document = analysis.Parse(input).Document!;
            if (origins.Count == 0) version = document.Version;
            else if (document.Version != version) mixed = true;
            foreach (var s in document.Statements)
            {
                statements.Add(new PolicyStatement(statements.Count, s.Sid, s.Effect, s.Actions, s.IsNotAction, s.HasResourceElement ? s.Resources : null, s.IsNotResource, s.Conditions, s.HasPrincipal, s.Line));
                origins.Add((input, s.Index));
            }
        }
        var combined = new PolicyDocument(mixed ? PolicyDocument.CurrentVersion : version, null, statements, statementIsSingleObject: false);
        var findings = analysis._analyzer.Analyze(combined, new PolicySource(owner));
        return new Combined(findings, origins);
    }

    private sealed class Principal
    {
        private Combined? _combined;

        public Principal(string arn, List<PolicyInput> policies)
        {
            Arn = arn;
            Policies = policies;
        }

        public string Arn { get; }

        public List<PolicyInput> Policies { get; }

        public PolicyInput? Boundary { get; set; }

        public Combined Combined(AccountAnalysis analysis) => _combined ??= CombinedOf(analysis, Arn, Policies);
    }

    private sealed class Combined
    {
        public Combined(IReadOnlyList<PolicyFinding> findings, List<(PolicyInput Input, int Index)> origins)
        {
            Findings = findings;
            Origins = origins;
        }

        public IReadOnlyList<PolicyFinding> Findings { get; }

        public List<(PolicyInput Input, int Index)> Origins { get; }
    }

    private sealed class Parsed
    {
        public Parsed(PolicyDocument? document, PolicyParseException? error)
        {
            Document = document;
            Error = error;
        }

        public PolicyDocument? Document { get; }

        public PolicyParseException? Error { get; }
    }

    private sealed class Verdict
    {
        public Verdict(IReadOnlyList<PolicyFinding>? findings, PolicyParseException? error)
        {
            Findings = findings;
            Error = error;
        }

        public IReadOnlyList<PolicyFinding>? Findings { get; }

        public PolicyParseException? Error { get; }
    }

    private sealed class ReferenceComparer : IEqualityComparer<PolicyInput>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(PolicyInput? x, PolicyInput? y) => ReferenceEquals(x, y);

        public int GetHashCode(PolicyInput obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
