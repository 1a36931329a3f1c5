using System;
using System.Collections.Generic;
using PolicyTools.Matching;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// The services a document's statements can reach: those a pattern's service part names
/// (<c>ec2:…</c>, <c>e*:…</c>), or every service where a pattern has no service part (<c>*</c>,
/// <c>RunInstances</c>) or a statement uses NotAction. A service no statement reaches has nothing
/// to report, so the analyzer skips it: worked out once per document, not once per service.
/// </summary>
internal readonly struct NamedServices
{
    private readonly bool _all;
    private readonly HashSet<string>? _exact;
    private readonly List<string>? _wildcards;

    public NamedServices(PolicyDocument document)
    {
        _all = false;
        _exact = null;
        _wildcards = null;
        foreach (var statement in document.Statements)
        {
            if (statement.IsNotAction)
            {
                _all = true;
                return;
            }
            foreach (var pattern in statement.Actions)
            {
                var colon = pattern.IndexOf(':');
                if (colon < 0)
                {
                    _all = true;
                    return;
                }
                var part = pattern.Substring(0, colon);
                if (part.IndexOf('*') >= 0 || part.IndexOf('?') >= 0) (_wildcards ??= new List<string>()).Add(part);
                else (_exact ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(part);
            }
        }
    }

    public bool Reaches(string prefix)
    {
        if (_all) return true;
        if (_exact is not null && _exact.Contains(prefix)) return true;
        if (_wildcards is null) return false;
        foreach (var part in _wildcards) if (Wildcard.IsMatch(part, prefix, ignoreCase: true)) return true;
        return false;
    }
}
