using System.Linq;
using PolicyTools.Analysis;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>An action without resource types (ec2:DescribeVolumes) works only with "Resource": "*".</summary>
public class ResourceLevelPermissionsNotSupportedTests
{
    private const string Code = FindingCodes.ResourceLevelPermissionsNotSupported;
    private const string Volumes = "arn:aws:ec2:us-east-1:123456789012:volume/*";

    [Fact]
    public void An_Allow_scoped_to_ARNs_grants_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolumes", Volumes)));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("Allow", finding.Effect);
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, finding.Actions);
        Assert.Equal(new[] { Volumes }, finding.Resources);
        Assert.Contains("grants nothing", finding.Message);
        Assert.Contains("UnauthorizedOperation", finding.Message);
    }

    [Fact]
    public void A_Deny_scoped_to_ARNs_denies_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Deny("ec2:DescribeVolumes", Volumes)));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("Deny", finding.Effect);
        Assert.Contains("denies nothing", finding.Message);
    }

    [Fact]
    public void Resource_star_is_what_such_actions_need()
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*")));
        Assert.Empty(AnalyzeStatements(Deny("ec2:DescribeVolumes", "*")));
    }

    [Fact]
    public void A_star_among_ARNs_is_enough()
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DescribeVolumes", new[] { Volumes, "*" })));
    }

    [Theory]
    [InlineData("arn:*")]
    [InlineData("arn:aws:ec2:*")]
    [InlineData("arn:aws:ec2:*:*:*")]
    public void An_ARN_wildcard_is_not_the_star_resource(string resource)
    {
        var findings = AnalyzeStatements(Allow("ec2:DescribeVolumes", resource));
        Assert.Equal(Code, Assert.Single(findings).Code);
    }

    [Fact]
    public void NotResource_naming_ARNs_still_applies_to_the_star_resource()
    {
        Assert.Empty(AnalyzeStatements(Statement("Allow", "Action", "ec2:DescribeVolumes", "NotResource", Volumes)));
        Assert.Empty(AnalyzeStatements(Statement("Deny", "Action", "ec2:DescribeVolumes", "NotResource", new[] { Volumes, "arn:aws:ec2:*:*:instance/*" })));
    }

    [Fact]
    public void NotResource_star_excludes_the_star_resource()
    {
        var finding = Assert.Single(AnalyzeStatements(Statement("Allow", "Action", "ec2:DescribeVolumes", "NotResource", "*")));
        Assert.Equal(Code, finding.Code);
    }

    [Fact]
    public void NotAction_reaches_every_EC2_action_it_does_not_exclude()
    {
        var findings = AnalyzeStatements(Statement("Allow", "NotAction", "iam:*", "Resource", Volumes)).WithCode(Code);
        var finding = Assert.Single(findings);
        Assert.Equal(263, finding.Actions.Count);
    }

    [Fact]
    public void NotAction_excluding_the_actions_leaves_nothing_to_report()
    {
        var findings = AnalyzeStatements(Statement("Allow", "NotAction", new[] { "ec2:Describe*", "ec2:Get*", "ec2:*" }, "Resource", Volumes));
        Assert.Empty(findings);
    }

    [Fact]
    public void EC2_star_on_volumes_is_one_finding_naming_all_263_actions()
    {
        var findings = AnalyzeStatements(Allow("ec2:*", Volumes)).WithCode(Code);
        var finding = Assert.Single(findings);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(263, finding.Actions.Count);
        Assert.Equal(263, finding.Actions.Distinct().Count());
        Assert.Contains("ec2:DescribeVolumes", finding.Actions);
        Assert.DoesNotContain("ec2:AttachVolume", finding.Actions);
        Assert.All(finding.Actions, a => Assert.StartsWith("ec2:", a));
        Assert.Contains("263 actions", finding.Message);
    }

    [Fact]
    public void Actions_are_named_canonically_whatever_the_policy_wrote()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("EC2:describevolumes", Volumes)));
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, finding.Actions);
    }

    [Fact]
    public void Describe_star_on_ARNs_names_only_the_describe_actions_without_resource_types()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:Describe*", "arn:aws:ec2:*:*:instance/*")).WithCode(Code));
        Assert.Equal(194 - 17, finding.Actions.Count);
        Assert.DoesNotContain("ec2:DescribeInstanceAttribute", finding.Actions);
    }
}
