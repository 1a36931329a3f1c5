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

    private static ActionList ReachActions(PolicyStatement statement, ServiceCapabilities service, out bool explicitly)
    {
        explicitly = false;
        var patterns = statement.ActionsAbout(service.Prefix);
        if (!statement.IsNotAction)
        {
            for (var i = 0; i < patterns.Count; i++) explicitly |= service.NamesServiceExplicitly(patterns[i]);
        }
        return service.MatchStatement(patterns, excluding: statement.IsNotAction);
    }
}
