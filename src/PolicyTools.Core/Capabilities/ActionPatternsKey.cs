using System;
using System.Collections.Generic;

namespace PolicyTools.Capabilities;

/// <summary>
/// A statement's Action (or NotAction) list as a cache key, compared item by item and
/// case-insensitively like IAM compares actions, without joining the list into one string.
/// </summary>
/// <remarks>
/// A class, not a struct: a dictionary keyed by a struct of ours is framework code that only the
/// JIT can compile (ReadyToRun cannot pregenerate framework generics outside the framework), while
/// one keyed by a class runs the framework's precompiled shared code. One small object per lookup
/// costs less than compiling the dictionary on the first pass of a session.
/// </remarks>
internal sealed class ActionPatternsKey : IEquatable<ActionPatternsKey>
{
    private readonly IReadOnlyList<string> _patterns;
    private readonly bool _excluding;
    private readonly int _hash;

    public ActionPatternsKey(IReadOnlyList<string> patterns, bool excluding)
    {
        _patterns = patterns;
        _excluding = excluding;
        var hash = excluding ? 1 : 0;
        var length = 0;
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i] ?? "";
            hash = unchecked(hash * 31 + StringComparer.OrdinalIgnoreCase.GetHashCode(pattern));
            length += pattern.Length;
        }
        _hash = hash;
        TotalLength = length;
    }

    /// <summary>Characters in all patterns (long lists are not worth keeping).</summary>
    public int TotalLength { get; }

    /// <summary>The same key over a copy of the list, so that the cache never holds a caller's list.</summary>
    public ActionPatternsKey Detached()
    {
        var copy = new string[_patterns.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = _patterns[i];
        return new ActionPatternsKey(copy, _excluding);
    }

    public bool Equals(ActionPatternsKey? other)
    {
        if (other is null) return false;
        if (_hash != other._hash || _excluding != other._excluding || _patterns.Count != other._patterns.Count) return false;
        for (var i = 0; i < _patterns.Count; i++)
        {
            if (!string.Equals(_patterns[i], other._patterns[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ActionPatternsKey);

    public override int GetHashCode() => _hash;
}
