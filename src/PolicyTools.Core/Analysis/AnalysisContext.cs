using System.Buffers;
using System.Collections.Generic;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>One document seen through one service: the per-statement views rules share, and the findings they add.</summary>
internal sealed class AnalysisContext
{
    private readonly List<PolicyFinding> _findings;
    // Per statement: the condition keys that could make it not apply (null until asked), and the
    // answers per action where some key is unsupported. Most statements have no such key, so the
    // common case allocates nothing per action.
    private readonly List<string>?[] _candidateKeys;
    private readonly Dictionary<int, IReadOnlyList<string>>?[] _unsupportedKeys;
    // Findings about the same statement share one read-only copy of its resources.
    private readonly ValueList?[] _statementResources;
    private ServiceEvidence? _evidence;
    private int[]? _allowGrants;
    private int[]? _denyGrants;
    private IReadOnlyList<UnmetRequiredTypes>? _unmetRequiredTypes;
    // Only a context kept for the repair remembers its findings typed.
    private readonly List<AnalyzedFinding>? _analyzed;

    public AnalysisContext(PolicyDocument document, PolicySource source, CapabilityMap map, ServiceCapabilities service, ResourceMatchCache matches, List<PolicyFinding> findings, bool keepTyped = false)
    {
        Document = document;
        Source = source;
        Map = map;
        Service = service;
        Matches = matches;
        _findings = findings;
        var statements = document.Statements;
        Views = new StatementView[statements.Count];
        for (var i = 0; i < Views.Length; i++) Views[i] = new StatementView(statements[i], service, matches, document.AllowsPolicyVariables);
        _candidateKeys = new List<string>?[Views.Length];
        _unsupportedKeys = new Dictionary<int, IReadOnlyList<string>>?[Views.Length];
        _statementResources = new ValueList?[Views.Length];
        if (keepTyped) _analyzed = new List<AnalyzedFinding>();
    }

    public PolicyDocument Document { get; }

    public PolicySource Source { get; }

    public CapabilityMap Map { get; }

    public ServiceCapabilities Service { get; }

    /// <summary>What AWS documents about the service beyond the reference (its findings' severities).</summary>
    public ServiceEvidence Evidence => _evidence ??= ServiceEvidence.Embedded.For(Service.Prefix);

    public StatementView[] Views { get; }

    /// <summary>The service's shared resource matches, for ARNs the repair writes.</summary>
    public ResourceMatchCache Matches { get; }

    /// <summary>The findings the rules added through this context, typed; empty unless the context was made to keep them.</summary>
    public IReadOnlyList<AnalyzedFinding> Analyzed => _analyzed ?? (IReadOnlyList<AnalyzedFinding>)s_noFindings;

    /// <summary>The typed findings once <see cref="ServiceSeverity"/> has weighed them (nothing when the context keeps none).</summary>
    internal void ReplaceAnalyzed(IEnumerable<AnalyzedFinding> analyzed)
    {
        if (_analyzed is null) return;
        _analyzed.Clear();
        _analyzed.AddRange(analyzed);
    }

    /// <summary>
    /// The actions whose required resource types the Allow statements do not all allow, in map
    /// order: worked out on first use (by the rule), and the same facts for the repair.
    /// </summary>
    public IReadOnlyList<UnmetRequiredTypes> UnmetRequiredTypes => _unmetRequiredTypes ??= Rules.RequiredResourceTypeMissingRule.Unmet(this);

    /// <summary>The action's entry in <see cref="UnmetRequiredTypes"/>; null when its required types are all allowed.</summary>
    public UnmetRequiredTypes? UnmetRequiredTypesOf(ActionCapability action)
    {
        foreach (var unmet in UnmetRequiredTypes) if (unmet.Action == action) return unmet;
        return null;
    }

    /// <summary>
    /// Condition keys of the statement that the action never carries and whose test fails when a
    /// key is missing; empty when the statement can apply to the action.
    /// </summary>
    public IReadOnlyList<string> UnsupportedConditionKeys(StatementView view, ActionCapability action)
    {
        var conditions = view.Statement.Conditions;
        if (conditions.Count == 0) return s_noKeys;
        var index = view.Statement.Index;
        var candidates = Candidates(view);
        if (candidates.Count == 0) return s_noKeys;
        // A few keys are cheaper to look up again than to remember per action; many are not.
        if (candidates.Count <= DirectKeyLimit) return UnsupportedAmong(candidates, action);

        var perAction = _unsupportedKeys[index] ??= new Dictionary<int, IReadOnlyList<string>>();
        if (perAction.TryGetValue(action.Index, out var keys)) return keys;
        keys = UnsupportedAmong(candidates, action);
        perAction[action.Index] = keys;
        return keys;
    }

    private const int DirectKeyLimit = 4;

    /// <summary>Whether any of the statement's condition keys could be missing from a request (most conditions test global keys).</summary>
    public bool MayLackConditionKeys(StatementView view)
    {
        return view.Statement.Conditions.Count > 0 && Candidates(view).Count > 0;
    }

    private List<string> Candidates(StatementView view) => _candidateKeys[view.Statement.Index] ??= CandidateKeys(view);

    private static IReadOnlyList<string> UnsupportedAmong(List<string> candidates, ActionCapability action)
    {
        List<string>? unsupported = null;
        var supported = action.SupportedConditionKeys;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!supported.Contains(candidates[i])) (unsupported ??= new List<string>()).Add(candidates[i]);
        }
        return unsupported ?? s_noKeys;
    }

    // The statement's keys, once each, whose test fails on a missing key and that are about this service.
    private List<string> CandidateKeys(StatementView view)
    {
        var candidates = new List<string>();
        HashSet<string>? seen = null;
        var conditions = view.Statement.Conditions;
        for (var i = 0; i < conditions.Count; i++)
        {
            var clause = conditions[i];
            if (clause.ToleratesMissingKey || IsGlobalKey(clause.Key)) continue;
            // A cross-service statement conditioning on another service's key is about that service.
            if (!view.NamesServiceExplicitly && !HasServicePrefix(clause.Key, Service.Prefix)) continue;
            if (candidates.Count < 8)
            {
                if (!candidates.Contains(clause.Key)) candidates.Add(clause.Key);
                continue;
            }
            seen ??= new HashSet<string>(candidates);
            if (seen.Add(clause.Key)) candidates.Add(clause.Key);
        }
        return candidates;
    }

    /// <summary>
    /// Another statement of the effect that really applies the action: <see cref="Grant.Covering"/>
    /// when it applies to every request the flagged statement would (no Condition, or one the
    /// flagged statement's requests always meet), else <see cref="Grant.Conditional"/> when it
    /// applies only under a Condition of its own (-1 when none).
    /// </summary>
    public Grant GrantingStatement(StatementView flagged, PolicyEffect effect, ActionCapability action)
    {
        // Few statements: asking each is cheaper than a table over every action of the service.
        if (Views.Length <= DirectScanLimit)
        {
            var conditional = -1;
            foreach (var view in Views)
            {
                if (view.Statement.Effect != effect || !Applies(flagged, view, action)) continue;
                if (ConditionCoverage.Covers(flagged.Statement, view.Statement, Service)) return new Grant(view.Statement.Index, -1);
                if (conditional < 0) conditional = view.Statement.Index;
            }
            return new Grant(-1, conditional);
        }
        var grants = effect == PolicyEffect.Allow ? (_allowGrants ??= ComputeGrants(PolicyEffect.Allow)) : (_denyGrants ??= ComputeGrants(PolicyEffect.Deny));
        var granting = grants[action.Index];
        if (granting >= 0 && AllowsTypesOf(flagged, Views[granting], action)) return new Grant(granting, -1);
        var first = -1;
        foreach (var view in granting >= 0 ? OfEffect(effect) : ConditionalViews(effect))
        {
            if (!Applies(flagged, view, action)) continue;
            if (ConditionCoverage.Covers(flagged.Statement, view.Statement, Service)) return new Grant(view.Statement.Index, -1);
            if (first < 0) first = view.Statement.Index;
        }
        return new Grant(-1, first);
    }

    private bool Applies(StatementView flagged, StatementView view, ActionCapability action) =>
        view.HasResources && view.Reaches(action) && view.IsEffective(action) && UnsupportedConditionKeys(view, action).Count == 0
        && AllowsTypesOf(flagged, view, action);

    // A request of an action with several required types carries an ARN of each: the other
    // statement stands in for the flagged one only if it allows every type of the action that the flagged one names.
    private static bool AllowsTypesOf(StatementView flagged, StatementView view, ActionCapability action)
    {
        foreach (var t in action.ResourceTypeIndexes)
            if (flagged.AllowedTypes[t] && !view.AllowedTypes[t]) return false;
        return true;
    }

    private IEnumerable<StatementView> OfEffect(PolicyEffect effect)
    {
        foreach (var view in Views) if (view.Statement.Effect == effect && view.HasResources) yield return view;
    }

    private List<StatementView> ConditionalViews(PolicyEffect effect)
    {
        ref var list = ref (effect == PolicyEffect.Allow ? ref _conditionalAllows : ref _conditionalDenies);
        if (list is not null) return list;
        list = new List<StatementView>();
        foreach (var view in Views) if (view.Statement.Effect == effect && view.HasResources && view.Statement.Conditions.Count > 0) list.Add(view);
        return list;
    }

    private List<StatementView>? _conditionalAllows;
    private List<StatementView>? _conditionalDenies;

    /// <summary>Which other statement applies an action: one that covers the flagged statement's requests, or one that works only under its own Condition.</summary>
    public readonly struct Grant
    {
        public Grant(int covering, int conditional)
        {
            Covering = covering;
            Conditional = conditional;
        }

        public int Covering { get; }

        public int Conditional { get; }
    }

    public void Add(StatementView view, string code, FindingSeverity severity, IEnumerable<string> actions, IEnumerable<string> resources, string message) =>
        Add(view, code, severity, actions as string[] ?? System.Linq.Enumerable.ToArray(actions), null, new ValueList(resources), message);

    /// <summary>A finding about all of the statement's resources; <paramref name="actions"/> becomes the finding's (not copied).</summary>
    public void Add(StatementView view, string code, FindingSeverity severity, string[] actions, string message) =>
        Add(view, code, severity, actions, null, StatementResources(view), message);

    /// <summary>A finding about all of the statement's resources whose actions are <paramref name="typed"/>, named <paramref name="names"/> (neither copied).</summary>
    public void Add(StatementView view, string code, FindingSeverity severity, ActionCapability[] typed, string[] names, string message, IReadOnlyList<string>? details = null) =>
        Add(view, code, severity, names, typed, StatementResources(view), message, details);

    /// <summary>The full names of the actions, in their order.</summary>
    public static string[] NamesOf(IReadOnlyList<ActionCapability> actions)
    {
        var names = new string[actions.Count];
        for (var i = 0; i < names.Length; i++) names[i] = actions[i].FullName;
        return names;
    }

    private ValueList StatementResources(StatementView view) => _statementResources[view.Statement.Index] ??= new ValueList(view.Statement.Resources);

    private void Add(StatementView view, string code, FindingSeverity severity, string[] actions, ActionCapability[]? typed, ValueList resources, string message, IReadOnlyList<string>? details = null)
    {
        var statement = view.Statement;
        var finding = new PolicyFinding(Source, statement.Index, statement.Sid, statement.Effect.ToString(), code, severity, ValueList.Wrap(actions), resources, message, statement.Line,
            details is null || details.Count == 0 ? null : new ValueList(details));
        _findings.Add(finding);
        _analyzed?.Add(new AnalyzedFinding(finding, view, typed ?? s_noActions));
    }

    private const int DirectScanLimit = 16;

    /// <summary>
    /// The condition keys of the statement that a request for the action never carries when it
    /// authorizes an ARN of that resource type: only the action's own and the pair's keys count.
    /// (<c>ec2:InstanceType</c> on RunInstances exists for the instance, never for the image.)
    /// </summary>
    public IReadOnlyList<string> KeysMissingForType(StatementView view, ActionCapability action, ActionResourceType pair)
    {
        var conditions = view.Statement.Conditions;
        if (conditions.Count == 0) return s_noKeys;
        List<string>? missing = null;
        for (var i = 0; i < conditions.Count; i++)
        {
            var clause = conditions[i];
            if (clause.ToleratesMissingKey || IsGlobalKey(clause.Key)) continue;
            if (!view.NamesServiceExplicitly && !HasServicePrefix(clause.Key, Service.Prefix)) continue;
            if (action.OwnConditionKeys.Contains(clause.Key) || pair.PairConditionKeys.Contains(clause.Key)) continue;
            missing ??= new List<string>();
            if (!missing.Contains(clause.Key)) missing.Add(clause.Key);
        }
        return missing ?? s_noKeys;
    }

    /// <summary>
    /// Keys every request can carry: the global <c>aws:</c> keys and AWS's cross-service keys
    /// (<c>ec2:SourceInstanceArn</c>, <c>glue:RoleAssumedBy</c>, …). The tag keys (<c>aws:RequestTag/…</c>,
    /// <c>aws:ResourceTag/…</c>, <c>aws:TagKeys</c>) are not among them: the reference lists them per action and resource.
    /// </summary>
    public static bool IsGlobalKey(string key) =>
        key.StartsWith("aws:", System.StringComparison.OrdinalIgnoreCase)
            ? !key.StartsWith("aws:RequestTag/", System.StringComparison.OrdinalIgnoreCase)
              && !key.StartsWith("aws:ResourceTag/", System.StringComparison.OrdinalIgnoreCase)
              && !key.Equals("aws:TagKeys", System.StringComparison.OrdinalIgnoreCase)
            : Facts.CrossServiceConditionKeys.Contains(key);

    private static bool HasServicePrefix(string key, string prefix) =>
        key.Length > prefix.Length && key[prefix.Length] == ':' && string.Compare(key, 0, prefix, 0, prefix.Length, System.StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Gives pooled buffers back; the context is not used after this.</summary>
    public void Release()
    {
        if (_allowGrants is not null) ArrayPool<int>.Shared.Return(_allowGrants);
        if (_denyGrants is not null) ArrayPool<int>.Shared.Return(_denyGrants);
        _allowGrants = _denyGrants = null;
    }

    private int[] ComputeGrants(PolicyEffect effect)
    {
        // One slot per action of the service, for one document: pooled, since most documents need it briefly or not at all.
        var grants = ArrayPool<int>.Shared.Rent(Service.Actions.Count);
        for (var i = 0; i < Service.Actions.Count; i++) grants[i] = -1;
        foreach (var view in Views)
        {
            // Only statements without a Condition apply to every request; the others are asked per flagged statement.
            if (view.Statement.Effect != effect || !view.HasResources || view.Statement.Conditions.Count > 0) continue;
            var reached = view.Reached;
            for (var i = 0; i < reached.Count; i++)
            {
                var action = reached[i];
                if (grants[action.Index] >= 0 || !view.IsEffective(action)) continue;
                if (UnsupportedConditionKeys(view, action).Count > 0) continue;
                grants[action.Index] = view.Statement.Index;
            }
        }
        return grants;
    }

    private static readonly IReadOnlyList<string> s_noKeys = new string[0];
    private static readonly ActionCapability[] s_noActions = new ActionCapability[0];
    private static readonly AnalyzedFinding[] s_noFindings = new AnalyzedFinding[0];
}
