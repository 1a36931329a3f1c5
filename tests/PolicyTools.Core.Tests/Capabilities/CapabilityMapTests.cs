using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>The facts of the shipped EC2 map (AWS Service Authorization Reference, August 2026).</summary>
public class CapabilityMapTests
{
    private static ServiceCapabilities Ec2 => TestMaps.Ec2.GetService("ec2")!;

    private static string[] RequiredTypes(string action) =>
        Ec2.GetAction(action)!.RequiredResourceTypes.Select(t => t.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_default_map_is_the_embedded_EC2_map()
    {
        var map = TestMaps.Ec2;
        Assert.Equal(CapabilityMap.EmbeddedPath, map.Path);
        Assert.Equal("2026-09-26", map.Date);
        Assert.Contains("Service Authorization Reference", map.Source);
        var service = Assert.Single(map.Services);
        Assert.Equal("ec2", service.Prefix);
        Assert.Equal("Amazon EC2", service.ServiceName);
    }

    [Fact]
    public void EC2_has_826_actions_and_114_resource_types()
    {
        Assert.Equal(826, Ec2.Actions.Count);
        Assert.Equal(114, Ec2.ResourceTypes.Count);
    }

    [Fact]
    public void EC2_has_263_actions_without_resource_types()
    {
        Assert.Equal(263, Ec2.ResourceLevelOnlyStarCount);
        Assert.Equal(263, Ec2.Actions.Count(a => !a.SupportsResourceLevelPermissions));
        Assert.Equal(563, Ec2.Actions.Count(a => a.SupportsResourceLevelPermissions));
    }

    [Fact]
    public void EC2_has_537_actions_with_required_resource_types()
    {
        Assert.Equal(537, Ec2.Actions.Count(a => a.RequiredResourceTypes.Count > 0));
        Assert.Equal(658, Ec2.Actions.Sum(a => a.RequiredResourceTypes.Count));
        Assert.All(Ec2.Actions.SelectMany(a => a.ResourceTypes), t => Assert.NotNull(t.Required));
    }

    [Fact]
    public void DescribeVolumes_has_no_resource_types()
    {
        var action = Ec2.GetAction("DescribeVolumes")!;
        Assert.Empty(action.ResourceTypes);
        Assert.False(action.SupportsResourceLevelPermissions);
        Assert.Equal("ec2:DescribeVolumes", action.FullName);
        Assert.Equal("List", action.AccessLevel);
    }

    [Fact]
    public void RunInstances_requires_image_instance_network_interface_security_group_and_subnet()
    {
        Assert.Equal(new[] { "image", "instance", "network-interface", "security-group", "subnet" }, RequiredTypes("RunInstances"));
        // …and accepts more types that a request may or may not carry.
        var optional = Ec2.GetAction("RunInstances")!.ResourceTypes.Where(t => t.Required == false).Select(t => t.Name).ToList();
        Assert.Contains("volume", optional);
        Assert.Contains("launch-template", optional);
    }

    [Fact]
    public void AttachVolume_requires_instance_and_volume()
    {
        Assert.Equal(new[] { "instance", "volume" }, RequiredTypes("AttachVolume"));
    }

    [Fact]
    public void Image_and_snapshot_ARNs_have_no_account()
    {
        Assert.Equal(new[] { "arn:${Partition}:ec2:${Region}::image/${ImageId}" }, Ec2.GetResourceType("image")!.ArnFormats);
        Assert.Equal(new[] { "arn:${Partition}:ec2:${Region}::snapshot/${SnapshotId}" }, Ec2.GetResourceType("snapshot")!.ArnFormats);
    }

    [Theory]
    [InlineData("ec2:DescribeVolumes")]
    [InlineData("EC2:describevolumes")]
    [InlineData("DescribeVolumes")]
    [InlineData("DESCRIBEVOLUMES")]
    public void Actions_are_looked_up_case_insensitively(string name)
    {
        Assert.Same(Ec2.GetAction("DescribeVolumes"), Ec2.GetAction(name));
    }

    [Fact]
    public void Services_and_resource_types_are_looked_up_case_insensitively()
    {
        Assert.Same(Ec2, TestMaps.Ec2.GetService("EC2"));
        Assert.Same(Ec2.GetResourceType("volume"), Ec2.GetResourceType("Volume"));
        Assert.NotNull(Ec2.GetResourceType("volume"));
    }

    [Theory]
    [InlineData("s3:DescribeVolumes")]
    [InlineData("ec2:DescribeVolume")]
    [InlineData("ec2:")]
    public void Unknown_actions_are_not_found(string name)
    {
        Assert.Null(Ec2.GetAction(name));
        Assert.Empty(Ec2.Match(name));
    }

    [Fact]
    public void Unknown_services_are_not_found()
    {
        Assert.Null(TestMaps.Ec2.GetService("s3"));
    }

    [Fact]
    public void Describe_star_expands_to_194_actions_of_which_17_have_resource_types()
    {
        var describe = Ec2.Match("ec2:Describe*");
        Assert.Equal(194, describe.Count);
        Assert.Equal(17, describe.Count(a => a.SupportsResourceLevelPermissions));
        Assert.Contains(Ec2.GetAction("DescribeInstanceAttribute")!, describe);
        Assert.Contains(Ec2.GetAction("DescribeVolumes")!, describe);
        Assert.All(describe, a => Assert.StartsWith("Describe", a.Name));
    }

    [Fact]
    public void Expansions_are_case_insensitive_and_cached()
    {
        var first = Ec2.Match("ec2:Describe*");
        Assert.Same(first, Ec2.Match("ec2:Describe*"));
        Assert.Equal(first, Ec2.Match("EC2:DESCRIBE*"));
    }

    [Theory]
    [InlineData("ec2:*", 826)]
    [InlineData("*", 826)]
    [InlineData("*:*", 826)]
    [InlineData("e?2:*", 826)]
    [InlineData("ec2:*Volume", 6)] // Attach, Create, Delete, Detach, Import, Modify
    [InlineData("ec2:Describe?olumes", 1)]
    [InlineData("s3:*", 0)]
    [InlineData("ec2:Descibe*", 0)]
    public void Patterns_expand_to_every_action_they_match(string pattern, int count)
    {
        var matches = Ec2.Match(pattern);
        Assert.Equal(count, matches.Count);
        Assert.Equal(matches.Count, matches.Distinct().Count());
    }

    [Theory]
    [InlineData("ec2:DescribeVolumes", true)]
    [InlineData("EC2:Describe*", true)]
    [InlineData("*", false)]
    [InlineData("ec*:Describe*", false)]
    [InlineData("ec2", false)]
    [InlineData("ec2x:Describe", false)]
    public void NamesServiceExplicitly_is_true_only_for_a_literal_service_prefix(string pattern, bool expected)
    {
        Assert.Equal(expected, Ec2.NamesServiceExplicitly(pattern));
    }

    [Fact]
    public void The_default_map_is_one_instance_across_threads()
    {
        var seen = new ConcurrentBag<CapabilityMap>();
        var counts = new ConcurrentBag<int>();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ =>
        {
            var map = TestMaps.Ec2;
            seen.Add(map);
            counts.Add(map.GetService("ec2")!.Match("ec2:Describe*").Count);
        });
        Assert.Equal(64, seen.Count);
        Assert.All(seen, map => Assert.Same(TestMaps.Ec2, map));
        Assert.All(counts, count => Assert.Equal(194, count));
    }
}
