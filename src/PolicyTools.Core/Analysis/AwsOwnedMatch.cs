using PolicyTools.Capabilities;
using PolicyTools.Facts;
using PolicyTools.Matching;

namespace PolicyTools.Analysis;

/// <summary>
/// An ARN whose account segment is <c>aws</c> (<c>arn:aws:ec2:*:aws:prefix-list/*</c>) names
/// AWS-owned resources of the types <see cref="AwsOwnedResources"/> lists: it matches those types
/// as if the segment were an account id, and no other type.
/// </summary>
internal static class AwsOwnedMatch
{
    // Any 12 digits stand for "some account": only whether the template can match matters.
    private const string AnyAccountId = "000000000000";

    public static void AddTypes(ServiceCapabilities service, ArnPattern pattern, bool variablesAllowed, ResourceTypeSet types)
    {
        var segments = pattern.Segments;
        if (segments.Count < 6 || segments[4] != AwsOwnedResources.Account) return;
        ArnPattern? asAccount = null;
        for (var i = 0; i < service.ResourceTypes.Count; i++)
        {
            if (types[i]) continue;
            var type = service.ResourceTypes[i];
            foreach (var template in type.Templates)
            {
                if (!template.HasAccount || !AwsOwnedResources.Has(template.Service, type.Name)) continue;
                asAccount ??= ArnPattern.Parse(string.Join(":", segments[0], segments[1], segments[2], segments[3], AnyAccountId, segments[5]), variablesAllowed);
                if (!asAccount.CanMatch(template)) continue;
                types.Add(i);
                break;
            }
        }
    }
}
