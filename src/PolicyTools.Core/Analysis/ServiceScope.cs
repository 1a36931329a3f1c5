using System;
using System.Collections.Generic;
using PolicyTools.Matching;

namespace PolicyTools.Analysis;

/// <summary>
/// The services a check looks at: every service of the map, one (the Ec2 cmdlets: <c>ec2</c>), or
/// those whose prefix matches one of a few wildcard patterns (<c>-Service s3, lambda, *sagemaker*</c>).
/// Immutable.
/// </summary>
internal sealed class ServiceScope
{
    private readonly string[]? _patterns;

    private ServiceScope(string[]? patterns) => _patterns = patterns;

    /// <summary>Every service of the map.</summary>
    public static ServiceScope All { get; } = new(null);

    /// <summary>The one service with this prefix.</summary>
    public static ServiceScope Only(string prefix) =>
        new(new[] { prefix ?? throw new ArgumentNullException(nameof(prefix)) });

    /// <summary>The services whose prefix matches one of the patterns (<c>*</c> and <c>?</c>, case-insensitive).</summary>
    public static ServiceScope Matching(IEnumerable<string> patterns)
    {
        if (patterns is null) throw new ArgumentNullException(nameof(patterns));
        var list = new List<string>();
        foreach (var pattern in patterns)
        {
            if (pattern is null) continue;
            var trimmed = pattern.Trim();
            if (trimmed.Length > 0) list.Add(trimmed);
        }
        return list.Count == 0 ? All : new ServiceScope(list.ToArray());
    }

    /// <summary>The patterns; empty for <see cref="All"/>.</summary>
    public IReadOnlyList<string> Patterns => _patterns ?? Array.Empty<string>();

    public bool IsAll => _patterns is null;

    public bool Includes(string prefix)
    {
        if (_patterns is null) return true;
        foreach (var pattern in _patterns)
        {
            if (Wildcard.HasWildcard(pattern) ? Wildcard.IsMatch(pattern, prefix, ignoreCase: true) : string.Equals(pattern, prefix, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>The patterns that match none of <paramref name="prefixes"/> (a typo such as <c>-Service s4</c>).</summary>
    public IReadOnlyList<string> Unmatched(IEnumerable<string> prefixes)
    {
        if (_patterns is null) return Array.Empty<string>();
        var unmatched = new List<string>(_patterns);
        foreach (var prefix in prefixes)
        {
            unmatched.RemoveAll(p => Wildcard.HasWildcard(p) ? Wildcard.IsMatch(p, prefix, ignoreCase: true) : string.Equals(p, prefix, StringComparison.OrdinalIgnoreCase));
            if (unmatched.Count == 0) break;
        }
        return unmatched;
    }

    /// <summary>The findings about the scope's services (a finding's actions are all of one service); all of them for <see cref="All"/>.</summary>
    public IReadOnlyList<PolicyFinding> Filter(IReadOnlyList<PolicyFinding> findings)
    {
        if (_patterns is null) return findings;
        List<PolicyFinding>? kept = null;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            var included = finding.Actions.Count == 0 || Includes(ServiceOf(finding.Actions[0]));
            if (included && kept is null) continue;
            if (kept is null)
            {
                kept = new List<PolicyFinding>(findings.Count);
                for (var k = 0; k < i; k++) kept.Add(findings[k]);
            }
            if (included) kept.Add(finding);
        }
        return kept ?? findings;
    }

    private static string ServiceOf(string action)
    {
        var colon = action.IndexOf(':');
        return colon < 0 ? action : action.Substring(0, colon);
    }

    public override string ToString() => _patterns is null ? "*" : string.Join(", ", _patterns);
}
