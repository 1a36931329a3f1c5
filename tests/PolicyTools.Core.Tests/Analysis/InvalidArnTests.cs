using PolicyTools.Analysis;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>ARNs that are malformed or can never match what they seem to name.</summary>
public class InvalidArnTests
{
    private const string Code = FindingCodes.InvalidArn;

    private static PolicyFinding InvalidArnFor(string action, string resource)
    {
        var finding = Assert.Single(AnalyzeStatements(Allow(action, resource)).WithCode(Code));
        Assert.Equal(new[] { resource }, finding.Resources);
        return finding;
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*", "AWS_ACCOUNT_ID")]
    [InlineData("arn:aws:ec2:us-east-1:1234:volume/*", "12-digit")]
    [InlineData("arn:aws-xx:ec2:us-east-1:123456789012:volume/*", "partition 'aws-xx'")]
    [InlineData("arn:aws:ec2:useast1:123456789012:volume/*", "region 'useast1'")]
    [InlineData("arn:aws:ec2:REGION:123456789012:volume/*", "region 'REGION'")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:volumes/*", "resource type 'volumes'")]
    [InlineData("arn:aws:EC2:us-east-1:123456789012:volume/*", "lower-case 'ec2'")]
    [InlineData("ARN:aws:ec2:us-east-1:123456789012:volume/*", "lower-case 'arn:'")]
    [InlineData("volume/*", "neither")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012", "5 of the six parts")]
    [InlineData("arn:aws:ec2:us-east-1::volume/*", "no account")]
    [InlineData("arn:aws:s3:::my-bucket/*", "'s3' ARN")]
    public void ARNs_that_can_never_match_are_errors(string resource, string reason)
    {
        var finding = InvalidArnFor("ec2:DeleteVolume", resource);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains(reason, finding.Message);
        Assert.Equal(new[] { "ec2:DeleteVolume" }, finding.Actions);
    }

    [Fact]
    public void An_account_on_an_image_ARN_is_an_error()
    {
        var finding = InvalidArnFor("ec2:DeregisterImage", "arn:aws:ec2:us-east-1:123456789012:image/ami-1");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("image ARNs have none", finding.Message);
    }

    [Fact]
    public void An_account_on_a_snapshot_ARN_is_an_error()
    {
        var finding = InvalidArnFor("ec2:DeleteSnapshot", "arn:aws:ec2:us-east-1:123456789012:snapshot/*");
        Assert.Contains("snapshot ARNs have none", finding.Message);
    }

    [Theory]
    [InlineData("ec2:DeleteVolume", "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0")]
    [InlineData("ec2:DeleteVolume", "arn:aws-cn:ec2:cn-north-1:123456789012:volume/*")]
    [InlineData("ec2:DeleteVolume", "arn:aws-us-gov:ec2:us-gov-west-1:123456789012:volume/*")]
    [InlineData("ec2:DeleteVolume", "arn:aws:ec2:*:*:volume/*")]
    [InlineData("ec2:DeleteVolume", "arn:*:ec2:*:*:*")]
    [InlineData("ec2:DeleteVolume", "*")]
    [InlineData("ec2:DeregisterImage", "arn:aws:ec2:us-east-1::image/ami-1")]
    [InlineData("ec2:DeregisterImage", "arn:aws:ec2:*:*:image/*")]
    [InlineData("ec2:DeleteVolume", "arn:aws:ec2:*:${aws:PrincipalAccount}:volume/*")]
    public void Well_formed_ARNs_are_fine(string action, string resource)
    {
        Assert.Empty(AnalyzeStatements(Allow(action, resource)).WithCode(Code));
    }

    [Fact]
    public void Policy_variables_under_2008_10_17_are_a_warning()
    {
        var document = DocumentWithVersion("2008-10-17", Allow("ec2:DeleteVolume", "arn:aws:ec2:*:*:volume/${aws:username}"));
        var finding = Assert.Single(Analyze(document));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("2012-10-17", finding.Message);
    }

    [Fact]
    public void Policy_variables_under_2012_10_17_are_fine()
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DeleteVolume", "arn:aws:ec2:*:*:volume/${aws:username}")));
    }

    [Fact]
    public void Errors_and_warnings_of_one_statement_are_one_finding_each()
    {
        var document = DocumentWithVersion("2008-10-17", Allow("ec2:DeleteVolume", new[]
        {
            "arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*",
            "arn:aws:ec2:us-east-1:123456789012:volumes/*",
            "arn:aws:ec2:*:*:volume/${aws:username}",
            "arn:aws:ec2:*:*:volume/vol-1",
        }));
        var findings = Analyze(document).WithCode(Code);
        Assert.Equal(2, findings.Count);
        var error = Assert.Single(findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(new[] { "arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*", "arn:aws:ec2:us-east-1:123456789012:volumes/*" }, error.Resources);
        var warning = Assert.Single(findings, f => f.Severity == FindingSeverity.Warning);
        Assert.Equal(new[] { "arn:aws:ec2:*:*:volume/${aws:username}" }, warning.Resources);
    }

    [Fact]
    public void Deny_statements_are_checked_too()
    {
        var finding = Assert.Single(AnalyzeStatements(Deny("ec2:DeleteVolume", new[] { "arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*", "arn:aws:ec2:*:*:volume/*" })));
        Assert.Equal(Code, finding.Code);
        Assert.Equal("Deny", finding.Effect);
    }

    [Fact]
    public void NotResource_entries_are_checked_too()
    {
        var finding = Assert.Single(AnalyzeStatements(Statement("Deny", "Action", "ec2:DeleteVolume", "NotResource", "arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*")).WithCode(Code));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }

    [Fact]
    public void Another_service_s_ARN_in_a_statement_with_that_service_s_actions_is_fine()
    {
        Assert.Empty(AnalyzeStatements(Allow(new[] { "ec2:DeleteVolume", "s3:GetObject" }, new[] { "arn:aws:s3:::my-bucket/*", "arn:aws:ec2:*:*:volume/*" })));
    }

    [Fact]
    public void A_statement_without_EC2_actions_is_not_checked()
    {
        Assert.Empty(AnalyzeStatements(Allow("s3:GetObject", "arn:aws:s3:::my-bucket/AWS_ACCOUNT_ID/*")));
        Assert.Empty(AnalyzeStatements(Allow("s3:GetObject", "arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*")));
    }

    [Fact]
    public void A_cross_service_wildcard_statement_is_checked_only_for_EC2_ARNs()
    {
        Assert.Empty(AnalyzeStatements(Allow("*", "arn:aws:s3:::my-bucket")));
        var findings = AnalyzeStatements(Allow("*", new[] { "arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*", "arn:aws:ec2:*:*:volume/*" }));
        var finding = Assert.Single(findings.WithCode(Code));
        Assert.Equal(new[] { "arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*" }, finding.Resources);
    }
}
