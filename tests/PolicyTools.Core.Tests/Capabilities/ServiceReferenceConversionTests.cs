using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PolicyTools.Capabilities;
using Xunit;

namespace PolicyTools.Tests.Capabilities;

public class ServiceReferenceConversionTests
{
    [Fact]
    public void The_repository_EC2_data_is_the_EC2_part_of_the_all_services_data_byte_for_byte()
    {
        using var json = File.OpenRead(CapabilityTestData.ServiceReferencePath);
        var conversion = ServiceReferenceConverter.Convert(json, CapabilityTestData.ServiceReferencePath, new[] { "ec2" }, TestMaps.Ec2);
        var allPath = TestFiles.PathOf("data/service-authorization-reference.json");
        using var all = File.OpenRead(allPath);
        var ec2OfAll = ServiceReferenceConverter.Convert(all, allPath, new[] { "ec2" }).Map;

        Assert.Empty(conversion.UnknownRequiredFlags);
        Assert.Equal(CapabilityMapYamlWriter.ToYaml(ec2OfAll), CapabilityMapYamlWriter.ToYaml(conversion.Map));
    }

    [Fact]
    public void The_official_format_keeps_known_flags_and_reports_new_pairs()
    {
        var root = JsonNode.Parse(File.ReadAllText(CapabilityTestData.ServiceReferencePath))!.AsObject();
        root.Remove("_provenance");
        foreach (var action in root["Actions"]!.AsArray().Select(a => a!.AsObject()))
        {
            action.Remove("AccessLevel");
            action.Remove("DependentActions");
            foreach (var resource in action["Resources"]!.AsArray().Select(r => r!.AsObject()))
            {
                resource.Remove("Required");
                resource.Remove("DependentActions");
            }
            if ((string?)action["Name"] == "DescribeVolumes")
                action["Resources"]!.AsArray().Add(new JsonObject { ["Name"] = "volume", ["ConditionKeys"] = new JsonArray() });
        }

        using var json = CapabilityTestData.Utf8(root.ToJsonString());
        // The known map: the same data with its flags (the embedded map is newer data).
        using var original = File.OpenRead(CapabilityTestData.ServiceReferencePath);
        var knownMap = ServiceReferenceConverter.Convert(original, CapabilityTestData.ServiceReferencePath).Map;
        var conversion = ServiceReferenceConverter.Convert(json, "ec2.json", null, knownMap, date: "2026-09-01");

        Assert.Equal(new[] { "ec2:DescribeVolumes volume" }, conversion.UnknownRequiredFlags);
        var service = conversion.Map.GetService("ec2")!;
        Assert.Null(service.GetAction("DescribeVolumes")!.ResourceTypes.Single().Required);
        Assert.Empty(service.GetAction("DescribeVolumes")!.RequiredResourceTypes);
        Assert.Equal("2026-09-01", conversion.Map.Date);

        var known = knownMap.GetService("ec2")!;
        foreach (var action in known.Actions.Where(a => a.Name != "DescribeVolumes"))
        {
            var converted = service.GetAction(action.Name)!;
            Assert.Equal(action.AccessLevel, converted.AccessLevel);
            Assert.Equal(action.ResourceTypes.Select(t => (t.Name, t.Required)), converted.ResourceTypes.Select(t => (t.Name, t.Required)));
            Assert.Equal(action.DependentActions, converted.DependentActions);
        }
    }

    [Theory]
    [InlineData("{\n \"Name\": \"ec2\",\n \"Actions\": [ oops ]\n}", "line 3")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{ \"Statement\": [] }", "neither 'Actions'")]
    [InlineData("{ \"Name\": \"ec2\", \"Actions\": [ { \"Name\": \"A\" }, { \"Name\": \"a\" } ] }", "'ec2:a' appears more than once")]
    [InlineData("{ \"Name\": \"ec2\", \"Actions\": [ { \"Name\": \"A\", \"Resources\": [ { \"Name\": \"nope\" } ] } ] }", "'nope', which 'ec2' does not define")]
    [InlineData("{ \"Name\": \"ec2\", \"Actions\": [ { \"Name\": \"A*\" } ] }", "not an action name")]
    [InlineData("{ \"Name\": \"ec2\", \"Actions\": [], \"Resources\": [ { \"Name\": \"t\", \"ARNFormats\": [ \"t/*\" ] } ] }", "not an ARN")]
    [InlineData("{ \"Name\": \"ec2\", \"Actions\": [], \"Resources\": [ { \"Name\": \"t\" } ] }", "has no 'ARNFormats'")]
    public void Unusable_input_is_one_clear_exception_naming_the_file(string text, string expected)
    {
        using var json = CapabilityTestData.Utf8(text);
        var ex = Assert.Throws<ServiceReferenceFormatException>(() => ServiceReferenceConverter.Convert(json, "in.json"));
        Assert.Contains("'in.json'", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain("LineNumber:", ex.Message);
    }

    [Fact]
    public void WriteFile_replaces_the_file_and_returns_the_map_read_back()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "capmap-" + Guid.NewGuid().ToString("N")));
        try
        {
            var path = Path.Combine(directory.FullName, "map.yaml");
            File.WriteAllText(path, "old");
            var written = CapabilityMapYamlWriter.WriteFile(TestMaps.Ec2, path);

            Assert.Equal(path, written.Path);
            Assert.Equal(TestMaps.Ec2.Date, written.Date);
            Assert.Equal(CapabilityTestData.EmbeddedYaml(), File.ReadAllText(path));
            Assert.Equal(new[] { "map.yaml" }, directory.GetFiles().Select(f => f.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_reader_names_the_line_of_a_duplicate_service_and_recognises_service_reference_json()
    {
        var yaml = CapabilityTestData.EmbeddedYaml();
        var services = yaml.Substring(yaml.IndexOf("  - prefix:", StringComparison.Ordinal));
        var twice = yaml + services;
        var ex = Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.Load(new StringReader(twice), "twice.yaml"));
        Assert.Equal(yaml.Count(c => c == '\n') + 1, ex.Line);
        Assert.Contains("appears more than once", ex.Message);

        var json = Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.Load(new StringReader("{ \"Name\": \"ec2\", \"Actions\": [] }"), "ec2.json"));
        Assert.Contains("ConvertTo-Ec2CapabilityMap", json.Message);
        Assert.Equal(1, json.Line);
    }
}
