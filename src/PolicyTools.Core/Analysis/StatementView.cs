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
        AllowedTypes = new bool[service.ResourceTypes.Count];
        if (!statement.HasResourceElement || Reached.Count == 0) return;

        for (var i = 0; i < Matches.Length; i++) Matches[i] = matches.Get(statement.Resources[i], variablesAllowed);
        if (statement.IsNotResource)
        {
            StarAllowed = true;
            for (var t = 0; t < AllowedTypes.Length; t++) AllowedTypes[t] = true;
            foreach (var match in Matches)
            {
                if (match.MatchesStar) StarAllowed = false;
                for (var t = 0; t < AllowedTypes.Length; t++) if (match.Covers[t]) AllowedTypes[t] = false;
            }
        }
        else
        {
            foreach (var match in Matches)
            {
                StarAllowed |= match.MatchesStar;
                for (var t = 0; t < AllowedTypes.Length; t++) AllowedTypes[t] |= match.Types[t];
            }
        }
        var all = AllowedTypes.Length > 0;
        for (var t = 0; t < AllowedTypes.Length; t++)
        {
            if (!AllowedTypes[t])
            {
                all = false;
                continue;
            }
            AnyTypeAllowed = true;
            if (!AnyOwnTypeAllowed && service.ResourceTypes[t].IsOwnedBy(service.Prefix)) AnyOwnTypeAllowed = true;
        }
        AllTypesAllowed = all;
    }

    public PolicyStatement Statement { get; }

    public ServiceCapabilities Service { get; }

    /// <summary>The service's actions the statement's Action (or NotAction) reaches, in map order.</summary>
    public IReadOnlyList<ActionCapability> Reached { get; }

    /// <summary>An Action pattern names the service itself (<c>ec2:…</c>), not only a cross-service wildcard.</summary>
    public bool NamesServiceExplicitly { get; }

    public ResourceMatch[] Matches { get; }

    /// <summary>The request resource <c>*</c> (actions without resource types) is allowed.</summary>
    public bool StarAllowed { get; }

    /// <summary>Per resource type index: some ARN of that type is allowed by the resources.</summary>
    public bool[] AllowedTypes { get; }

    public bool AnyTypeAllowed { get; }

    /// <summary>Every resource type is allowed (<c>"Resource": "*"</c> and the like): every action with types is effective.</summary>
    public bool AllTypesAllowed { get; }

    /// <summary>Whether the statement reaches the action (<see cref="Reached"/> is in map order: a binary search).</summary>
    public bool Reaches(ActionCapability action)
    {
        var reached = Reached;
        int low = 0, high = reached.Count - 1;
        var target = action.Index;
        while (low <= high)
        {
            var mid = (low + high) >> 1;
            var index = reached[mid].Index;
            if (index == target) return true;
            if (index < target) low = mid + 1;
            else high = mid - 1;
        }
        return false;
    }

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
        var indexes = action.ResourceTypeIndexes;
        if (indexes.Length == 0) return StarAllowed;
        foreach (var t in indexes) if (AllowedTypes[t]) return true;
        return false;
    }

    private static IReadOnlyList<ActionCapability> ReachActions(PolicyStatement statement, ServiceCapabilities service, out bool explicitly)
    {
        explicitly = false;
        var actions = service.Actions;
        if (statement.IsNotAction)
        {
            var excluded = new bool[actions.Count];
            foreach (var pattern in statement.Actions)
            {
                foreach (var action in service.Match(pattern)) excluded[action.Index] = true;
            }
            var reached = new List<ActionCapability>(actions.Count);
            for (var i = 0; i < actions.Count; i++) if (!excluded[i]) reached.Add(actions[i]);
            return reached;
        }

        if (statement.Actions.Count == 1)
        {
            explicitly = service.NamesServiceExplicitly(statement.Actions[0]);
            return service.Match(statement.Actions[0]);
        }

        ulong[]? seen = null;
        var sorted = true;
        var last = -1;
        var result = new List<ActionCapability>();
        foreach (var pattern in statement.Actions)
        {
            explicitly |= service.NamesServiceExplicitly(pattern);
            foreach (var action in service.Match(pattern))
            {
                seen ??= new ulong[(actions.Count + 63) / 64];
                var bit = 1UL << (action.Index & 63);
                if ((seen[action.Index >> 6] & bit) != 0) continue;
                seen[action.Index >> 6] |= bit;
                sorted &= action.Index > last;
                last = action.Index;
                result.Add(action);
            }
        }
        if (!sorted) result.Sort((a, b) => a.Index.CompareTo(b.Index));
        return result;
    }
}
