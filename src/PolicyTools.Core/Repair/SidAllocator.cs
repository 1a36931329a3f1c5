using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// Sids for new statements: IAM allows only <c>[A-Za-z0-9]</c> and rejects a policy whose Sids
/// repeat, so a new Sid is the original's letters and digits plus a suffix, numbered if taken.
/// </summary>
internal sealed class SidAllocator
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public SidAllocator(PolicyDocument document)
    {
        foreach (var statement in document.Statements)
        {
            if (statement.Sid is not null) _taken.Add(statement.Sid);
        }
    }

    /// <summary>A new unique Sid derived from <paramref name="baseSid"/>; null when the original statement has none.</summary>
    public string? Next(string? baseSid, string suffix)
    {
        if (baseSid is null) return null;
        var stem = Sanitize(baseSid) + suffix;
        var candidate = stem;
        for (var n = 2; _taken.Contains(candidate); n++) candidate = stem + n.ToString(CultureInfo.InvariantCulture);
        _taken.Add(candidate);
        return candidate;
    }

    public static bool IsValid(string sid)
    {
        foreach (var c in sid) if (!IsSidChar(c)) return false;
        return true;
    }

    private static string Sanitize(string sid)
    {
        var builder = new StringBuilder(sid.Length);
        foreach (var c in sid) if (IsSidChar(c)) builder.Append(c);
        return builder.ToString();
    }

    private static bool IsSidChar(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
