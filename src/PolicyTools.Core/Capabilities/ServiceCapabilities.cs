using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Matching;

namespace PolicyTools.Capabilities;

/// <summary>The actions and resource types of one service prefix, indexed case-insensitively.</summary>
public sealed class ServiceCapabilities
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

    public ServiceCapabilities(
        string prefix,
        string serviceName,
        IEnumerable<ActionCapability> actions,
        IEnumerable<ResourceTypeCapability> resourceTypes)
    {
        Prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
        ServiceName = serviceName ?? prefix;
        Actions = actions.OrderBy(a => a.Name, StringComparer.Ordinal).ToArray();
        ResourceTypes = resourceTypes.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
        _actions = Actions.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        _resourceTypes = ResourceTypes.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        ResourceLevelOnlyStarCount = Actions.Count(a => !a.SupportsResourceLevelPermissions);
        _longestFullName = Actions.Count == 0 ? 0 : Actions.Max(a => a.FullName.Length);

        var typeIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < ResourceTypes.Count; i++) typeIndex[ResourceTypes[i].Name] = i;
        for (var i = 0; i < Actions.Count; i++)
        {
            var action = Actions[i];
            action.Index = i;
            action.ResourceTypeIndexes = action.ResourceTypes.Select(t => typeIndex.TryGetValue(t.Name, out var k) ? k : -1).Where(k => k >= 0).ToArray();
            action.RequiredTypeIndexes = action.RequiredResourceTypes.Select(t => typeIndex.TryGetValue(t.Name, out var k) ? k : -1).Where(k => k >= 0).ToArray();
            foreach (var pair in action.ResourceTypes)
            {
                pair.TypeIndex = typeIndex.TryGetValue(pair.Name, out var k) ? k : -1;
            }
            action.ServiceResourceTypes = ResourceTypes;
            action.TypeSet = new ResourceTypeSet(ResourceTypes.Count);
            foreach (var k in action.ResourceTypeIndexes) action.TypeSet.Add(k);
        }
        OwnTypes = new ResourceTypeSet(ResourceTypes.Count);
        for (var i = 0; i < ResourceTypes.Count; i++) if (ResourceTypes[i].IsOwnedBy(Prefix)) OwnTypes.Add(i);
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
