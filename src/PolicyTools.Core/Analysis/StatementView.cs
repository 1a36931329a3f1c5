using System.Collections.Generic;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// One statement seen through one service's capabilities: which actions it reaches, which
/// resource types its resources allow, and so where it is effective.
/// </summary>
internal sealed class StatementView
{
    public StatementView(PolicyStatement statement, ServiceCapabilities service, ResourceMatchCache matches, bool variablesAllowed)
    {
        Statement = statement;
        Service = service;
        Reached = ReachActions(statement, service, out var explicitly);
        NamesServiceExplicitly = explicitly;
        Matches = new ResourceMatch[statement.Resources.Count];
        var allowed = new ResourceTypeSet(service.ResourceTypes.Count);
        AllowedTypes = allowed;
        if (!statement.HasResourceElement || Reached.Count == 0) return;

        for (var i = 0; i < Matches.Length; i++) Matches[i] = matches.Get(statement.Resources[i], variablesAllowed);
        if (statement.IsNotResource)
        {
            var starAllowed = true;
            allowed.AddAll();
            foreach (var match in Matches)
            {
                if (match.MatchesStar) starAllowed = false;
                allowed.ExceptWith(match.Covers);
            }
            StarAllowed = starAllowed;
        }
        else
        {
            var starAllowed = false;
            foreach (var match in Matches)
            {
                starAllowed |= match.MatchesStar;
                allowed.UnionWith(match.Types);
            }
            StarAllowed = starAllowed;
        }
        AnyTypeAllowed = !allowed.IsEmpty;
        AllTypesAllowed = allowed.IsFull;
        AnyOwnTypeAllowed = allowed.Overlaps(service.OwnTypes);
    }

    public PolicyStatement Statement { get; }

    public ServiceCapabilities Service { get; }

    /// <summary>The service's actions the statement's Action (or NotAction) reaches, in map order.</summary>
    public ActionList Reached { get; }

    /// <summary>An Action pattern names the service itself (<c>ec2:…</c>), not only a cross-service wildcard.</summary>
    public bool NamesServiceExplicitly { get; }

    public ResourceMatch[] Matches { get; }

    /// <summary>The request resource <c>*</c> (actions without resource types) is allowed.</summary>
    public bool StarAllowed { get; }

    /// <summary>Per resource type index: some ARN of that type is allowed by the resources.</summary>
    public ResourceTypeSet AllowedTypes { get; }

    public bool AnyTypeAllowed { get; }

    /// <summary>Every resource type is allowed (<c>"Resource": "*"</c> and the like): every action with types is effective.</summary>
    public bool AllTypesAllowed { get; }

    /// <summary>Whether the statement reaches the action.</summary>
    public bool Reaches(ActionCapability action) => Reached.Contains(action);

    /// <summary>Some allowed type has ARNs of the service itself (not <c>role</c> = iam, <c>certificate</c> = acm).</summary>
    public bool AnyOwnTypeAllowed { get; }

    /// <summary>False for trust policies and the like, which have no Resource element.</summary>
    public bool HasResources => Statement.HasResourceElement;

    /// <summary>
    /// A statement that reaches the service only through a cross-service wildcard and none of
    /// whose resources could be one of its ARNs is about another service. An IAM role ARN under
    /// <c>"Action": "*"</c> is about IAM, even though EC2 actions accept role ARNs too.
    /// </summary>
    public bool IsAboutAnotherService => !NamesServiceExplicitly && !StarAllowed && !AnyOwnTypeAllowed;

    public bool IsEffective(ActionCapability action)
    {
        if (!HasResources) return false;
        if (action.ResourceTypeIndexes.Length == 0) return StarAllowed;
        return AllowedTypes.Overlaps(action.TypeSet);
    }

    // netstandard2.0 has no BitOperations.TrailingZeroCount.
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

    private static ActionList ReachActions(PolicyStatement statement, ServiceCapabilities service, out bool explicitly)
    {
        explicitly = false;
        var actions = service.Actions;
        if (statement.IsNotAction)
        {
            var excluded = new bool[actions.Count];
            foreach (var pattern in statement.Actions)
            {
                var matched = service.MatchList(pattern);
                for (var i = 0; i < matched.Count; i++) excluded[matched[i].Index] = true;
            }
            var reached = new List<ActionCapability>(actions.Count);
            for (var i = 0; i < actions.Count; i++) if (!excluded[i]) reached.Add(actions[i]);
            return new ActionList(reached.ToArray());
        }

        if (statement.Actions.Count == 1)
        {
            explicitly = service.NamesServiceExplicitly(statement.Actions[0]);
            return service.MatchList(statement.Actions[0]);
        }

        // Patterns overlap and come in any order: mark the actions, then read them back in map order.
        ulong[]? seen = null;
        var count = 0;
        foreach (var pattern in statement.Actions)
        {
            explicitly |= service.NamesServiceExplicitly(pattern);
            var matched = service.MatchList(pattern);
            for (var i = 0; i < matched.Count; i++)
            {
                var index = matched[i].Index;
                seen ??= new ulong[(actions.Count + 63) / 64];
                var bit = 1UL << (index & 63);
                if ((seen[index >> 6] & bit) != 0) continue;
                seen[index >> 6] |= bit;
                count++;
            }
        }
        if (seen is null) return ActionList.Empty;
        var result = new ActionCapability[count];
        var next = 0;
        for (var word = 0; word < seen.Length; word++)
        {
            for (var bits = seen[word]; bits != 0; bits &= bits - 1)
                result[next++] = actions[(word << 6) + TrailingZeros(bits)];
        }
        return new ActionList(result, seen);
    }
}
