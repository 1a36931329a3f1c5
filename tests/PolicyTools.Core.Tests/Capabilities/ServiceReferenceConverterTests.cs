using System.IO;
using System.Linq;
using System.Text;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

public class ServiceReferenceConverterTests
{
    private static ServiceReferenceConversion Convert(string fixture, string[]? services = null, CapabilityMap? knownFlags = null)
    {
        var path = TestFiles.Fixture("service-reference/" + fixture);
        using var stream = File.OpenRead(path);
        return ServiceReferenceConverter.Convert(stream, path, services, knownFlags, source: "test source", date: "2021-01-01");
    }

    private static ServiceReferenceConversion ConvertText(string json, string[]? services = null) =>
        ServiceReferenceConverter.Convert(new MemoryStream(Encoding.UTF8.GetBytes(json)), "inline.json", services, null, "test", "2021-01-01");

    private static ServiceCapabilities OfficialEc2(CapabilityMap? knownFlags) =>
        Convert("ec2-official-format.json", knownFlags: knownFlags).Map.GetService("ec2")!;

    [Fact]
    public void Required_flags_of_known_pairs_come_from_the_known_map()
    {
        var ec2 = OfficialEc2(TestMaps.Ec2);
        var attach = ec2.GetAction("AttachVolume")!;
        Assert.True(attach.ResourceTypes.Single(t => t.Name == "instance").Required);
        Assert.True(attach.ResourceTypes.Single(t => t.Name == "volume").Required);
        Assert.False(ec2.GetAction("CreateTags")!.ResourceTypes.Single().Required);
        Assert.True(ec2.GetAction("ModifySnapshotAttribute")!.ResourceTypes.Single().Required);
    }

    [Fact]
    public void New_pairs_are_reported_as_unknown_and_treated_as_optional()
    {
        var conversion = Convert("ec2-official-format.json", knownFlags: TestMaps.Ec2);

        Assert.Equal(
            new[] { "ec2:AttachVolume snapshot", "ec2:LaunchRocket instance", "ec2:LaunchRocket volume" },
            conversion.UnknownRequiredFlags.OrderBy(x => x, System.StringComparer.Ordinal));

        var ec2 = conversion.Map.GetService("ec2")!;
        Assert.Null(ec2.GetAction("AttachVolume")!.ResourceTypes.Single(t => t.Name == "snapshot").Required);
        Assert.Equal(new[] { "instance", "volume" }, ec2.GetAction("AttachVolume")!.RequiredResourceTypes.Select(t => t.Name));
        var rocket = ec2.GetAction("LaunchRocket")!;
        Assert.Empty(rocket.RequiredResourceTypes);
        Assert.True(rocket.SupportsResourceLevelPermissions);
    }

    [Fact]
    public void Without_a_known_map_every_pair_without_a_flag_is_unknown()
    {
        var conversion = Convert("ec2-official-format.json", knownFlags: null);
        Assert.Equal(8, conversion.UnknownRequiredFlags.Count); // every pair but DeleteVolume's, which has its flag
        Assert.Contains("ec2:AttachVolume instance", conversion.UnknownRequiredFlags);
        Assert.DoesNotContain(conversion.UnknownRequiredFlags, p => p.StartsWith("ec2:DeleteVolume"));
    }

    [Fact]
    public void A_flag_in_the_file_wins_over_the_known_map()
    {
        // The shipped map says DeleteVolume requires volume; the file says it does not.
        Assert.True(TestMaps.Ec2.GetService("ec2")!.GetAction("DeleteVolume")!.ResourceTypes.Single().Required);
        var ec2 = OfficialEc2(TestMaps.Ec2);
        Assert.False(ec2.GetAction("DeleteVolume")!.ResourceTypes.Single().Required);
    }

    [Theory]
    [InlineData("AttachVolume", "Write")]
    [InlineData("DescribeVolumes", "List")]
    [InlineData("CreateTags", "Tagging")] // IsTaggingOnly beats IsWrite
    [InlineData("ModifySnapshotAttribute", "Permissions management")] // IsPermissionManagement beats IsWrite
    [InlineData("GetConsoleOutput", "Read")] // no flag set
    public void Access_level_is_derived_from_the_annotations(string action, string level)
    {
        Assert.Equal(level, OfficialEc2(TestMaps.Ec2).GetAction(action)!.AccessLevel);
    }

    [Fact]
    public void Condition_keys_and_ARN_formats_are_kept()
    {
        var ec2 = OfficialEc2(TestMaps.Ec2);
        var attach = ec2.GetAction("AttachVolume")!;
        Assert.Equal(new[] { "ec2:Region" }, attach.ConditionKeys);
        Assert.Equal(new[] { "ec2:InstanceType" }, attach.ResourceTypes.Single(t => t.Name == "instance").ConditionKeys);
        Assert.Equal(new[] { "arn:${Partition}:ec2:${Region}::snapshot/${SnapshotId}" }, ec2.GetResourceType("snapshot")!.ArnFormats);
        Assert.Equal(3, ec2.ResourceTypes.Count);
        Assert.Equal(8, ec2.Actions.Count);
        Assert.False(ec2.GetAction("DescribeVolumes")!.SupportsResourceLevelPermissions);
    }

    [Fact]
    public void Dependent_actions_unknown_to_the_file_come_from_the_known_map_or_stay_unknown()
    {
        var ec2 = OfficialEc2(TestMaps.Ec2);
        Assert.Equal(new[] { "ssm:GetParameters" }, ec2.GetAction("DescribeLaunchTemplateVersions")!.DependentActions);
        Assert.Null(ec2.GetAction("LaunchRocket")!.DependentActions);
    }

    [Fact]
    public void Service_name_falls_back_to_the_known_map()
    {
        Assert.Equal("Amazon EC2", OfficialEc2(TestMaps.Ec2).ServiceName);
        Assert.Equal("ec2", OfficialEc2(null).ServiceName);
    }

    [Fact]
    public void Source_and_date_given_by_the_caller_are_used()
    {
        var map = Convert("ec2-official-format.json").Map;
        Assert.Equal("test source", map.Source);
        Assert.Equal("2021-01-01", map.Date);
    }

    [Fact]
    public void Without_provenance_or_a_given_source_the_file_name_is_the_source()
    {
        var path = TestFiles.Fixture("service-reference/ec2-official-format.json");
        using var stream = File.OpenRead(path);
        var map = ServiceReferenceConverter.Convert(stream, path, date: "2021-01-01").Map;
        Assert.Contains("ec2-official-format.json", map.Source);
    }

    [Fact]
    public void The_multi_service_shape_converts_every_service()
    {
        var map = Convert("two-services.json").Map;
        Assert.Equal(new[] { "ec2", "s3" }, map.Services.Select(s => s.Prefix));
        Assert.Equal("Amazon S3", map.GetService("s3")!.ServiceName);
        Assert.Equal(new[] { "object" }, map.GetService("s3")!.GetAction("GetObject")!.RequiredResourceTypes.Select(t => t.Name));
        Assert.Equal(1, map.GetService("s3")!.ResourceLevelOnlyStarCount);
    }

    [Fact]
    public void The_multi_service_shape_converts_only_the_services_asked_for()
    {
        var map = Convert("two-services.json", services: new[] { "S3" }).Map;
        var s3 = Assert.Single(map.Services);
        Assert.Equal("s3", s3.Prefix);
    }

    [Fact]
    public void A_service_asked_for_but_missing_fails()
    {
        var error = Assert.Throws<ServiceReferenceFormatException>(() => Convert("two-services.json", services: new[] { "ec2", "lambda" }));
        Assert.Contains("'lambda'", error.Message);
        Assert.EndsWith("two-services.json", error.SourcePath);
    }

    [Fact]
    public void A_single_service_file_asked_for_another_service_fails()
    {
        Assert.Throws<ServiceReferenceFormatException>(() => Convert("ec2-official-format.json", services: new[] { "s3" }));
    }

    [Theory]
    [InlineData("""{ "Name": "ec2" }""")] // neither Actions nor Services
    [InlineData("""[ { "Name": "ec2", "Actions": [] } ]""")] // not an object
    [InlineData("""{ "Actions": [] }""")] // a service without a Name
    [InlineData("""{ "Name": "ec2", "Actions": [ { "Resources": [] } ] }""")] // an action without a Name
    public void Files_not_in_the_service_reference_format_fail(string json)
    {
        var error = Assert.Throws<ServiceReferenceFormatException>(() => ConvertText(json));
        Assert.Equal("inline.json", error.SourcePath);
    }

    [Fact]
    public void Invalid_JSON_fails_with_its_line()
    {
        var error = Assert.Throws<ServiceReferenceFormatException>(() => ConvertText("{\n  \"Name\": \"ec2\",\n  \"Actions\": [ oops ]\n}"));
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_converted_map_survives_writing_and_reading()
    {
        var map = Convert("ec2-official-format.json", knownFlags: TestMaps.Ec2).Map;
        var reread = CapabilityMap.Load(new StringReader(CapabilityMapYamlWriter.ToYaml(map)), "converted.yaml");
        MapAssert.Equivalent(map, reread);
    }
}
