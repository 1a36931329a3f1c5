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
    private readonly Dictionary<string, List<string>> _byPrefix;
    private readonly IReadOnlyList<string> _anyService;

    public ActionsByService(IReadOnlyList<string> patterns)
    {
        // One pass, each pattern read once: a pattern that can name any service joins every
        // service's list seen so far, and a service seen later starts with those seen before it,
        // so each list keeps the statement's order.
        var anyService = new List<string>();
        var byPrefix = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in patterns)
        {
            var colon = pattern.IndexOf(':');
            var prefix = colon < 0 ? null : pattern.Substring(0, colon);
            if (prefix is null || Matching.Wildcard.HasWildcard(prefix))
            {
                // "*" and "*:Get*" can name any service; "notaservice" (no colon) names none.
                if (Matching.Wildcard.HasWildcard(prefix ?? pattern)) NamesEveryService = true;
                anyService.Add(pattern);
                foreach (var list in byPrefix.Values) list.Add(pattern);
                continue;
            }
            if (!byPrefix.TryGetValue(prefix, out var own)) byPrefix[prefix] = own = new List<string>(anyService);
            own.Add(pattern);
        }
        _anyService = anyService.Count == 0 ? s_none : anyService;
        _byPrefix = byPrefix;
    }

    /// <summary>Some pattern's service part has a wildcard (<c>*</c>, <c>*:Get*</c>, <c>ec*:Describe*</c>): it can name any service.</summary>
    public bool NamesEveryService { get; }

    /// <summary>The service prefixes the patterns name literally, as written (each once, whatever the case).</summary>
    public IEnumerable<string> Prefixes => _byPrefix.Keys;

    /// <summary>The patterns that can name an action of the service, in the statement's order.</summary>
    public IReadOnlyList<string> For(string servicePrefix) =>
        _byPrefix.TryGetValue(servicePrefix, out var own) ? own : _anyService;
}
