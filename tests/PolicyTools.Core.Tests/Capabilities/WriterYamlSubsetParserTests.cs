using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using PolicyTools.Capabilities;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyTools.Tests.Capabilities;

/// <summary>
/// The fast reading of the writer's own YAML gives exactly the events YamlDotNet gives, or declines
/// (and YamlDotNet reads the text): never a different map, never a map from text YamlDotNet rejects.
/// </summary>
public class WriterYamlSubsetParserTests
{
    [Fact]
    public void The_embedded_map_is_read_without_YamlDotNets_scanner()
    {
        // If this fails, the first result of every session pays for YamlDotNet's scanner again.
        Assert.NotNull(WriterYamlSubsetParser.TryParse(CapabilityTestData.EmbeddedYaml()));
    }

    [Fact]
    public void The_embedded_map_gives_YamlDotNets_events_and_map()
    {
        var yaml = CapabilityTestData.EmbeddedYaml();

        Assert.Equal(Events(new Parser(new StringReader(yaml))), Events(WriterYamlSubsetParser.TryParse(yaml)!));
        var viaYamlDotNet = CapabilityMapYamlReader.Read(new Parser(new StringReader(yaml)), "a.yaml");
        Assert.Equal(CapabilityMapYamlWriter.ToYaml(viaYamlDotNet), CapabilityMapYamlWriter.ToYaml(CapabilityMap.Load(new StringReader(yaml), "a.yaml")));
    }

    [Fact]
    public void Windows_line_ends_and_comments_after_values_are_in_the_subset()
    {
        var yaml = "# map\r\nformat: \"PolicyTools capability map 1\"   # why\r\nsource: plain-text\r\ndate: 2020-01-02\r\nservices:\r\n  - prefix: \"ec2\"\r\n    resourceTypes: []\r\n    actions:\r\n      - { name: \"DescribeVolumes\", conditionKeys: [] }\r\n";

        AssertSameEventsAsYamlDotNet(yaml, expectSubset: true);
        Assert.Equal("DescribeVolumes", CapabilityMap.Load(new StringReader(yaml), "crlf.yaml").Services[0].Actions[0].Name);
    }

    [Theory]
    [InlineData("format: 'single quoted'\n")]
    [InlineData("format: >\n  folded\n")]
    [InlineData("format: &a \"x\"\nsource: *a\n")]
    [InlineData("format: !!str \"x\"\n")]
    [InlineData("---\nformat: \"x\"\n")]
    [InlineData("format: \"x\"\nservices:\n- prefix: \"ec2\"\n")]
    [InlineData("format: \"a\n  b\"\n")]
    [InlineData("format: \"\\x41\"\n")]
    [InlineData("format:\n  nested: \"x\"\n")]
    [InlineData("format: [\"a\",\n  \"b\"]\n")]
    [InlineData("format: plain text with spaces\n")]
    [InlineData("format:\tx\n")]
    [InlineData("")]
    public void Text_outside_the_subset_is_left_to_YamlDotNet(string yaml)
    {
        Assert.Null(WriterYamlSubsetParser.TryParse(yaml));
    }

    [Fact]
    public void Maps_the_writer_writes_are_in_the_subset_and_read_back_the_same()
    {
        var text = Gen.Char['\u0001', '\u07ff'].Where(c => c != '\u0085').Array[0, 12].Select(chars => "x" + new string(chars));
        Gen.Select(text, text, text, text).Sample((source, serviceName, conditionKey, arnTail) =>
        {
            var map = SmallMap(source, serviceName, conditionKey, arnTail);
            var yaml = CapabilityMapYamlWriter.ToYaml(map);
            AssertSameEventsAsYamlDotNet(yaml, expectSubset: true);
            Assert.Equal(yaml, CapabilityMapYamlWriter.ToYaml(CapabilityMap.Load(new StringReader(yaml), "generated.yaml")));
        }, iter: 2_000);
    }

    internal static void AssertSameEventsAsYamlDotNet(string yaml, bool expectSubset)
    {
        var subset = WriterYamlSubsetParser.TryParse(yaml);
        if (subset is null)
        {
            Assert.False(expectSubset, "the writer's own YAML fell outside the subset:\n" + yaml);
            return;
        }
        List<string> expected;
        try
        {
            expected = Events(new Parser(new StringReader(yaml)));
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"the subset read text that YamlDotNet rejects ({ex.Message}):\n{yaml}");
        }
        Assert.Equal(expected, Events(subset));
    }

    // Event kinds, scalar values and the lines errors would name (an end event's line never reaches a message).
    private static List<string> Events(IParser parser)
    {
        var events = new List<string>();
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            events.Add(e switch
            {
                Scalar scalar => $"Scalar '{scalar.Value}' line {scalar.Start.Line}",
                MappingEnd or SequenceEnd or DocumentEnd or StreamEnd => e.GetType().Name,
                _ => $"{e.GetType().Name} line {e.Start.Line}",
            });
        }
        return events;
    }

    internal static CapabilityMap SmallMap(string source, string serviceName, string conditionKey, string arnTail) =>
        new(source, "2020-01-02", "in-memory", new[]
        {
            new ServiceCapabilities("ec2", serviceName,
                new[]
                {
                    new ActionCapability("ec2", "AttachVolume", "Write",
                        new[]
                        {
                            new ActionResourceType("instance", true, new[] { conditionKey }, new[] { "ec2:CreateTags" }),
                            new ActionResourceType("volume", null, new string[0]),
                        },
                        new[] { "ec2:Region", conditionKey }, dependentActions: null),
                    new ActionCapability("ec2", "DescribeVolumes", "List", new ActionResourceType[0], new string[0], dependentActions: new string[0]),
                },
                new[]
                {
                    new ResourceTypeCapability("instance", new[] { "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}" }, new[] { conditionKey }),
                    new ResourceTypeCapability("volume", new[] { "arn:${Partition}:ec2:${Region}:${Account}:" + arnTail }, null),
                }),
        });
}
