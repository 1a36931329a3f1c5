using System.IO;
using System.Linq;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>The map compiled into the module is exactly what the converter makes of data/ec2-authorization-reference.json.</summary>
public class EmbeddedMapTests
{
    private const string ResourceName = "PolicyTools.Data.ec2-capability-map.yaml";

    private static string EmbeddedYaml()
    {
        using var stream = typeof(CapabilityMap).Assembly.GetManifestResourceStream(ResourceName);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream!);
        return reader.ReadToEnd();
    }

    private static ServiceReferenceConversion ConvertReference()
    {
        var path = TestFiles.PathOf("data/ec2-authorization-reference.json");
        Assert.True(File.Exists(path), $"the test project copies data/ec2-authorization-reference.json to {path}");
        using var stream = File.OpenRead(path);
        return ServiceReferenceConverter.Convert(stream, path);
    }

    [Fact]
    public void The_embedded_map_is_what_the_converter_writes_from_the_committed_reference()
    {
        var regenerated = CapabilityMapYamlWriter.ToYaml(ConvertReference().Map);
        var embedded = EmbeddedYaml().Replace("\r\n", "\n");

        if (regenerated != embedded)
        {
            var regeneratedLines = regenerated.Split('\n');
            var embeddedLines = embedded.Split('\n');
            var first = Enumerable.Range(0, System.Math.Min(regeneratedLines.Length, embeddedLines.Length))
                .FirstOrDefault(i => regeneratedLines[i] != embeddedLines[i], System.Math.Min(regeneratedLines.Length, embeddedLines.Length));
            Assert.Fail($"The embedded map is stale: it differs from the regenerated map first at line {first + 1}. Regenerate src/PolicyTools.Core/Data/ec2-capability-map.yaml from data/ec2-authorization-reference.json.");
        }
    }

    [Fact]
    public void The_committed_reference_carries_every_required_flag()
    {
        Assert.Empty(ConvertReference().UnknownRequiredFlags);
    }

    [Fact]
    public void The_converted_reference_has_the_facts_of_the_default_map()
    {
        var map = ConvertReference().Map;
        Assert.Equal(CapabilityMap.Default.Date, map.Date);
        Assert.Equal(CapabilityMap.Default.Source, map.Source);
        var ec2 = map.GetService("ec2")!;
        Assert.Equal(807, ec2.Actions.Count);
        Assert.Equal(113, ec2.ResourceTypes.Count);
        Assert.Equal(260, ec2.ResourceLevelOnlyStarCount);
    }

    [Fact]
    public void Writing_and_reading_a_map_keeps_everything()
    {
        var original = CapabilityMap.Default;
        var yaml = CapabilityMapYamlWriter.ToYaml(original);
        var reread = CapabilityMap.Load(new StringReader(yaml), "round-trip.yaml");

        MapAssert.Equivalent(original, reread);
        Assert.Equal(yaml, CapabilityMapYamlWriter.ToYaml(reread));
    }

    [Fact]
    public void Writing_keeps_text_that_needs_escaping_and_unknown_flags()
    {
        var awkward = "quote \" backslash \\ tab \t newline \n colon: hash # brace { done";
        var map = new CapabilityMap(awkward, "2021-02-03", "in-memory", new[]
        {
            new ServiceCapabilities("ec2", "Amazon EC2 \"test\"",
                new[]
                {
                    new ActionCapability("ec2", "TerminateInstances", "Write",
                        new[] { new ActionResourceType("instance", null, new[] { "ec2:ResourceTag/${TagKey}" }, new[] { "ec2:CreateTags" }) },
                        new[] { "ec2:Region" }, dependentActions: null),
                    new ActionCapability("ec2", "DescribeVolumes", "List", new ActionResourceType[0], new string[0], dependentActions: new string[0]),
                },
                new[] { new ResourceTypeCapability("instance", new[] { "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}" }, new[] { "aws:ResourceTag/${TagKey}" }) }),
        });

        var reread = CapabilityMap.Load(new StringReader(CapabilityMapYamlWriter.ToYaml(map)), "in-memory");

        MapAssert.Equivalent(map, reread);
        Assert.Equal(awkward, reread.Source);
        Assert.Null(reread.Services[0].GetAction("TerminateInstances")!.ResourceTypes[0].Required);
        Assert.Null(reread.Services[0].GetAction("TerminateInstances")!.DependentActions);
        Assert.Empty(reread.Services[0].GetAction("DescribeVolumes")!.DependentActions!);
    }
}

internal static class MapAssert
{
    /// <summary>Every fact of the two maps is the same, field by field.</summary>
    public static void Equivalent(CapabilityMap expected, CapabilityMap actual)
    {
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Date, actual.Date);
        Assert.Equal(expected.Services.Count, actual.Services.Count);
        foreach (var (e, a) in expected.Services.Zip(actual.Services))
        {
            Assert.Equal(e.Prefix, a.Prefix);
            Assert.Equal(e.ServiceName, a.ServiceName);
            Assert.Equal(e.ResourceTypes.Select(t => t.Name), a.ResourceTypes.Select(t => t.Name));
            foreach (var (et, at) in e.ResourceTypes.Zip(a.ResourceTypes))
            {
                Assert.Equal(et.ArnFormats, at.ArnFormats);
                Assert.Equal(et.ConditionKeys, at.ConditionKeys);
            }
            Assert.Equal(e.Actions.Select(x => x.Name), a.Actions.Select(x => x.Name));
            foreach (var (ea, aa) in e.Actions.Zip(a.Actions))
            {
                Assert.Equal(ea.AccessLevel, aa.AccessLevel);
                Assert.Equal(ea.ConditionKeys, aa.ConditionKeys);
                Assert.Equal(ea.DependentActions is null, aa.DependentActions is null);
                if (ea.DependentActions is not null) Assert.Equal(ea.DependentActions, aa.DependentActions!);
                Assert.Equal(ea.ResourceTypes.Count, aa.ResourceTypes.Count);
                foreach (var (er, ar) in ea.ResourceTypes.Zip(aa.ResourceTypes))
                {
                    Assert.Equal(er.Name, ar.Name);
                    Assert.Equal(er.Required, ar.Required);
                    Assert.Equal(er.ConditionKeys, ar.ConditionKeys);
                    Assert.Equal(er.DependentActions, ar.DependentActions);
                }
            }
        }
    }
}
