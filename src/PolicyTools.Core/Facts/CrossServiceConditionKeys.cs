using System;
using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace PolicyTools.Facts;

/// <summary>
/// AWS's cross-service condition keys (<c>ec2:SourceInstanceArn</c>, <c>glue:RoleAssumedBy</c>,
/// <c>lambda:SourceFunctionArn</c>, …): service-prefixed, yet available in the request context of
/// every service's requests, like the global <c>aws:</c> keys. The list and its evidence live in
/// <c>data/cross-service-condition-keys.yaml</c>.
/// </summary>
internal static class CrossServiceConditionKeys
{
    internal const string ResourceName = "PolicyTools.Data.cross-service-condition-keys.yaml";

    private static readonly Lazy<HashSet<string>> s_keys = new(Load);

    /// <summary>The keys, as AWS's page spells them.</summary>
    public static IReadOnlyCollection<string> All => s_keys.Value;

    /// <summary>Whether <paramref name="key"/> is one of them (condition keys are case-insensitive).</summary>
    public static bool Contains(string key) => s_keys.Value.Contains(key);

    private static HashSet<string> Load()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in EmbeddedFacts.Sequence(EmbeddedFacts.Root(ResourceName), "keys"))
            if (node is YamlScalarNode { Value: { Length: > 0 } key }) keys.Add(key);
        return keys;
    }
}
