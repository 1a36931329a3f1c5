using System;
using System.Collections.Generic;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Repair;

/// <summary>
/// Whether adding resources to a statement would give any of its actions, in any service,
/// something new. A statement reaches actions of every service its Action patterns name (and,
/// through <c>*</c>, a wildcard prefix or NotAction, of every service there is): instance ARNs
/// added for <c>ec2:AttachVolume</c> would also let <c>ssm:StartSession</c> and
/// <c>ec2-instance-connect:SendSSHPublicKey</c> beside it act on every instance. An action of a
/// service the capability map does not know counts as able to act on anything.
/// </summary>
internal static class WideningCheck
{
    /// <summary>
    /// The actions of the statement that could act on one of <paramref name="resources"/> (one of
    /// their resource types' ARN formats can match it) other than as the fix intends: other
    /// services' first, in the order the statement names them (services the map does not know by
    /// the statement's patterns), then the statement's own service's, in map order. Empty
    /// when adding the resources there widens nothing. <paramref name="isTheFix"/> says, for an
    /// action of the context's service and the index of one of its resource types, whether the fix
    /// means to grant it that type.
    /// </summary>
    public static List<string> OthersActingOn(AnalysisContext context, StatementView view, IReadOnlyList<string> resources, Func<ActionCapability, int, bool> isTheFix)
    {
        var others = new List<string>();
        var statement = view.Statement;
        var own = context.Service;
        var matches = new Matches(context);
        if (statement.IsNotAction)
        {
            others.Add("the actions of every other service that its NotAction leaves (the capability map cannot know them all)");
            AddOwn(view, resources, isTheFix, matches, others);
            return others;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in statement.Actions)
        {
            var colon = pattern.IndexOf(':');
            if (colon < 0)
            {
                // "*" (or any wildcard without a prefix) matches "service:action" of every service.
                if (Wildcard.HasWildcard(pattern) && seen.Add(pattern)) others.Add($"'{pattern}' (every service, some of which the capability map does not know)");
                continue;
            }
            var prefix = pattern.Substring(0, colon);
            if (Wildcard.HasWildcard(prefix))
            {
                if (seen.Add(pattern)) others.Add($"'{pattern}' (services the capability map does not know among them)");
                continue;
            }
            if (string.Equals(prefix, own.Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var service = context.Map.GetService(prefix);
            if (service is null)
            {
                if (seen.Add(pattern)) others.Add($"{pattern} (of a service the capability map does not know)");
                continue;
            }
            foreach (var action in service.MatchList(pattern))
            {
                if (!seen.Contains(action.FullName) && ActsOnAny(service, action, resources, isTheFix, matches))
                {
                    seen.Add(action.FullName);
                    others.Add(action.FullName);
                }
            }
        }
        AddOwn(view, resources, isTheFix, matches, others);
        return others;
    }

    private static void AddOwn(StatementView view, IReadOnlyList<string> resources, Func<ActionCapability, int, bool> isTheFix, Matches matches, List<string> others)
    {
        foreach (var action in view.Reached)
        {
            if (ActsOnAny(view.Service, action, resources, isTheFix, matches)) others.Add(action.FullName);
        }
    }

    private static bool ActsOnAny(ServiceCapabilities service, ActionCapability action, IReadOnlyList<string> resources, Func<ActionCapability, int, bool> isTheFix, Matches matches)
    {
        if (!action.SupportsResourceLevelPermissions) return false; // only "*" grants it
        var own = matches.IsOwn(service);
        foreach (var resource in resources)
        {
            var match = matches.Of(service, resource);
            foreach (var t in action.ResourceTypeIndexes)
            {
                if (match.Types[t] && !(own && isTheFix(action, t))) return true;
            }
        }
        return false;
    }

    /// <summary>What each resource can match among a service's types: the context's cache for its own service, worked out once per check for the others.</summary>
    private sealed class Matches
    {
        private readonly AnalysisContext _context;
        private readonly Dictionary<(ServiceCapabilities, string), ResourceMatch> _others = new();

        public Matches(AnalysisContext context) => _context = context;

        public bool IsOwn(ServiceCapabilities service) => service == _context.Service;

        public ResourceMatch Of(ServiceCapabilities service, string resource)
        {
            var variables = _context.Document.AllowsPolicyVariables;
            if (IsOwn(service)) return _context.Matches.Get(resource, variables);
            if (!_others.TryGetValue((service, resource), out var match)) _others[(service, resource)] = match = ResourceMatch.Compute(service, resource, variables);
            return match;
        }
    }
}
