using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using PolicyTools.Analysis.Rules;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// Finds the statements of a policy that cannot work as written, reasoning over the whole policy
/// the way IAM evaluates a request. Thread-safe; one instance per capability map is enough.
/// </summary>
public sealed class PolicyAnalyzer
{
    // One analyzer per map for as long as the map lives: a session that loads map files keeps
    // only the analyzers of maps still in use.
    private static readonly ConditionalWeakTable<CapabilityMap, PolicyAnalyzer> s_analyzers = new();

    // One cache per service, made when the service is first analyzed (most sessions use a few of 466).
    private readonly ConcurrentDictionary<ServiceCapabilities, Lazy<ResourceMatchCache>> _matchCaches = new();

    public PolicyAnalyzer(CapabilityMap map)
    {
        Map = map ?? throw new ArgumentNullException(nameof(map));
    }

    public CapabilityMap Map { get; }

    /// <summary>The analyzer of a map, shared so that its caches are too.</summary>
    public static PolicyAnalyzer For(CapabilityMap map)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        return s_analyzers.GetValue(map, m => new PolicyAnalyzer(m));
    }

    /// <summary>Every service of the map, each finding with the severity its service's evidence supports (<see cref="ServiceSeverity"/>).</summary>
    public IReadOnlyList<PolicyFinding> Analyze(PolicyDocument document, PolicySource source) => Analyze(document, source, ServiceScope.All);

    /// <summary>The services of <paramref name="scope"/> only (the Ec2 cmdlets: <c>ec2</c>).</summary>
    public IReadOnlyList<PolicyFinding> Analyze(PolicyDocument document, PolicySource source, ServiceScope scope)
    {
        if (document is null) throw new ArgumentNullException(nameof(document));
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (scope is null) throw new ArgumentNullException(nameof(scope));
        var findings = new List<PolicyFinding>();
        var services = ServicesFor(document);
        for (var s = 0; s < services.Count; s++)
        {
            if (!scope.Includes(services[s].Prefix)) continue;
            var context = new AnalysisContext(document, source, Map, services[s], MatchCache(services[s]), findings);
            try
            {
                Check(context, findings);
            }
            finally
            {
                context.Release();
            }
        }
        return InStatementOrder(findings);
    }

    /// <summary>
    /// <see cref="Analyze(PolicyDocument, PolicySource, ServiceScope)"/>, keeping per service the context the rules saw and their findings
    /// typed: the repairer reasons from the same facts, not from names. Dispose the result.
    /// </summary>
    internal DocumentAnalysis AnalyzeForRepair(PolicyDocument document, PolicySource source, ServiceScope? scope = null)
    {
        if (document is null) throw new ArgumentNullException(nameof(document));
        if (source is null) throw new ArgumentNullException(nameof(source));
        scope ??= ServiceScope.All;
        var findings = new List<PolicyFinding>();
        var services = ServicesFor(document);
        var contexts = new List<AnalysisContext>(services.Count);
        try
        {
            for (var s = 0; s < services.Count; s++)
            {
                if (!scope.Includes(services[s].Prefix)) continue;
                var context = new AnalysisContext(document, source, Map, services[s], MatchCache(services[s]), findings, keepTyped: true);
                contexts.Add(context);
                Check(context, findings);
            }
        }
        catch
        {
            foreach (var context in contexts) context.Release();
            throw;
        }
        return new DocumentAnalysis(InStatementOrder(findings), contexts);
    }

    /// <summary>The shared resource match cache of one of the map's services.</summary>
    internal ResourceMatchCache MatchCache(ServiceCapabilities service) =>
        _matchCaches.GetOrAdd(service, s => new Lazy<ResourceMatchCache>(() => new ResourceMatchCache(s))).Value;

    /// <summary>
    /// The services of the map a document's actions can reach, in map order: those its Action
    /// lists name. A wildcard service part (<c>*</c>, <c>*:Get*</c>, <c>ec*:Describe*</c>) or a
    /// NotAction list can reach any service, so then it is all of them. A map of one service
    /// always analyzes that service, as the EC2-only map always did.
    /// </summary>
    internal IReadOnlyList<ServiceCapabilities> ServicesFor(PolicyDocument document)
    {
        var prefixes = Map.ServicePrefixes;
        if (prefixes.Count == 1) return Map.Services;
        List<string>? named = null;
        foreach (var statement in document.Statements)
        {
            if (statement.IsNotAction) return Map.Services;
            var actions = statement.Actions;
            for (var i = 0; i < actions.Count; i++)
            {
                var action = actions[i];
                var colon = action.IndexOf(':');
                var prefix = colon < 0 ? action : action.Substring(0, colon);
                if (Matching.Wildcard.HasWildcard(prefix)) return Map.Services;
                if (colon < 0 || !Map.HasService(prefix)) continue;
                named ??= new List<string>(2);
                if (!Contains(named, prefix)) named.Add(prefix);
            }
        }
        if (named is null) return Array.Empty<ServiceCapabilities>();
        if (named.Count > 1) named.Sort((a, b) => IndexOf(prefixes, a).CompareTo(IndexOf(prefixes, b)));
        var services = new ServiceCapabilities[named.Count];
        for (var i = 0; i < services.Length; i++) services[i] = Map.GetService(named[i])!;
        return services;
    }

    private static bool Contains(List<string> prefixes, string prefix)
    {
        foreach (var p in prefixes) if (string.Equals(p, prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static int IndexOf(IReadOnlyList<string> prefixes, string prefix)
    {
        for (var i = 0; i < prefixes.Count; i++) if (string.Equals(prefixes[i], prefix, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    // The rules, then the severities the service's evidence supports.
    private static void Check(AnalysisContext context, List<PolicyFinding> findings)
    {
        var start = findings.Count;
        foreach (var rule in PolicyRules.All) rule.Check(context);
        ServiceSeverity.Apply(context, ServiceEvidence.Embedded.For(context.Service.Prefix), findings, start);
    }

    // Stable: statement order first, then the order in which the rules ran.
    private static IReadOnlyList<PolicyFinding> InStatementOrder(List<PolicyFinding> findings)
    {
        if (findings.Count <= 1 || IsInStatementOrder(findings)) return findings;
        int first = int.MaxValue, last = int.MinValue;
        foreach (var f in findings)
        {
            first = Math.Min(first, f.StatementIndex);
            last = Math.Max(last, f.StatementIndex);
        }
        var byStatement = new ByStatement<PolicyFinding>(last - first + 1);
        foreach (var f in findings) byStatement.Add(f.StatementIndex - first, f);
        var ordered = new List<PolicyFinding>(findings.Count);
        for (var i = 0; i < byStatement.Length; i++)
        {
            if (byStatement[i] is { } list) ordered.AddRange(list);
        }
        return ordered;
    }

    private static bool IsInStatementOrder(List<PolicyFinding> findings)
    {
        for (var i = 1; i < findings.Count; i++) if (findings[i].StatementIndex < findings[i - 1].StatementIndex) return false;
        return true;
    }
}
