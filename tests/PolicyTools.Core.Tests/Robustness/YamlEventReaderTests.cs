using System;
using System.IO;
using System.Linq;
using PolicyTools.Capabilities;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace PolicyTools.Tests.Robustness;

/// <summary>
/// The event-based map reader gives the model a YamlStream gives (checked on the shipped map
/// against YamlDotNet's own node tree), and keeps error line numbers for malformed user maps.
/// </summary>
public sealed class YamlEventReaderTests
{
    private static string EmbeddedYaml()
    {
        using var stream = PolicyTools.Data.CapabilityMapResources.Assembly.GetManifestResourceStream("PolicyTools.Data.CapabilityMap.ec2.yaml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void ShippedMapMatchesTheYamlNodeTree()
    {
        var yaml = EmbeddedYaml();
        var map = CapabilityMap.Load(new StringReader(yaml), "test");
        var tree = new YamlStream();
        tree.Load(new StringReader(yaml));
        var root = (YamlMappingNode)tree.Documents[0].RootNode;
        Assert.Equal(Text(root, "date"), map.Date);
        Assert.Equal(Text(root, "source"), map.Source);

        var services = (YamlSequenceNode)root["services"];
        Assert.Equal(services.Children.Count, map.Services.Count);
        var ec2 = (YamlMappingNode)services[0];
        var service = map.GetService(Text(ec2, "prefix"))!;
        var types = (YamlSequenceNode)ec2["resourceTypes"];
        var actions = (YamlSequenceNode)ec2["actions"];
        Assert.Equal(types.Children.Count, service.ResourceTypes.Count);
        Assert.Equal(actions.Children.Count, service.Actions.Count);

        foreach (YamlMappingNode node in types)
        {
            var type = service.GetResourceType(Text(node, "name"))!;
            Assert.Equal(List(node, "arnFormats"), type.ArnFormats);
            Assert.Equal(List(node, "conditionKeys") ?? Array.Empty<string>(), type.ConditionKeys);
        }
        foreach (YamlMappingNode node in actions)
        {
            var action = service.GetAction(Text(node, "name"))!;
            Assert.Equal(node.Children.ContainsKey("accessLevel") ? Text(node, "accessLevel") : "", action.AccessLevel);
            Assert.Equal(List(node, "conditionKeys") ?? Array.Empty<string>(), action.ConditionKeys);
            Assert.Equal(List(node, "dependentActions"), action.DependentActions);
            var resources = node.Children.TryGetValue("resourceTypes", out var r) ? ((YamlSequenceNode)r).Children.Cast<YamlMappingNode>().ToArray() : Array.Empty<YamlMappingNode>();
            Assert.Equal(resources.Length, action.ResourceTypes.Count);
            for (var i = 0; i < resources.Length; i++)
            {
                Assert.Equal(Text(resources[i], "name"), action.ResourceTypes[i].Name);
                var required = resources[i].Children.TryGetValue("required", out var q) ? ((YamlScalarNode)q).Value : null;
                Assert.Equal(required switch { "true" => true, "false" => false, _ => (bool?)null }, action.ResourceTypes[i].Required);
                Assert.Equal(List(resources[i], "conditionKeys") ?? Array.Empty<string>(), action.ResourceTypes[i].ConditionKeys);
            }
        }
        Assert.Equal(826, service.Actions.Count);
        Assert.Equal(263, service.ResourceLevelOnlyStarCount);
    }

    [Theory]
    [InlineData("format: \"PolicyTools capability map 1\"\nsource: s\ndate: d\nservices:\n  - prefix: ec2\n    resourceTypes: [\n", 7)]
    [InlineData("format: \"PolicyTools capability map 1\"\nsource: s\ndate: d\nservices:\n  - prefix: ec2\n    resourceTypes: []\n    actions:\n      - name: A\n        accessLevel: [1]\n", 9)]
    [InlineData("format: \"PolicyTools capability map 1\"\nsource: s\ndate: d\nservices:\n  - prefix: ec2\n    resourceTypes: []\n    actions:\n      - name: A\n        resourceTypes:\n          - name: volume\n", 10)]
    [InlineData("format: \"PolicyTools capability map 2\"\nsource: s\ndate: d\nservices: []\n", 1)]
    [InlineData("format: \"PolicyTools capability map 1\"\nsource: s\nservices: []\n", 1)]
    [InlineData("format: \"PolicyTools capability map 1\"\nsource: s\ndate: d\nservices: 3\n", 4)]
    [InlineData("format: \"PolicyTools capability map 1\"\nsource: s\nsource: t\ndate: d\nservices: []\n", 3)]
    [InlineData("a: b\n  c: d\n", 2)]
    public void MalformedMapNamesTheLine(string yaml, long line)
    {
        var ex = Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.Load(new StringReader(yaml), "user.yaml"));
        Assert.Equal(line, ex.Line);
        Assert.Contains("user.yaml", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--- 1\n--- 2\n")]
    [InlineData("[1, 2]")]
    public void NotOneMappingDocumentIsRejected(string yaml)
    {
        Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.Load(new StringReader(yaml), "user.yaml"));
    }

    [Fact]
    public void UnreadableMapFilesAreFormatErrors()
    {
        var dir = Path.Combine(Path.GetTempPath(), "policytools-map-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.LoadFile(Path.Combine(dir, "missing.yaml")));
            Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.LoadFile(dir));
            var binary = Path.Combine(dir, "binary.yaml");
            File.WriteAllBytes(binary, new byte[] { 0, 1, 2, 0xFF, 0xFE, 0x10, (byte)'{', (byte)'[' });
            Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.LoadFile(binary));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static string[]? List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlSequenceNode)value).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray() : null;
}
