using PolicyTools.Analysis;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>
/// A condition must hold for every ARN a request carries: keys that exist only for some resource
/// types of a multi-resource action (ec2:InstanceType, aws:RequestTag) block the others.
/// </summary>
public class ConditionsPerResourceTypeTests
{
    private static string Condition(string op, string key, string value) => $$"""{ "{{op}}": { "{{key}}": "{{value}}" } }""";

    [Fact]
    public void An_instance_type_condition_on_RunInstances_with_star_blocks_the_image_and_subnet()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:RunInstances", "*", Condition("StringEquals", "ec2:InstanceType", "t3.micro"))));
        Assert.Equal(FindingCodes.RequiredResourceTypeMissing, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("image", finding.Message);
        Assert.Contains("subnet", finding.Message);
        Assert.Contains("'ec2:InstanceType'", finding.Message);
    }

    [Fact]
    public void The_same_condition_scoped_to_instances_next_to_an_unconditioned_statement_is_fine()
    {
        Assert.Empty(AnalyzeStatements(
            Allow("ec2:RunInstances", "arn:aws:ec2:*:*:instance/*", Condition("StringEquals", "ec2:InstanceType", "t3.micro")),
            Statement("Allow", "Action", "ec2:RunInstances", "NotResource", "arn:aws:ec2:*:*:instance/*")));
    }

    [Fact]
    public void A_request_tag_condition_on_RunInstances_with_star_blocks_the_types_that_are_not_created()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:RunInstances", "*", Condition("StringEquals", "aws:RequestTag/team", "blue"))));
        Assert.Equal(FindingCodes.RequiredResourceTypeMissing, finding.Code);
        Assert.Contains("image, security-group or subnet", finding.Message);
        Assert.DoesNotContain("network-interface", finding.Message); // created and tagged by the call
    }

    [Fact]
    public void Global_keys_hold_for_every_resource_type()
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:RunInstances", "*", Condition("StringEquals", "aws:RequestedRegion", "eu-west-1"))));
    }

    [Fact]
    public void A_resource_tag_test_on_a_star_only_action_never_grants_it()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeInstances", "*", Condition("StringEquals", "aws:ResourceTag/team", "blue"))));
        Assert.Equal(FindingCodes.ConditionKeyNotSupported, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }
}
