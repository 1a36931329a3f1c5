using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Matching;

namespace PolicyTools.Capabilities;

/// <summary>The actions and resource types of one service prefix, indexed case-insensitively.</summary>
internal sealed class ServiceCapabilities
{
    // Expansions repeat across documents (ec2:Describe*, ec2:*); the bound keeps memory flat on hostile input.
    private const int MaxCachedPatterns = 4096;

    // Longer patterns are not cached, so that hostile input cannot fill the cache with huge keys.
    private const int MaxCachedPatternLength = 256;

    private readonly int _longestFullName;
    private readonly Dictionary<string, ActionCapability> _actions;
    private readonly Dictionary<string, ResourceTypeCapability> _resourceTypes;
    private readonly BoundedCache<string, ActionList> _expansions =
        new(MaxCachedPatterns, StringComparer.OrdinalIgnoreCase);
    // Whole Action/NotAction lists: statements repeat them across documents, and an SCP's
    // NotAction reaches every action of the service, which is costly to list and split each time.
    private readonly BoundedCache<ActionPatternsKey, ActionList> _statementExpansions = new(MaxCachedPatterns);
    private const int MaxCachedStatementKeyLength = 2048;

    public ServiceCapabilities(
        string prefix,
        string serviceName,
        IEnumerable<ActionCapability> actions,
        IEnumerable<ResourceTypeCapability> resourceTypes)
    {
        Prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
        ServiceName = serviceName ?? prefix;
        // Loops rather than LINQ: this runs once per session on the way to its first result, where
        // every generic LINQ method is one more thing to compile.
        var sortedTypes = ToArray(resourceTypes);
        Array.Sort(sortedTypes, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        ResourceTypes = sortedTypes;
        _resourceTypes = new Dictionary<string, ResourceTypeCapability>(sortedTypes.Length, StringComparer.OrdinalIgnoreCase);
        var typeIndex = new Dictionary<string, int>(sortedTypes.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sortedTypes.Length; i++)
        {
            _resourceTypes.Add(sortedTypes[i].Name, sortedTypes[i]);
            typeIndex[sortedTypes[i].Name] = i;
        }

        // The actions are placed as new objects (their index, their types' indexes): the ones
        // given stay as they were, whichever services they are also handed to.
        var given = ToArray(actions);
        Array.Sort(given, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var placed = new ActionCapability[given.Length];
        _actions = new Dictionary<string, ActionCapability>(given.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < given.Length; i++)
        {
            var action = new ActionCapability(given[i], i, sortedTypes, typeIndex);
            placed[i] = action;
            _actions.Add(action.Name, action);
            if (!action.SupportsResourceLevelPermissions) ResourceLevelOnlyStarCount++;
            if (action.FullName.Length > _longestFullName) _longestFullName = action.FullName.Length;
        }
        Actions = placed;
        OwnTypes = new ResourceTypeSet(ResourceTypes.Count);
        for (var i = 0; i < ResourceTypes.Count; i++) if (ResourceTypes[i].IsOwnedBy(Prefix)) OwnTypes.Add(i);
    }

    private static T[] ToArray<T>(IEnumerable<T> items)
    {
        if (items is ICollection<T> collection)
        {
            var array = new T[collection.Count];
            collection.CopyTo(array, 0);
            return array;
        }
        return new List<T>(items).ToArray();
    }

    /// <summary>The resource types whose ARNs are the service's own (not <c>role</c> = iam, <c>certificate</c> = acm).</summary>
    internal ResourceTypeSet OwnTypes { get; }

    /// <summary>Service prefix as used in actions, e.g. <c>ec2</c>.</summary>
    public string Prefix { get; }

    public string ServiceName { get; }

    public IReadOnlyList<ActionCapability> Actions { get; }

    public IReadOnlyList<ResourceTypeCapability> ResourceTypes { get; }

    /// <summary>How many actions only <c>"Resource": "*"</c> can grant.</summary>
    public int ResourceLevelOnlyStarCount { get; }

    public ActionCapability? GetAction(string name)
    {
        if (name is null) return null;
        var colon = name.IndexOf(':');
        if (colon >= 0)
        {
            if (!string.Equals(name.Substring(0, colon), Prefix, StringComparison.OrdinalIgnoreCase)) return null;
            name = name.Substring(colon + 1);
        }
        return _actions.TryGetValue(name, out var action) ? action : null;
    }

    public ResourceTypeCapability? GetResourceType(string name) =>
        name is not null && _resourceTypes.TryGetValue(name, out var type) ? type : null;

    /// <summary>
    /// The actions of this service that an IAM action pattern (<c>ec2:Describe*</c>, <c>*</c>,
    /// <c>EC2:describevolumes</c>) matches, case-insensitively; cached per pattern.
    /// </summary>
    public IReadOnlyList<ActionCapability> Match(string actionPattern) => MatchList(actionPattern);

    /// <summary><see cref="Match"/> with the split the rules use.</summary>
    internal ActionList MatchList(string actionPattern)
    {
        if (actionPattern is null) return ActionList.Empty;
        if (_expansions.TryGetValue(actionPattern, out var cached)) return cached;

        var result = Expand(actionPattern);
        if (actionPattern.Length > MaxCachedPatternLength) return result;
        _expansions.Add(actionPattern, result);
        return result;
    }

    /// <summary>
    /// The actions a statement's Action list reaches (or, <paramref name="excluding"/>, its NotAction
    /// list leaves), in map order; cached per list.
    /// </summary>
    internal ActionList MatchStatement(IReadOnlyList<string> patterns, bool excluding)
    {
        if (!excluding && patterns.Count <= 1) return patterns.Count == 0 ? ActionList.Empty : MatchList(patterns[0]);
        var key = new ActionPatternsKey(patterns, excluding);
        if (_statementExpansions.TryGetValue(key, out var cached)) return cached;
        var result = excluding ? ExpandExcluding(patterns) : ExpandAll(patterns);
        if (key.TotalLength <= MaxCachedStatementKeyLength) _statementExpansions.Add(key.Detached(), result);
        return result;
    }

    private ActionList ExpandExcluding(IReadOnlyList<string> patterns)
    {
        var excluded = new ulong[(Actions.Count + 63) / 64];
        for (var p = 0; p < patterns.Count; p++)
        {
            var matched = MatchList(patterns[p]);
            for (var i = 0; i < matched.Count; i++) excluded[matched[i].Index >> 6] |= 1UL << (matched[i].Index & 63);
        }
        for (var word = 0; word < excluded.Length; word++) excluded[word] = ~excluded[word];
        if (Actions.Count % 64 != 0) excluded[excluded.Length - 1] &= (1UL << (Actions.Count % 64)) - 1;
        return FromMembers(excluded);
    }

    // Patterns overlap and come in any order: mark the actions, then read them back in map order.
    private ActionList ExpandAll(IReadOnlyList<string> patterns)
    {
        ulong[]? reached = null;
        for (var p = 0; p < patterns.Count; p++)
        {
            var matched = MatchList(patterns[p]);
            for (var i = 0; i < matched.Count; i++)
            {
                reached ??= new ulong[(Actions.Count + 63) / 64];
                reached[matched[i].Index >> 6] |= 1UL << (matched[i].Index & 63);
            }
        }
        return reached is null ? ActionList.Empty : FromMembers(reached);
    }

    private ActionList FromMembers(ulong[] members)
    {
        var count = 0;
        foreach (var word in members) count += PopCount(word);
        if (count == 0) return ActionList.Empty;
        var actions = new ActionCapability[count];
        var next = 0;
        for (var word = 0; word < members.Length; word++)
        {
            for (var bits = members[word]; bits != 0; bits &= bits - 1)
                actions[next++] = Actions[(word << 6) + TrailingZeros(bits)];
        }
        return new ActionList(actions, members);
    }

    // netstandard2.0 has no System.Numerics.BitOperations.
    private static int PopCount(ulong bits)
    {
        var n = 0;
        for (; bits != 0; bits &= bits - 1) n++;
        return n;
    }

    private static int TrailingZeros(ulong bits)
    {
        var n = 0;
        if ((bits & 0xFFFFFFFF) == 0) { n += 32; bits >>= 32; }
        if ((bits & 0xFFFF) == 0) { n += 16; bits >>= 16; }
        if ((bits & 0xFF) == 0) { n += 8; bits >>= 8; }
        if ((bits & 0xF) == 0) { n += 4; bits >>= 4; }
        if ((bits & 0x3) == 0) { n += 2; bits >>= 2; }
        if ((bits & 0x1) == 0) n += 1;
        return n;
    }

    private ActionList Expand(string pattern)
    {
        if (!Wildcard.HasWildcard(pattern))
        {
            var exact = GetAction(pattern);
            return exact is null ? ActionList.Empty : new ActionList(new[] { exact });
        }
        // No action name is longer than this: a pattern needing more characters matches none.
        if (Wildcard.FixedLength(pattern) > _longestFullName) return ActionList.Empty;
        pattern = Wildcard.CollapseStars(pattern);
        var matches = new List<ActionCapability>();
        foreach (var action in Actions)
        {
            if (Wildcard.IsMatch(pattern, action.FullName, ignoreCase: true)) matches.Add(action);
        }
        return matches.Count == 0 ? ActionList.Empty : new ActionList(matches.ToArray());
    }

    /// <summary>True when the pattern's service part names this service without a wildcard (<c>ec2:…</c>, <c>EC2:…</c>).</summary>
    public bool NamesServiceExplicitly(string actionPattern) =>
        actionPattern is not null
        && actionPattern.Length > Prefix.Length
        && actionPattern[Prefix.Length] == ':'
        && string.Compare(actionPattern, 0, Prefix, 0, Prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
