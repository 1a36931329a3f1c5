using System;
using System.Collections.Generic;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// Which services of a document no rule can find anything in, proven before their contexts are
/// built: every statement that can reach the service's actions allows or denies them on
/// <c>"*"</c> alone, with no Condition, and every pattern that names the service matches one of
/// its actions. Then no resource can mismatch or be malformed, every resource type is allowed,
/// no condition key can be missing and no action is unknown. AWS's broadest policies
/// (ReadOnlyAccess, the service-linked roles' read policies) name hundreds of services this way,
/// and the every-service check spent most of its time building contexts that found nothing.
/// Anything else (an ARN, a Condition, NotResource, no Resource element) takes the rules' path.
/// Worked out once per document, so that a document naming hundreds of services in dozens of
/// statements is not read once per service.
/// </summary>
internal sealed class NothingToFind
{
    // A statement the rules must look at reaches every service (NotAction, a wildcard service part).
    private readonly bool _everyServiceLooked;
    // The services that a statement the rules must look at names, or that a plain statement names
    // with an action the service does not have.
    private readonly HashSet<string>? _looked;

    private NothingToFind(bool everyServiceLooked, HashSet<string>? looked)
    {
        _everyServiceLooked = everyServiceLooked;
        _looked = looked;
    }

    /// <summary>The services of <paramref name="map"/> in <paramref name="scope"/> that the document leaves nothing to find in.</summary>
    public static NothingToFind For(PolicyDocument document, CapabilityMap map, ServiceScope scope)
    {
        HashSet<string>? looked = null;
        foreach (var statement in document.Statements)
        {
            var actions = statement.ActionsByService;
            var plain = IsPlainStar(statement);
            if (!plain && (statement.IsNotAction || actions.NamesEveryService)) return new NothingToFind(true, null);
            foreach (var prefix in actions.Prefixes)
            {
                if (!plain || (looked is not null && looked.Contains(prefix))) { (looked ??= NewSet()).Add(prefix); continue; }
                if (!scope.Includes(prefix) || map.GetService(prefix) is not { } service) continue;
                foreach (var pattern in actions.For(prefix))
                {
                    if (!service.NamesServiceExplicitly(pattern) || service.MatchList(pattern).Count != 0) continue;
                    (looked ??= NewSet()).Add(prefix);
                    break;
                }
            }
        }
        return new NothingToFind(false, looked);
    }

    /// <summary>True when no rule can find anything in the service of this document.</summary>
    public bool In(ServiceCapabilities service) =>
        !_everyServiceLooked && (_looked is null || !_looked.Contains(service.Prefix));

    private static HashSet<string> NewSet() => new(StringComparer.OrdinalIgnoreCase);

    private static bool IsPlainStar(PolicyStatement statement)
    {
        if (!statement.HasResourceElement || statement.IsNotResource || statement.Conditions.Count > 0) return false;
        var resources = statement.Resources;
        if (resources.Count == 0) return false;
        for (var r = 0; r < resources.Count; r++)
            if (resources[r] != "*") return false;
        return true;
    }
}
