using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System;
using PolicyTools.Analysis.Rules;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// Finds the statements of a policy that cannot work as written, reasoning over the whole policy
/// the way IAM evaluates a request. Thread-safe; one instance per capability map is enough.
/// </summary>
internal sealed class PolicyAnalyzer
{
    // One analyzer per map for as long as the map lives: a session that loads map files keeps
    // only the analyzers of maps still in use.
    private static readonly ConditionalWeakTable<CapabilityMap, PolicyAnalyzer> s_analyzers = new();

    // One cache per service, made when the service is first analyzed (most sessions use a few of 466).
    private readonly ConcurrentDictionary<ServiceCapabilities, Lazy<ResourceMatchCache>> _matchCaches = new();

    private Dictionary<string, int>? _serviceOrder;

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
        var nothingToFind = services.Count > 1 ? NothingToFind.For(document, Map, scope) : null;
        for (var s = 0; s < services.Count; s++)
        {
            if (!scope.Includes(services[s].Prefix) || (nothingToFind is not null && nothingToFind.In(services[s]))) continue;
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
        if (Map.ServicePrefixes.Count == 1) return Map.Services;
        // AWS's largest policies name hundreds of services in thousands of actions: each statement's
        // prefixes are grouped once (ActionsByService), and looked up, not compared, here.
        var order = ServiceOrder;
        var prefixes = Map.ServicePrefixes;
        bool[]? named = null;
        var count = 0;
        foreach (var statement in document.Statements)
        {
            if (statement.IsNotAction) return Map.Services;
            var actions = statement.ActionsByService;
            if (actions.NamesEveryService) return Map.Services;
            foreach (var prefix in actions.Prefixes)
            {
                if (!order.TryGetValue(prefix, out var index)) continue;
                named ??= new bool[prefixes.Count];
                if (named[index]) continue;
                named[index] = true;
                count++;
            }
        }
        if (named is null) return Array.Empty<ServiceCapabilities>();
        var services = new ServiceCapabilities[count];
        var next = 0;
        for (var i = 0; i < named.Length; i++)
            if (named[i]) services[next++] = Map.GetService(prefixes[i])!;
        return services;
    }

    // Each service's position in the map, by prefix (case-insensitive).
    private Dictionary<string, int> ServiceOrder =>
        System.Threading.Volatile.Read(ref _serviceOrder) ?? Publish.Once(ref _serviceOrder, OrderOf(Map.ServicePrefixes));

    private static Dictionary<string, int> OrderOf(IReadOnlyList<string> prefixes)
    {
        var order = new Dictionary<string, int>(prefixes.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < prefixes.Count; i++) order[prefixes[i]] = i;
        return order;
    }

    // The rules, then the severities the service's evidence supports.
    private static void Check(AnalysisContext context, List<PolicyFinding> findings)
    {
        var start = findings.Count;
        foreach (var rule in PolicyRules.All) rule.Check(context);
        ServiceSeverity.Apply(context, context.Evidence, findings, start);
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
