using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>The map of every service: a document is analysed for the services its actions name; the EC2 view stays EC2's.</summary>
public class AllServicesAnalysisTests
{
    private static PolicyAnalyzer Every => PolicyAnalyzer.For(CapabilityMap.Default);

    private static string[] ServicesOf(string json) =>
        Every.ServicesFor(PolicyParser.Parse(json)).Select(s => s.Prefix).ToArray();

    [Fact]
    public void A_document_is_analysed_for_the_services_its_actions_name_in_map_order()
    {
        Assert.Equal(new[] { "ec2" }, ServicesOf(Document(Allow("ec2:DescribeVolumes", "*"))));
        Assert.Equal(new[] { "ec2", "s3", "ssm" }, ServicesOf(Document(Allow(new[] { "ssm:StartSession", "S3:GetObject", "ec2:AttachVolume" }, "*"))));
        Assert.Empty(ServicesOf(Document(Allow("nosuchservice:Get", "*"))));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*:Get*")]
    [InlineData("ec?:Describe*")]
    [InlineData("Describe*")]
    public void A_wildcard_service_part_reaches_every_service(string action)
    {
        Assert.Equal(CapabilityMap.Default.ServicePrefixes.Count, ServicesOf(Document(Allow(action, "*"))).Length);
    }

    [Fact]
    public void A_NotAction_reaches_every_service()
    {
        var json = Document(Statement("Allow", "NotAction", "s3:*", "Resource", "*"));
        Assert.Equal(CapabilityMap.Default.ServicePrefixes.Count, ServicesOf(json).Length);
    }

    [Fact]
    public void Other_services_are_checked_with_the_map_of_every_service_and_not_through_the_EC2_view()
    {
        // One bucket: arn:aws:s3:::* is the request form the S3 guide documents for s3:ListAllMyBuckets (data/service-evidence.yaml).
        var json = Document(Allow(new[] { "s3:ListAllMyBuckets", "ec2:DescribeVolumes" }, "arn:aws:s3:::my-bucket"));
        var document = PolicyParser.Parse(json);

        var every = Every.Analyze(document, new PolicySource("p"));
        Assert.Contains(every, f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported && f.Actions.Contains("s3:ListAllMyBuckets"));

        var ec2 = PolicyAnalyzer.For(TestMaps.Ec2).Analyze(document, new PolicySource("p"));
        Assert.All(ec2, f => Assert.All(f.Actions, a => Assert.StartsWith("ec2:", a)));
        Assert.Contains(ec2, f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported);
    }

    [Fact]
    public void The_EC2_view_shares_the_services_of_the_map_and_is_one_object()
    {
        Assert.Same(CapabilityMap.Default.Only("ec2"), TestMaps.Ec2);
        Assert.Same(CapabilityMap.Default.GetService("ec2"), TestMaps.Ec2.GetService("ec2"));
        Assert.Equal(new[] { "ec2" }, TestMaps.Ec2.ServicePrefixes);
        Assert.Null(TestMaps.Ec2.GetService("s3"));
    }
}
