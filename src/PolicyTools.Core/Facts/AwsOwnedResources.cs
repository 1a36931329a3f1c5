using System;
using System.Collections.Generic;

namespace PolicyTools.Facts;

/// <summary>
/// Resource types whose AWS-owned resources carry the account segment <c>aws</c>
/// (<c>arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a</c>, AWS-managed prefix lists). The
/// reference writes that segment as <c>${Account}</c>, a 12-digit id; the list and its evidence
/// live in <c>data/aws-owned-resources.yaml</c>.
/// </summary>
internal static class AwsOwnedResources
{
    internal const string ResourceName = "PolicyTools.Data.aws-owned-resources.yaml";

    /// <summary>The account segment AWS writes for its own resources.</summary>
    public const string Account = "aws";

    private static readonly Lazy<HashSet<string>> s_types = new(Load);

    /// <summary>Whether resources of the service's type may have the account segment <c>aws</c>.</summary>
    public static bool Has(string service, string resourceType) => s_types.Value.Contains(service + ":" + resourceType);

    private static HashSet<string> Load()
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in EmbeddedFacts.Sequence(EmbeddedFacts.Root(ResourceName), "resources"))
            types.Add(EmbeddedFacts.Scalar(entry, "service") + ":" + EmbeddedFacts.Scalar(entry, "resourceType"));
        return types;
    }
}
