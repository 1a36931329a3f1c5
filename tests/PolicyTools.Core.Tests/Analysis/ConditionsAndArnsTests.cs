using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Facts;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>
/// Conditions and ARNs read the way IAM reads them (issue 12): cross-service keys, conditions of
/// the statement that "grants elsewhere", AWS-owned accounts, other services' ARNs, wrong partitions.
/// </summary>
public class ConditionsAndArnsTests
{
    private const string Instances = "arn:aws:ec2:us-east-1:123456789012:instance/*";

    private static string Condition(string op, string key, string value) => $$"""{ "{{op}}": { "{{key}}": "{{value}}" } }""";

    private static PolicyFinding[] Errors(string json) => Analyze(json).Where(f => f.Severity == FindingSeverity.Error).ToArray();

    // ---- 1. cross-service condition keys ----

    [Theory]
    [InlineData("ec2:SourceInstanceARN")]
    [InlineData("glue:RoleAssumedBy")]
    [InlineData("glue:CredentialIssuingService")]
    [InlineData("lambda:SourceFunctionArn")]
    [InlineData("ssm:SourceInstanceArn")]
    [InlineData("identitystore:UserId")]
    [InlineData("codebuild:ProjectArn")]
    public void A_cross_service_key_is_carried_by_every_action(string key)
    {
        Assert.True(CrossServiceConditionKeys.Contains(key));
        Assert.Empty(AnalyzeStatements(Allow(new[] { "ec2:DescribeInstanceAttribute", "ec2:AttachVolume" }, new[] { "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*" },
            Condition("StringEquals", key, "x"))));
    }

    [Fact]
    public void A_service_key_that_is_not_cross_service_is_still_not_carried()
    {
        Assert.False(CrossServiceConditionKeys.Contains("ec2:InstanceType"));
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*", Condition("StringEquals", "ec2:InstanceType", "t3.micro"))));
        Assert.Equal(FindingCodes.ConditionKeyNotSupported, finding.Code);
    }

    [Fact]
    public void AWSEC2VssSnapshotPolicy_has_no_error()
    {
        Assert.Empty(Errors(TestFiles.ReadFixture("policies/aws-managed/AWSEC2VssSnapshotPolicy.json")));
    }

    [Fact]
    public void SageMakerStudioProjectUserRolePolicy_gets_no_error_on_glue_RoleAssumedBy()
    {
        var errors = Errors(TestFiles.ReadFixture("policies/aws-managed/SageMakerStudioProjectUserRolePolicy.json"));
        Assert.DoesNotContain(errors, f => f.Message.Contains("glue:RoleAssumedBy"));
        Assert.DoesNotContain(errors, f => f.Code == FindingCodes.ConditionKeyNotSupported);
    }

    [Fact]
    public void AWSs_attach_or_detach_volumes_example_works()
    {
        // "Attach or detach volumes to an EC2 instance": the instance's own role, named by ec2:SourceInstanceARN.
        Assert.Empty(AnalyzeStatements(Allow(new[] { "ec2:AttachVolume", "ec2:DetachVolume" }, new[] { "arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:instance/*" },
            """{ "ArnEquals": { "ec2:SourceInstanceARN": "arn:aws:ec2:*:*:instance/instance-id" } }""")));
    }

    // ---- 2. coverage that respects conditions ----

    [Fact]
    public void A_star_statement_that_works_only_in_another_region_does_not_make_the_policy_work()
    {
        var findings = AnalyzeStatements(
            Allow("ec2:DescribeInstances", Instances),
            Allow("ec2:DescribeInstances", "*", Condition("StringEquals", "aws:RequestedRegion", "eu-west-1")));
        var finding = Assert.Single(findings);
        Assert.Equal(FindingCodes.ResourceLevelPermissionsNotSupported, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("Statement 1 grants it too, but only when aws:RequestedRegion is eu-west-1", finding.Message);
    }

    [Fact]
    public void A_star_statement_that_needs_MFA_does_not_cover_one_that_does_not()
    {
        var finding = Assert.Single(AnalyzeStatements(
            Allow("ec2:DescribeInstances", Instances),
            Allow("ec2:DescribeInstances", "*", Condition("Bool", "aws:MultiFactorAuthPresent", "true"))));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("only when aws:MultiFactorAuthPresent is true", finding.Message);
    }

    [Fact]
    public void A_star_statement_whose_condition_the_flagged_one_also_has_covers_it()
    {
        var mfa = Condition("Bool", "aws:MultiFactorAuthPresent", "true");
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeInstances", Instances, mfa), Allow("ec2:DescribeInstances", "*", mfa)));
        Assert.Equal(FindingSeverity.Information, finding.Severity);
        Assert.Contains("statement 1 grants it elsewhere, so the policy still works", finding.Message);
    }

    [Fact]
    public void A_narrower_value_set_is_covered_by_a_wider_one_and_not_the_other_way_round()
    {
        var one = """{ "StringEquals": { "aws:RequestedRegion": ["us-east-1"] } }""";
        var two = """{ "StringEquals": { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } }""";
        const string anyRegion = "arn:aws:ec2:*:123456789012:instance/*";
        Assert.Equal(FindingSeverity.Information, Assert.Single(AnalyzeStatements(Allow("ec2:DescribeInstances", anyRegion, one), Allow("ec2:DescribeInstances", "*", two))).Severity);
        Assert.Equal(FindingSeverity.Error, Assert.Single(AnalyzeStatements(Allow("ec2:DescribeInstances", anyRegion, two), Allow("ec2:DescribeInstances", "*", one))).Severity);
    }

    [Fact]
    public void A_region_test_that_keeps_to_the_region_of_every_ARN_covers_the_statement()
    {
        // What the repair's companion statement carries.
        var finding = Assert.Single(AnalyzeStatements(
            Allow("ec2:DescribeInstances", Instances),
            Allow("ec2:DescribeInstances", "*", Condition("StringEquals", "aws:RequestedRegion", "us-east-1"))));
        Assert.Equal(FindingSeverity.Information, finding.Severity);
    }

    [Fact]
    public void A_deny_elsewhere_in_one_region_only_leaves_the_deny_an_error_in_deny_words()
    {
        var finding = Assert.Single(AnalyzeStatements(
            Deny("ec2:DescribeInstances", "arn:aws:ec2:*:123456789012:instance/*"),
            Deny("ec2:DescribeInstances", "*", Condition("StringEquals", "aws:RequestedRegion", "us-east-1"))));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("This Deny denies nothing", finding.Message);
        Assert.Contains("Statement 1 denies it too, but only when aws:RequestedRegion is us-east-1", finding.Message);
        Assert.DoesNotContain("grant", finding.Message);
    }

    [Fact]
    public void An_unconditional_deny_elsewhere_says_it_is_still_denied()
    {
        var finding = Assert.Single(AnalyzeStatements(
            Deny("ec2:DescribeInstances", "arn:aws:ec2:*:123456789012:instance/*"),
            Deny("ec2:DescribeInstances", "*")));
        Assert.Equal(FindingSeverity.Information, finding.Severity);
        Assert.Contains("statement 1 denies it elsewhere, so it is still denied", finding.Message);
    }

    [Fact]
    public void Required_types_allowed_only_under_contradicting_conditions_are_missing()
    {
        var finding = Assert.Single(AnalyzeStatements(
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:123456789012:instance/*", Condition("StringEquals", "aws:RequestedRegion", "us-east-1")),
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:123456789012:volume/*", Condition("StringEquals", "aws:RequestedRegion", "eu-west-1"))));
        Assert.Equal(FindingCodes.RequiredResourceTypeMissing, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("never hold together", finding.Message);
        Assert.Contains("statement 1 allows volume only when aws:RequestedRegion is eu-west-1", finding.Message);
    }

    [Fact]
    public void Required_types_allowed_under_conditions_that_can_hold_together_are_fine()
    {
        Assert.Empty(AnalyzeStatements(
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:123456789012:instance/*", Condition("StringEquals", "aws:RequestedRegion", "us-east-1")),
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:123456789012:volume/*", Condition("Bool", "aws:MultiFactorAuthPresent", "true"))));
    }

    [Fact]
    public void A_statement_that_allows_only_some_required_types_does_not_stand_in_for_one_that_names_the_others()
    {
        // Statement 0 is the only one naming the instance; statement 1's volume alone does not make AttachVolume work.
        var findings = AnalyzeStatements(
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:*:instance/*", Condition("StringEquals", "ec2:NotAKeyAwsHas", "x")),
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:*:volume/*"));
        Assert.Equal(FindingSeverity.Error, findings.Single(f => f.Code == FindingCodes.ConditionKeyNotSupported).Severity);
    }

    // ---- 3. AWS-owned account segments ----

    [Fact]
    public void AWS_managed_prefix_lists_with_the_account_aws_are_valid()
    {
        Assert.True(AwsOwnedResources.Has("ec2", "prefix-list"));
        Assert.Empty(AnalyzeStatements(Allow("ec2:GetManagedPrefixListEntries", "arn:aws:ec2:*:aws:prefix-list/*")));
        Assert.Empty(AnalyzeStatements(Allow("ec2:GetManagedPrefixListEntries", "arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a")));
    }

    [Fact]
    public void The_account_aws_is_still_invalid_where_AWS_owns_no_resources_of_the_type()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:AttachVolume", "arn:aws:ec2:us-east-1:aws:volume/*")).WithCode(FindingCodes.InvalidArn));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }

    [Fact]
    public void The_data_perimeter_EC2_endpoint_policy_example_has_no_error()
    {
        Assert.Empty(Errors(TestFiles.ReadFixture("policies/aws-managed/aws-data-perimeter-ec2-endpoint-policy.json")));
    }

    // ---- 4. another service's ARN ----

    [Fact]
    public void Another_services_ARN_beside_one_that_serves_the_statement_is_a_warning()
    {
        var finding = Assert.Single(Analyze(TestFiles.ReadFixture("policies/aws-managed/AmazonEMRServicePolicyForSessions.json")), f => f.Code == FindingCodes.InvalidArn);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(3, finding.StatementIndex);
        Assert.Contains("no action of this statement uses it", finding.Message);
    }

    [Fact]
    public void Another_services_ARN_alone_is_an_error()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:CreateVpcEndpointServiceConfiguration", "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*")).WithCode(FindingCodes.InvalidArn));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("matches none of their resources", finding.Message);
    }

    // ---- 5. a wrong partition ----

    [Fact]
    public void A_wrong_partition_is_one_finding_naming_the_partitions_once()
    {
        var findings = AnalyzeStatements(Allow(new[] { "ec2:CreateTags", "ec2:DeleteTags" }, new[] { "arn:aws-test:ec2:*:*:snapshot/*", "arn:aws-test:ec2:*:*:volume/*" }));
        var finding = Assert.Single(findings);
        Assert.Equal(FindingCodes.InvalidArn, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(1, CountOf(finding.Message, "aws-us-gov"));
        Assert.Equal(2, CountOf(finding.Message, "names partition 'aws-test'"));
    }

    [Fact]
    public void A_wrong_partition_beside_a_real_mismatch_still_reports_the_mismatch()
    {
        var findings = AnalyzeStatements(Allow("ec2:AttachVolume", new[] { "arn:aws-test:ec2:*:*:snapshot/*" }));
        Assert.Contains(findings, f => f.Code == FindingCodes.InvalidArn);
        Assert.Contains(findings, f => f.Code == FindingCodes.ResourceTypeMismatch);
    }

    [Fact]
    public void A_wrong_partition_with_nothing_after_it_is_one_InvalidArn_and_no_exception()
    {
        var findings = AnalyzeStatements(Allow("ec2:AttachVolume", new[] { "arn:awsx" }));
        Assert.Contains(findings, f => f.Code == FindingCodes.InvalidArn);
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData("x:aws-test:ec2")]
    public void A_resource_that_is_not_an_ARN_is_one_InvalidArn_naming_no_partition_and_no_exception(string resource)
    {
        // Fuzz seed bya2HoHXv9w4: a short non-ARN with a colon was taken for an ARN in an unknown partition.
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:AttachVolume", new[] { resource })).WithCode(FindingCodes.InvalidArn));
        Assert.Contains("is neither \"*\" nor an ARN", finding.Message);
        Assert.DoesNotContain("the partitions are", finding.Message);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, System.StringComparison.Ordinal)) count++;
        return count;
    }
}
