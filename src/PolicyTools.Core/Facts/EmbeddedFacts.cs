using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.RepresentationModel;

namespace PolicyTools.Facts;

/// <summary>
/// Reads the small YAML files of facts about AWS that the capability map does not carry
/// (<c>data/*.yaml</c>, embedded): each a list under one key, with the evidence beside it.
/// </summary>
internal static class EmbeddedFacts
{
    /// <summary>The root mapping of an embedded facts file; a missing or broken file is a build error, so it throws.</summary>
    public static YamlMappingNode Root(string resourceName)
    {
        using var stream = typeof(EmbeddedFacts).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{resourceName}' is missing from PolicyTools.Core.");
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    public static IEnumerable<YamlNode> Sequence(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence
            ? sequence.Children
            : throw new InvalidDataException($"The facts file has no list '{key}'.");

    public static string Scalar(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar && scalar.Value is { } text
            ? text
            : throw new InvalidDataException($"A facts entry has no '{key}'.");
}
