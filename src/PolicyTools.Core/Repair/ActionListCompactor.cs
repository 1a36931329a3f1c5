using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;

namespace PolicyTools.Repair;

/// <summary>
/// Writes a set of actions as few patterns as possible without changing what they match today:
/// <c>ec2:DescribeVpc*</c> where every action of the service that the pattern matches is in the
/// set, the exact name otherwise. Exact against the capability map it is given; an action AWS adds
/// later under such a prefix would match too, which is why compacting is asked for, never assumed.
/// </summary>
internal static class ActionListCompactor
{
    public static List<string> Compact(ServiceCapabilities service, IReadOnlyCollection<ActionCapability> actions)
    {
        var set = new HashSet<int>(actions.Select(a => a.Index));
        var covered = new HashSet<int>();
        var patterns = new List<string>();
        foreach (var action in actions.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            if (covered.Contains(action.Index)) continue;
            // The shortest prefix whose every match is in the set covers the most; longer ones are inside it.
            IReadOnlyList<ActionCapability>? best = null;
            var matches = service.Actions;
            var length = 1;
            for (; length < action.Name.Length; length++)
            {
                matches = StartingWith(matches, action.Name, length);
                if (matches.Count > 1 && matches.All(m => set.Contains(m.Index)))
                {
                    best = matches;
                    break;
                }
            }
            if (best is null)
            {
                patterns.Add(action.FullName);
                covered.Add(action.Index);
                continue;
            }
            patterns.Add(service.Prefix + ":" + action.Name.Substring(0, length) + "*");
            foreach (var match in best) covered.Add(match.Index);
        }
        return patterns;
    }

    // What "prefix*" matches, from what the prefix one character shorter matched: only the last
    // character needs comparing. Matching every action of the service against every prefix took
    // 100-250 ms for the 260 actions of an ec2:* split (found by the fuzz test), and a repair too
    // large to make pays for it even without -CompactActions, for the hint. IAM compares action
    // names without regard to case. Not through the service's expansion cache, which the many
    // candidates here would only crowd.
    private static List<ActionCapability> StartingWith(IReadOnlyList<ActionCapability> shorter, string name, int length)
    {
        var last = char.ToUpperInvariant(name[length - 1]);
        var result = new List<ActionCapability>();
        foreach (var action in shorter)
        {
            if (action.Name.Length >= length && char.ToUpperInvariant(action.Name[length - 1]) == last) result.Add(action);
        }
        return result;
    }
}
