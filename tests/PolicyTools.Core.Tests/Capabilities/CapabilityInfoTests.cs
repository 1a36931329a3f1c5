using System;
using System.Linq;
using PolicyTools.Capabilities;
using Xunit;

namespace PolicyTools.Tests.Capabilities;

public class CapabilityInfoTests
{
    private static readonly CapabilityMap Map = TestMaps.Ec2;

    [Theory]
    [InlineData("ec2:DescribeVolumes")]
    [InlineData("DescribeVolumes")]
    [InlineData("EC2:describevolumes")]
    [InlineData(" describevolumes ")]
    [InlineData("*:DescribeVolumes")]
    [InlineData("ec2:DescribeVolume?")]
    public void FindActions_accepts_names_with_or_without_the_prefix(string pattern)
    {
        var action = Assert.Single(Map.FindActions(pattern, "ec2"));
        Assert.Equal("ec2:DescribeVolumes", action.FullName);
    }

    [Fact]
    public void FindActions_expands_wildcards_with_or_without_the_prefix()
    {
        var expected = Map.GetService("ec2")!.Actions.Count(a => a.Name.StartsWith("Describe", StringComparison.Ordinal));
        Assert.Equal(expected, Map.FindActions("ec2:Describe*", "ec2").Count);
        Assert.Equal(expected, Map.FindActions("describe*", "ec2").Count);
        Assert.Equal(Map.GetService("ec2")!.Actions.Count, Map.FindActions("*", "ec2").Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ec2:DescribeVolume")]
    [InlineData("s3:GetObject")]
    [InlineData("s3:*")]
    public void FindActions_finds_nothing_for_unknown_names(string pattern) =>
        Assert.Empty(Map.FindActions(pattern, "ec2"));

    [Fact]
    public void ActionCapabilityInfo_resolves_arn_formats_and_type_condition_keys()
    {
        var service = Map.GetService("ec2")!;
        var info = ActionCapabilityInfo.From(service, service.GetAction("RunInstances")!);

        Assert.Equal("ec2:RunInstances", info.Action);
        Assert.True(info.SupportsResourceLevelPermissions);
        Assert.Equal(new[] { "image", "instance", "network-interface", "security-group", "subnet" }, info.RequiredResourceTypes);
        var image = info.ResourceTypes.Single(t => t.Name == "image");
        Assert.True(image.Required);
        Assert.Equal("ec2:RunInstances", image.Action);
        Assert.Equal(new[] { "arn:${Partition}:ec2:${Region}::image/${ImageId}" }, image.ArnFormats);
        Assert.Equal(service.GetResourceType("image")!.ConditionKeys, image.ConditionKeys);
        Assert.Contains("ec2:ImageType", image.ConditionKeysForAction);
        Assert.StartsWith("capacity-reservation, elastic-gpu", info.ResourceTypes.ToString());
        Assert.Contains("image*, instance*", info.ResourceTypes.ToString());
    }

    [Fact]
    public void ActionCapabilityInfo_of_a_star_only_action_has_no_resource_types()
    {
        var service = Map.GetService("ec2")!;
        var info = ActionCapabilityInfo.From(service, service.GetAction("DescribeVolumes")!);
        Assert.False(info.SupportsResourceLevelPermissions);
        Assert.Empty(info.ResourceTypes);
        Assert.Equal("List", info.AccessLevel);
    }

    [Fact]
    public void CapabilityMapInfo_counts_the_embedded_map()
    {
        var info = CapabilityMapInfo.From(Map, new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc));
        var service = Map.GetService("ec2")!;

        Assert.Equal(CapabilityMap.EmbeddedPath, info.Path);
        Assert.True(info.IsEmbedded);
        Assert.Equal(service.Actions.Count, info.ActionCount);
        Assert.Equal(service.Actions.Count(a => a.ResourceTypes.Count == 0), info.StarOnlyActionCount);
        Assert.Equal(info.ActionCount - info.StarOnlyActionCount, info.ResourceLevelActionCount);
        Assert.Equal(service.ResourceTypes.Count, info.ResourceTypeCount);
        Assert.Equal(service.Actions.Sum(a => a.ResourceTypes.Count), info.ActionResourceTypeCount);
        Assert.Equal(0, info.RequiredFlagUnknownCount);
        Assert.True(info.ConditionKeyCount > 100);
        Assert.Equal((int)(new DateTime(2026, 9, 1) - DateTime.ParseExact(Map.Date, "yyyy-MM-dd", null)).TotalDays, info.AgeInDays);
    }
}
