using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>One document seen through one service: the per-statement views rules share, and the findings they add.</summary>
internal sealed class AnalysisContext
{
    private readonly List<PolicyFinding> _findings;
    private readonly List<string>?[][] _unsupportedKeys;
    private int[]? _allowGrants;
    private int[]? _denyGrants;

    public AnalysisContext(PolicyDocument document, PolicySource source, CapabilityMap map, ServiceCapabilities service, ResourceMatchCache matches, List<PolicyFinding> findings)
    {
        Document = document;
        Source = source;
        Map = map;
        Service = service;
        _findings = findings;
        Views = document.Statements.Select(s => new StatementView(s, service, matches, document.AllowsPolicyVariables)).ToArray();
        _unsupportedKeys = new List<string>?[Views.Length][];
    }

    public PolicyDocument Document { get; }

    public PolicySource Source { get; }

    public CapabilityMap Map { get; }

    public ServiceCapabilities Service { get; }

    public StatementView[] Views { get; }

    /// <summary>
    /// Condition keys of the statement that the action never carries and whose test fails when a
    /// key is missing; empty when the statement can apply to the action.
    /// </summary>
    public IReadOnlyList<string> UnsupportedConditionKeys(StatementView view, ActionCapability action)
    {
        var conditions = view.Statement.Conditions;
        if (conditions.Count == 0) return s_noKeys;
        var perAction = _unsupportedKeys[view.Statement.Index] ??= new List<string>?[Service.Actions.Count];
        var keys = perAction[action.Index];
        if (keys is not null) return keys;

        keys = new List<string>();
        foreach (var clause in conditions)
        {
            if (clause.ToleratesMissingKey || IsGlobalKey(clause.Key)) continue;
            // A cross-service statement conditioning on another service's key is about that service.
            if (!view.NamesServiceExplicitly && !HasServicePrefix(clause.Key, Service.Prefix)) continue;
            if (!action.SupportedConditionKeys.Contains(clause.Key) && !keys.Contains(clause.Key)) keys.Add(clause.Key);
        }
        perAction[action.Index] = keys;
        return keys;
    }

    /// <summary>The first other statement of the effect that really applies the action (-1 when none).</summary>
    public int GrantingStatement(PolicyEffect effect, ActionCapability action)
    {
        var grants = effect == PolicyEffect.Allow ? (_allowGrants ??= ComputeGrants(PolicyEffect.Allow)) : (_denyGrants ??= ComputeGrants(PolicyEffect.Deny));
        return grants[action.Index];
    }

    public void Add(StatementView view, string code, FindingSeverity severity, IEnumerable<string> actions, IEnumerable<string> resources, string message)
    {
        var statement = view.Statement;
        _findings.Add(new PolicyFinding(Source, statement.Index, statement.Sid, statement.Effect.ToString(), code, severity, actions, resources, message, statement.Line));
    }

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
        foreach (var clause in conditions)
        {
            if (clause.ToleratesMissingKey || IsGlobalKey(clause.Key)) continue;
            if (!view.NamesServiceExplicitly && !HasServicePrefix(clause.Key, Service.Prefix)) continue;
            if (action.OwnConditionKeys.Contains(clause.Key) || pair.PairConditionKeys.Contains(clause.Key)) continue;
            missing ??= new List<string>();
            if (!missing.Contains(clause.Key)) missing.Add(clause.Key);
        }
        return missing ?? s_noKeys;
    }

    /// <summary>
    /// Keys every request carries. The tag keys (<c>aws:RequestTag/…</c>, <c>aws:ResourceTag/…</c>,
    /// <c>aws:TagKeys</c>) are not among them: the reference lists them per action and resource.
    /// </summary>
    public static bool IsGlobalKey(string key) =>
        key.StartsWith("aws:", System.StringComparison.OrdinalIgnoreCase)
        && !key.StartsWith("aws:RequestTag/", System.StringComparison.OrdinalIgnoreCase)
        && !key.StartsWith("aws:ResourceTag/", System.StringComparison.OrdinalIgnoreCase)
        && !key.Equals("aws:TagKeys", System.StringComparison.OrdinalIgnoreCase);

    private static bool HasServicePrefix(string key, string prefix) =>
        key.Length > prefix.Length && key[prefix.Length] == ':' && string.Compare(key, 0, prefix, 0, prefix.Length, System.StringComparison.OrdinalIgnoreCase) == 0;

    private int[] ComputeGrants(PolicyEffect effect)
    {
        var grants = new int[Service.Actions.Count];
        for (var i = 0; i < grants.Length; i++) grants[i] = -1;
        foreach (var view in Views)
        {
            if (view.Statement.Effect != effect || !view.HasResources) continue;
            foreach (var action in view.Reached)
            {
                if (grants[action.Index] >= 0 || !view.IsEffective(action)) continue;
                if (UnsupportedConditionKeys(view, action).Count > 0) continue;
                grants[action.Index] = view.Statement.Index;
            }
        }
        return grants;
    }

    private static readonly IReadOnlyList<string> s_noKeys = new string[0];
}
