using PolicyTools.Analysis;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>An action with resource types, none of which the statement's resources can be.</summary>
public class ResourceTypeMismatchTests
{
    private const string Code = FindingCodes.ResourceTypeMismatch;
    private const string Subnets = "arn:aws:ec2:us-east-1:123456789012:subnet/*";

    [Fact]
    public void An_Allow_on_the_wrong_resource_type_grants_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DeleteVolume", Subnets)));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "ec2:DeleteVolume" }, finding.Actions);
        Assert.Equal(new[] { Subnets }, finding.Resources);
        Assert.Contains("(volume)", finding.Message); // names what the action accepts
        Assert.Contains("UnauthorizedOperation", finding.Message);
    }

    [Fact]
    public void A_Deny_on_the_wrong_resource_type_denies_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Deny("ec2:DeleteVolume", Subnets)));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("denies nothing", finding.Message);
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0")]
    [InlineData("arn:aws:ec2:*:*:volume/*")]
    [InlineData("arn:aws:ec2:*")]
    [InlineData("*")]
    public void A_resource_that_can_be_a_volume_is_fine(string resource)
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DeleteVolume", resource)));
    }

    [Fact]
    public void One_fitting_resource_among_several_is_enough()
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DeleteVolume", new[] { Subnets, "arn:aws:ec2:*:*:volume/*" })));
    }

    [Fact]
    public void An_image_ARN_with_an_account_is_no_image()
    {
        var findings = AnalyzeStatements(Allow("ec2:DeregisterImage", "arn:aws:ec2:us-east-1:123456789012:image/*"));
        Assert.Single(findings.WithCode(Code));
        Assert.Single(findings.WithCode(FindingCodes.InvalidArn));
        Assert.Empty(AnalyzeStatements(Allow("ec2:DeregisterImage", "arn:aws:ec2:us-east-1::image/*")));
    }

    [Fact]
    public void NotResource_covering_every_accepted_type_leaves_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Statement("Allow", "Action", "ec2:AttachVolume", "NotResource",
            new[] { "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*" })));
        Assert.Equal(Code, finding.Code);
        Assert.Contains("outside NotResource", finding.Message);
    }

    [Fact]
    public void NotResource_covering_every_accepted_type_makes_a_Deny_deny_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Statement("Deny", "Action", "ec2:DeleteVolume", "NotResource", "arn:aws:ec2:*:*:volume/*")));
        Assert.Equal(Code, finding.Code);
        Assert.Equal("Deny", finding.Effect);
    }

    [Fact]
    public void NotResource_naming_only_some_ARNs_of_the_type_leaves_the_rest()
    {
        Assert.Empty(AnalyzeStatements(Statement("Deny", "Action", "ec2:DeleteVolume", "NotResource", "arn:aws:ec2:*:*:volume/vol-keep")));
        Assert.Empty(AnalyzeStatements(Statement("Deny", "Action", "ec2:DeleteVolume", "NotResource", "arn:aws:ec2:us-east-1:*:volume/*")));
    }

    [Fact]
    public void NotAction_statements_are_checked_too()
    {
        var finding = Assert.Single(AnalyzeStatements(Statement("Deny", "NotAction", "iam:*", "Resource", Subnets)).WithCode(Code));
        Assert.Contains("ec2:DeleteVolume", finding.Actions);
        Assert.DoesNotContain("ec2:DeleteSubnet", finding.Actions);
    }

    [Fact]
    public void Many_mismatched_actions_are_one_finding()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow(new[] { "ec2:DeleteVolume", "ec2:TerminateInstances", "ec2:DeregisterImage" }, Subnets)));
        Assert.Equal(new[] { "ec2:DeleteVolume", "ec2:DeregisterImage", "ec2:TerminateInstances" }, finding.Actions);
    }
}
