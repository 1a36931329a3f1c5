using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// Whether no rule can find anything in a service of a document, proven before its context is
/// built: every statement that can reach the service's actions allows or denies them on
/// <c>"*"</c> alone, with no Condition, and every pattern that names the service matches one of
/// its actions. Then no resource can mismatch or be malformed, every resource type is allowed,
/// no condition key can be missing and no action is unknown. AWS's broadest policies
/// (ReadOnlyAccess, the service-linked roles' read policies) name hundreds of services this way,
/// and the every-service check spent most of its time building contexts that found nothing.
/// Anything else (an ARN, a Condition, NotResource, no Resource element) takes the rules' path.
/// </summary>
internal static class NothingToFind
{
    public static bool In(PolicyDocument document, ServiceCapabilities service)
    {
        foreach (var statement in document.Statements)
        {
            var patterns = statement.ActionsAbout(service.Prefix);
            if (!statement.IsNotAction && patterns.Count == 0) continue;
            if (!statement.HasResourceElement || statement.IsNotResource || statement.Conditions.Count > 0) return false;
            var resources = statement.Resources;
            if (resources.Count == 0) return false;
            for (var r = 0; r < resources.Count; r++)
                if (resources[r] != "*") return false;
            for (var p = 0; p < patterns.Count; p++)
                if (service.NamesServiceExplicitly(patterns[p]) && service.MatchList(patterns[p]).Count == 0) return false;
        }
        return true;
    }
}
