using System.IO;
using System.Linq;
using System.Text;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>Converting AWS's data of every service: the quirks of the all-services file, the date, services read lazily.</summary>
public class AllServicesConversionTests
{
    private static ServiceReferenceConversion ConvertText(string json, string? date = null, string? fallbackDate = null) =>
        ServiceReferenceConverter.Convert(new MemoryStream(Encoding.UTF8.GetBytes(json)), "inline.json", null, null, null, date, fallbackDate);

    private const string TwoServices = """
        { "Services": {
            "ec2-instance-connect": { "Name": "ec2-instance-connect",
              "Resources": [ { "Name": "instance-connect-endpoint", "ARNFormats": ["arn:${Partition}:ec2:${Region}:${Account}:instance-connect-endpoint/${Id}"] } ],
              "Actions": [ { "Name": "OpenTunnel", "Resources": [
                  { "Name": "instance-connect-endpoint", "Required": true, "ConditionKeys": [] },
                  { "Name": "instance-connect-endpoint", "Required": true, "ConditionKeys": ["ec2-instance-connect:remotePort"] } ] } ] },
            "account-access": { "Name": "account-access", "Resources": [],
              "Actions": [ { "Name": "ListAccounts", "Resources": [] } ] } } }
        """;

    [Fact]
    public void A_pair_listed_twice_becomes_one_pair_with_the_keys_of_both()
    {
        var map = ConvertText(TwoServices, date: "2026-08-22").Map;

        var pair = map.GetService("ec2-instance-connect")!.GetAction("OpenTunnel")!.ResourceTypes.Single();
        Assert.Equal("instance-connect-endpoint", pair.Name);
        Assert.True(pair.Required);
        Assert.Equal(new[] { "ec2-instance-connect:remotePort" }, pair.ConditionKeys);
    }

    [Fact]
    public void A_pair_listed_twice_with_different_required_flags_is_unknown()
    {
        var json = TwoServices.Replace("\"Required\": true, \"ConditionKeys\": []", "\"Required\": false, \"ConditionKeys\": []");
        var conversion = ConvertText(json, date: "2026-08-22");

        Assert.Null(conversion.Map.GetService("ec2-instance-connect")!.GetAction("OpenTunnel")!.ResourceTypes.Single().Required);
        Assert.Equal(new[] { "ec2-instance-connect:OpenTunnel instance-connect-endpoint" }, conversion.UnknownRequiredFlags);
    }

    [Fact]
    public void A_service_without_resource_types_is_written_and_read_back()
    {
        var map = ConvertText(TwoServices, date: "2026-08-22").Map;
        var yaml = CapabilityMapYamlWriter.ToYaml(map);

        var reread = CapabilityMap.Load(new StringReader(yaml), "round-trip.yaml");
        var service = reread.GetService("account-access")!;
        Assert.Empty(service.ResourceTypes);
        Assert.False(service.GetAction("ListAccounts")!.SupportsResourceLevelPermissions);
        MapAssert.Equivalent(map, reread);
    }

    [Fact]
    public void The_date_is_the_datas_never_silently_the_day_of_conversion()
    {
        var noDate = ConvertText(TwoServices);
        Assert.Equal("unknown", noDate.Map.Date);

        var fromFile = ConvertText(TwoServices, fallbackDate: "2026-07-01");
        Assert.Equal("2026-07-01", fromFile.Map.Date);
        Assert.Contains("date from the file's last write time", fromFile.Map.Source);

        var given = ConvertText(TwoServices, date: "2026-08-22", fallbackDate: "2026-07-01");
        Assert.Equal("2026-08-22", given.Map.Date);
        Assert.DoesNotContain("last write time", given.Map.Source);
    }

    [Fact]
    public void A_per_service_folder_reads_each_service_on_first_use()
    {
        var map = ConvertText(TwoServices, date: "2026-08-22").Map;
        var directory = Path.Combine(Path.GetTempPath(), "policytools-folder-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            CapabilityMapServiceFiles.Write(map, directory);
            File.WriteAllText(Path.Combine(directory, "account-access.yaml"), "not: [a map");

            var folder = CapabilityMapServiceFiles.Load(directory);
            Assert.Equal(new[] { "account-access", "ec2-instance-connect" }, folder.ServicePrefixes);
            Assert.NotNull(folder.GetService("ec2-instance-connect")!.GetAction("OpenTunnel"));
            // The broken file is read only when its service is used, and then names itself.
            var ex = Assert.Throws<CapabilityMapFormatException>(() => folder.GetService("account-access"));
            Assert.Contains("account-access.yaml", ex.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void An_action_handed_to_two_services_keeps_its_place_in_each()
    {
        var volume = new ResourceTypeCapability("volume", new[] { "arn:${Partition}:ec2:${Region}:${Account}:volume/${VolumeId}" }, null);
        var instance = new ResourceTypeCapability("instance", new[] { "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}" }, null);
        var attach = new ActionCapability("ec2", "AttachVolume", "Write", new[] { new ActionResourceType("volume", true, null) }, new string[0], null);
        var other = new ActionCapability("ec2", "AAA", "Write", new ActionResourceType[0], new string[0], null);

        var first = new ServiceCapabilities("ec2", "one", new[] { attach }, new[] { volume });
        var second = new ServiceCapabilities("ec2", "two", new[] { other, attach }, new[] { instance, volume });

        Assert.Equal(0, first.GetAction("AttachVolume")!.Index);
        Assert.Equal(1, second.GetAction("AttachVolume")!.Index);
        Assert.Equal(new[] { 0 }, first.GetAction("AttachVolume")!.ResourceTypeIndexes);
        Assert.Equal(new[] { 1 }, second.GetAction("AttachVolume")!.ResourceTypeIndexes);
        Assert.Equal(-1, attach.Index);
    }

    [Fact]
    public void The_scraped_access_levels_that_name_two_levels_keep_the_more_specific_one()
    {
        Assert.Equal("Tagging", IamDataPackageConverter.AccessLevel("Tagging, Write"));
        Assert.Equal("Permissions management", IamDataPackageConverter.AccessLevel("Permissions management, Write"));
        Assert.Equal("List", IamDataPackageConverter.AccessLevel("List"));
    }
}
