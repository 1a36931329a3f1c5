using System.IO;
using System.Linq;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>Map files a user gives: a good one loads, a bad one fails naming the file and line.</summary>
public class CapabilityMapFileTests
{
    private static CapabilityMapFormatException LoadFails(string fixture)
    {
        var path = TestFiles.Fixture("maps/" + fixture);
        Assert.True(File.Exists(path), path);
        var error = Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.LoadFile(path));
        Assert.Equal(path, error.MapPath);
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void A_valid_map_file_loads()
    {
        var path = TestFiles.Fixture("maps/minimal.yaml");
        var map = CapabilityMap.LoadFile(path);

        Assert.Equal(path, map.Path);
        Assert.Equal("test fixture", map.Source);
        Assert.Equal("2020-01-02", map.Date);
        var ec2 = Assert.Single(map.Services);
        Assert.Equal(new[] { "AttachVolume", "DescribeVolumes" }, ec2.Actions.Select(a => a.Name));
        Assert.Equal(new[] { "instance", "volume" }, ec2.GetAction("AttachVolume")!.RequiredResourceTypes.Select(t => t.Name));
        Assert.False(ec2.GetAction("DescribeVolumes")!.SupportsResourceLevelPermissions);
        Assert.Equal(new[] { "ec2:Region" }, ec2.GetAction("AttachVolume")!.ConditionKeys);
        Assert.Null(ec2.GetAction("AttachVolume")!.DependentActions); // not in the file: unknown, not "none"
    }

    [Fact]
    public void A_map_loads_from_a_reader_with_the_path_it_is_given()
    {
        using var reader = new StringReader(File.ReadAllText(TestFiles.Fixture("maps/minimal.yaml")));
        var map = CapabilityMap.Load(reader, "from-a-reader.yaml");
        Assert.Equal("from-a-reader.yaml", map.Path);
        Assert.Equal(2, map.Services[0].Actions.Count);
    }

    [Theory]
    [InlineData("bad-syntax.yaml", 8)] // a key indented deeper than its siblings
    [InlineData("unterminated-string.yaml", 2)]
    [InlineData("unclosed-flow-sequence.yaml", 7)] // YamlDotNet throws InvalidOperationException here, not YamlException
    public void Bad_YAML_syntax_fails_at_its_line(string fixture, long line)
    {
        var error = LoadFails(fixture);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_wrong_format_line_fails_at_that_line()
    {
        var error = LoadFails("wrong-format.yaml");
        Assert.Equal(2, error.Line);
        Assert.Contains("PolicyTools capability map 2", error.Reason);
    }

    [Fact]
    public void An_action_naming_an_undefined_resource_type_fails_at_that_entry()
    {
        var error = LoadFails("undefined-resource-type.yaml");
        Assert.Equal(15, error.Line);
        Assert.Contains("'volume'", error.Reason);
        Assert.Contains("ec2:AttachVolume", error.Reason);
    }

    [Fact]
    public void A_duplicate_action_fails_at_the_second_one()
    {
        var error = LoadFails("duplicate-action.yaml");
        Assert.Equal(13, error.Line);
        Assert.Contains("appears more than once", error.Reason);
    }

    [Fact]
    public void A_missing_required_key_fails()
    {
        var error = LoadFails("missing-services.yaml");
        Assert.Contains("'services'", error.Reason);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void An_ARN_format_that_is_not_an_ARN_fails()
    {
        var error = LoadFails("not-an-arn-format.yaml");
        Assert.Equal(7, error.Line);
        Assert.Contains("ec2:instance/${InstanceId}", error.Reason);
    }

    [Fact]
    public void A_required_flag_that_is_not_a_boolean_fails()
    {
        var error = LoadFails("required-not-a-bool.yaml");
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void A_null_required_flag_means_unknown_and_is_not_required()
    {
        var map = CapabilityMap.LoadFile(TestFiles.Fixture("maps/unknown-required-flag.yaml"));
        var action = map.GetService("ec2")!.GetAction("TerminateInstances")!;
        Assert.Null(Assert.Single(action.ResourceTypes).Required);
        Assert.Empty(action.RequiredResourceTypes);
        Assert.True(action.SupportsResourceLevelPermissions);
    }

    [Fact]
    public void A_missing_file_fails_with_line_0()
    {
        var path = TestFiles.Fixture("maps/there-is-no-such-map.yaml");
        var error = Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.LoadFile(path));
        Assert.Equal(path, error.MapPath);
        Assert.Equal(0, error.Line);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void A_directory_is_not_a_map_file()
    {
        var path = TestFiles.Fixture("maps");
        var error = Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.LoadFile(path));
        Assert.Equal(path, error.MapPath);
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void An_empty_file_fails()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policytools-empty-{System.Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "");
        try
        {
            var error = Assert.Throws<CapabilityMapFormatException>(() => CapabilityMap.LoadFile(path));
            Assert.Equal(path, error.MapPath);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
