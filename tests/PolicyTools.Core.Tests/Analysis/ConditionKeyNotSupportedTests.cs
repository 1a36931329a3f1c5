using PolicyTools.Analysis;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>A condition on a key the action never carries: the statement never applies to it.</summary>
public class ConditionKeyNotSupportedTests
{
    private const string Code = FindingCodes.ConditionKeyNotSupported;

    private static string Condition(string op, string key, string value = "x") => $$"""{ "{{op}}": { "{{key}}": "{{value}}" } }""";

    [Fact]
    public void An_Allow_on_a_key_the_action_never_carries_never_grants_it()
    {
        // Describe calls carry no resource, so no resource tag either.
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition("StringEquals", "ec2:ResourceTag/Team", "blue"))));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, finding.Actions);
        Assert.Contains("'ec2:ResourceTag/Team'", finding.Message);
        Assert.Contains("IfExists", finding.Message);
    }

    [Fact]
    public void A_Deny_on_a_key_the_action_never_carries_is_a_warning()
    {
        var finding = Assert.Single(AnalyzeStatements(Deny("ec2:DescribeVolumes", "*", Condition("StringEquals", "ec2:InstanceType", "t3.micro"))));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("never denies", finding.Message);
    }

    [Theory]
    [InlineData("StringEqualsIfExists")]
    [InlineData("StringNotEquals")]
    [InlineData("ForAllValues:StringEquals")]
    public void Operators_that_a_missing_key_satisfies_are_fine(string op)
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition(op, "ec2:InstanceType", "t3.micro"))));
    }

    [Fact]
    public void A_Null_test_that_the_key_is_absent_is_fine_and_one_that_it_is_present_is_not()
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition("Null", "ec2:InstanceType", "true"))));
        Assert.Equal(Code, Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition("Null", "ec2:InstanceType", "false")))).Code);
    }

    [Fact]
    public void Tag_keys_are_not_global_keys()
    {
        // DescribeInstances supports no resource-level permissions, so no resource tags reach it.
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeInstances", "*", Condition("StringEquals", "aws:ResourceTag/team", "blue"))));
        Assert.Equal(Code, finding.Code);
        Assert.Empty(AnalyzeStatements(Allow("ec2:DescribeInstances", "*", Condition("StringEquals", "aws:RequestedRegion", "us-east-1"))));
    }

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("ForAnyValue:StringEquals")]
    [InlineData("StringLike")]
    public void Operators_that_a_missing_key_fails_are_reported(string op)
    {
        Assert.Equal(Code, Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition(op, "ec2:InstanceType", "t3.micro")))).Code);
    }

    [Theory]
    [InlineData("aws:RequestedRegion")]
    [InlineData("aws:PrincipalTag/Team")]
    [InlineData("AWS:SourceIp")]
    public void Global_keys_are_always_carried(string key)
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition("StringEquals", key))));
    }

    [Theory]
    [InlineData("ec2:Region")] // the action's own key
    [InlineData("ec2:InstanceType")] // a key of its resource type
    [InlineData("ec2:ResourceTag/Team")] // a templated key of its resource type
    [InlineData("EC2:instancetype")] // keys are case-insensitive
    public void Keys_the_action_carries_are_fine(string key)
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:TerminateInstances", "arn:aws:ec2:*:*:instance/*", Condition("StringEquals", key))));
    }

    [Fact]
    public void Only_the_actions_that_lack_the_key_are_named()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow(new[] { "ec2:TerminateInstances", "ec2:DeleteVolume" }, new[] { "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*" },
            Condition("StringEquals", "ec2:InstanceType", "t3.micro"))));
        Assert.Equal(new[] { "ec2:DeleteVolume" }, finding.Actions);
    }

    [Fact]
    public void Another_statement_granting_the_action_makes_it_information()
    {
        var findings = AnalyzeStatements(
            Allow("ec2:DescribeVolumes", "*", Condition("StringEquals", "ec2:InstanceType", "t3.micro")),
            Allow("ec2:DescribeVolumes", "*"));
        var finding = Assert.Single(findings);
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Information, finding.Severity);
        Assert.Contains("statement 1", finding.Message);
    }

    [Fact]
    public void A_cross_service_wildcard_is_not_judged_by_another_service_s_keys()
    {
        Assert.Empty(AnalyzeStatements(Allow("*", "*", Condition("StringLike", "s3:prefix", "home/*"))));
    }

    [Fact]
    public void An_EC2_statement_on_another_service_s_key_never_applies()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition("StringLike", "s3:prefix", "home/*"))));
        Assert.Equal(Code, finding.Code);
    }

    [Fact]
    public void An_action_that_is_already_not_effective_is_not_reported_twice()
    {
        var findings = AnalyzeStatements(Allow("ec2:DescribeVolumes", "arn:aws:ec2:*:*:volume/*", Condition("StringEquals", "ec2:InstanceType", "t3.micro")));
        Assert.Equal(FindingCodes.ResourceLevelPermissionsNotSupported, Assert.Single(findings).Code);
    }
}
