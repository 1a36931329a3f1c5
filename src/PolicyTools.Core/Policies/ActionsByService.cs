using System;
using System.Collections.Generic;

namespace PolicyTools.Policies;

/// <summary>
/// A statement's Action (or NotAction) patterns grouped by the service they can name, so that each
/// service of an all-services analysis looks only at its own: AWS's largest policies list thousands
/// of actions of hundreds of services in one statement, and reading every pattern once per service
/// made their analysis quadratic. A pattern whose service part has a wildcard, or that has no
/// service part, can name any service and is kept for all, in the statement's order.
/// </summary>
internal sealed class ActionsByService
{
    private static readonly IReadOnlyList<string> s_none = Array.Empty<string>();
    private readonly Dictionary<string, IReadOnlyList<string>> _byPrefix;
    private readonly IReadOnlyList<string> _anyService;

    public ActionsByService(IReadOnlyList<string> patterns)
    {
        var anyService = new List<string>();
        var byPrefix = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in patterns)
        {
            var colon = pattern.IndexOf(':');
            var prefix = colon < 0 ? null : pattern.Substring(0, colon);
            if (prefix is null || Matching.Wildcard.HasWildcard(prefix))
            {
                anyService.Add(pattern);
                continue;
            }
            if (!byPrefix.TryGetValue(prefix, out var list))
            {
                byPrefix[prefix] = list = new List<string>();
            }
            list.Add(pattern);
        }
        _anyService = anyService.Count == 0 ? s_none : anyService;
        // "*" and "*:Get*" can name any service; "notaservice" (no colon) names none.
        foreach (var pattern in anyService)
            if (Matching.Wildcard.HasWildcard(pattern.IndexOf(':') is var colon && colon >= 0 ? pattern.Substring(0, colon) : pattern)) NamesEveryService = true;
        _byPrefix = new Dictionary<string, IReadOnlyList<string>>(byPrefix.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in byPrefix)
            _byPrefix[entry.Key] = anyService.Count == 0 ? entry.Value : InOrder(patterns, entry.Key);
    }

    /// <summary>Some pattern's service part has a wildcard (<c>*</c>, <c>*:Get*</c>, <c>ec*:Describe*</c>): it can name any service.</summary>
    public bool NamesEveryService { get; }

    /// <summary>The service prefixes the patterns name literally, as written (each once, whatever the case).</summary>
    public IEnumerable<string> Prefixes => _byPrefix.Keys;

    /// <summary>The patterns that can name an action of the service, in the statement's order.</summary>
    public IReadOnlyList<string> For(string servicePrefix) =>
        _byPrefix.TryGetValue(servicePrefix, out var own) ? own : _anyService;

    // The service's own patterns and the any-service ones, as the statement lists them.
    private static List<string> InOrder(IReadOnlyList<string> patterns, string prefix)
    {
        var list = new List<string>();
        foreach (var pattern in patterns)
        {
            var colon = pattern.IndexOf(':');
            if (colon < 0 || Matching.Wildcard.HasWildcard(pattern.Substring(0, colon))
                || (colon == prefix.Length && string.Compare(pattern, 0, prefix, 0, colon, StringComparison.OrdinalIgnoreCase) == 0))
                list.Add(pattern);
        }
        return list;
    }
}
