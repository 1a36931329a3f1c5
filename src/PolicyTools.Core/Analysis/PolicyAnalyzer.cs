using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    private static readonly IPolicyRule[] s_rules =
    {
        new UnknownActionRule(),
        new InvalidArnRule(),
        new ResourceLevelPermissionsNotSupportedRule(),
        new ResourceTypeMismatchRule(),
        new RequiredResourceTypeMissingRule(),
        new ConditionKeyNotSupportedRule(),
    };

    private static readonly ConcurrentDictionary<CapabilityMap, PolicyAnalyzer> s_analyzers = new();

    private readonly Dictionary<ServiceCapabilities, ResourceMatchCache> _matchCaches = new();

    public PolicyAnalyzer(CapabilityMap map)
    {
        Map = map ?? throw new ArgumentNullException(nameof(map));
        foreach (var service in map.Services) _matchCaches[service] = new ResourceMatchCache(service);
    }

    public CapabilityMap Map { get; }

    /// <summary>The analyzer of a map, shared so that its caches are too.</summary>
    public static PolicyAnalyzer For(CapabilityMap map) => s_analyzers.GetOrAdd(map, m => new PolicyAnalyzer(m));

    /// <summary>
    /// The views of a document through one service, built exactly as the rules see them; the
    /// repairer reasons from the same facts. Findings added to the context are discarded.
    /// </summary>
    internal AnalysisContext CreateContext(PolicyDocument document, PolicySource source, ServiceCapabilities service) =>
        new(document, source, Map, service, _matchCaches[service], new List<PolicyFinding>());

    /// <summary>The shared resource match cache of one of the map's services.</summary>
    internal ResourceMatchCache MatchCache(ServiceCapabilities service) => _matchCaches[service];

    private static bool InStatementOrder(List<PolicyFinding> findings)
    {
        for (var i = 1; i < findings.Count; i++) if (findings[i].StatementIndex < findings[i - 1].StatementIndex) return false;
        return true;
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
        var services = Map.Services;
        for (var s = 0; s < services.Count; s++)
        {
            var service = services[s];
            if (!scope.Includes(service.Prefix)) continue;
            var start = findings.Count;
            var context = new AnalysisContext(document, source, Map, service, _matchCaches[service], findings);
            try
            {
                foreach (var rule in s_rules) rule.Check(context);
            }
            finally
            {
                context.Release();
            }
            ServiceSeverity.Apply(ServiceEvidence.Embedded.For(service.Prefix), service, document, source, findings, start);
        }
        if (findings.Count > 1 && !InStatementOrder(findings))
        {
            // Stable: statement order first, then the order in which the rules ran.
            var ordered = new List<PolicyFinding>(findings.Count);
            var byStatement = new SortedDictionary<int, List<PolicyFinding>>();
            foreach (var f in findings)
            {
                if (!byStatement.TryGetValue(f.StatementIndex, out var list)) byStatement[f.StatementIndex] = list = new List<PolicyFinding>();
                list.Add(f);
            }
            foreach (var list in byStatement.Values) ordered.AddRange(list);
            return ordered;
        }
        return findings;
    }
}
