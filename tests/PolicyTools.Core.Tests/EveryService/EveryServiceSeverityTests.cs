using System.Linq;
using PolicyTools.Analysis;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.EveryService;

/// <summary>Outside EC2 an Error only where AWS documents it; documented request forms give no finding.</summary>
public class EveryServiceSeverityTests
{
    private static System.Collections.Generic.IReadOnlyList<PolicyFinding> Check(params string[] statements) => MultiServiceMap.AnalyzeStatements(statements);

    [Fact]
    public void ListAllMyBuckets_scoped_to_one_bucket_is_an_Error_citing_the_S3_guide()
    {
        var finding = Assert.Single(Check(Allow("s3:ListAllMyBuckets", "arn:aws:s3:::my-bucket")));
        Assert.Equal(FindingCodes.ResourceLevelPermissionsNotSupported, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("https://docs.aws.amazon.com/AmazonS3/", finding.Message);
        Assert.DoesNotContain("UnauthorizedOperation", finding.Message);
    }

    [Theory]
    [InlineData("arn:aws:s3:::*")]
    [InlineData("*")]
    [InlineData("arn:aws:s3:*:*:*")]
    public void ListAllMyBuckets_on_the_form_the_S3_guide_shows_gives_no_finding(string resource) =>
        Assert.Empty(Check(Allow("s3:ListAllMyBuckets", resource)));

    [Fact]
    public void An_action_the_reference_lists_without_resource_types_is_a_Warning_that_says_so()
    {
        var finding = Assert.Single(Check(Allow("s3:GetAccountPublicAccessBlock", "arn:aws:s3:::my-bucket")));
        Assert.Equal(FindingCodes.ResourceLevelPermissionsNotSupported, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("lists no resource types", finding.Message);
    }

    [Fact]
    public void Documented_and_undocumented_actions_of_one_statement_are_split_by_severity()
    {
        var findings = Check(Allow(new[] { "s3:ListAllMyBuckets", "s3:GetAccountPublicAccessBlock" }, "arn:aws:s3:::my-bucket"));
        Assert.Equal(new[] { "s3:ListAllMyBuckets" }, findings.Single(f => f.Severity == FindingSeverity.Error).Actions);
        Assert.Equal(new[] { "s3:GetAccountPublicAccessBlock" }, findings.Single(f => f.Severity == FindingSeverity.Warning).Actions);
    }

    [Theory]
    [InlineData("kms:ListKeys")]
    [InlineData("kms:ListAliases")]
    [InlineData("kms:CreateKey")]
    public void KMS_operations_that_use_no_key_scoped_to_key_ARNs_are_Errors(string action)
    {
        var finding = Assert.Single(Check(Allow(action, "arn:aws:kms:us-east-1:123456789012:key/*")));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("kms/latest/developerguide", finding.Message);
    }

    [Fact]
    public void Several_documented_actions_read_as_they_are()
    {
        var finding = Assert.Single(Check(Allow(new[] { "kms:ListKeys", "kms:ListAliases" }, "arn:aws:kms:us-east-1:123456789012:key/*")));
        Assert.Contains("AWS documents that they are authorized only against", finding.Message);
    }

    [Fact]
    public void A_mismatch_outside_EC2_without_documentation_is_a_Warning_naming_the_listed_types()
    {
        var finding = Assert.Single(Check(Allow("eks:DeleteAccessEntry", "arn:aws:eks:us-east-1:123456789012:cluster/prod")));
        Assert.Equal(FindingCodes.ResourceTypeMismatch, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("access-entry", finding.Message);
    }

    [Theory]
    [InlineData("logs:CreateLogStream")]
    [InlineData("logs:PutLogEvents")]
    [InlineData("logs:CreateLogGroup")]
    [InlineData("logs:PutRetentionPolicy")]
    public void CloudWatch_Logs_actions_on_a_log_group_ARN_with_the_trailing_star_give_no_finding(string action) =>
        Assert.Empty(Check(Allow(action, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-function:*")));

    [Fact]
    public void DescribeLogGroups_on_every_log_group_gives_no_finding_but_on_one_log_group_a_Warning()
    {
        Assert.Empty(Check(Allow("logs:DescribeLogGroups", "arn:aws:logs:us-east-1:123456789012:log-group:*")));
        var finding = Assert.Single(Check(Allow("logs:DescribeLogGroups", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x")));
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void ListUsers_on_a_user_path_gives_no_finding_but_on_a_role_path_a_Warning()
    {
        Assert.Empty(Check(Allow("iam:ListUsers", "arn:aws:iam::123456789012:user/division_abc/*")));
        var finding = Assert.Single(Check(Allow("iam:ListUsers", "arn:aws:iam::123456789012:role/division_abc/*")));
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void A_backup_recovery_point_ARN_is_neither_invalid_nor_a_mismatch()
    {
        var findings = Check(Allow(new[] { "backup:DeleteRecoveryPoint", "backup:DescribeRecoveryPoint" }, "arn:aws:backup:us-east-1:123456789012:recovery-point:*"));
        Assert.True(findings.Count == 0, Describe(findings));
    }

    [Fact]
    public void Required_types_outside_EC2_are_alternatives_so_no_RequiredResourceTypeMissing()
    {
        // bedrock:InvokeModel marks a dozen model types "required"; a request carries one of them.
        var findings = Check(Allow("bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/*"));
        Assert.Empty(findings.WithCode(FindingCodes.RequiredResourceTypeMissing));
    }

    [Fact]
    public void RequiredResourceTypeMissing_stays_an_Error_in_EC2()
    {
        var finding = Assert.Single(Check(Allow("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*")).WithCode(FindingCodes.RequiredResourceTypeMissing));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }

    [Fact]
    public void An_unsupported_condition_key_outside_EC2_is_at_most_a_Warning()
    {
        var findings = Check(Allow("s3:GetObject", "arn:aws:s3:::my-bucket/*", "{\"StringEquals\": {\"s3:NoSuchKey\": \"x\"}}"));
        var finding = Assert.Single(findings.WithCode(FindingCodes.ConditionKeyNotSupported));
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.StartsWith("This Allow may never grant s3:GetObject: the Service Authorization Reference does not list the condition key 's3:NoSuchKey'", finding.Message);
        Assert.DoesNotContain("never grants", finding.Message);
    }

    [Fact]
    public void An_Information_finding_outside_EC2_is_kept_as_it_is()
    {
        var findings = Check(Allow("s3:GetAccountPublicAccessBlock", "arn:aws:s3:::my-bucket"), Allow("s3:GetAccountPublicAccessBlock", "*"));
        var finding = Assert.Single(findings);
        Assert.Equal(FindingSeverity.Information, finding.Severity);
    }

    [Fact]
    public void A_Deny_outside_EC2_says_it_may_deny_nothing()
    {
        var finding = Assert.Single(Check(Deny("cloudformation:ListStacks", "arn:aws:cloudformation:us-east-1:123456789012:stack/prod/*")));
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.StartsWith("This Deny may deny nothing for cloudformation:ListStacks", finding.Message);
    }

    [Fact]
    public void A_scope_leaves_out_the_other_services()
    {
        var json = Document(Allow("s3:ListAllMyBuckets", "arn:aws:s3:::b"), Allow("ec2:DescribeVolumes", "arn:aws:ec2:us-east-1:123456789012:volume/*"));
        Assert.All(MultiServiceMap.Analyze(json, ServiceScope.Only("ec2")), f => Assert.StartsWith("ec2:", f.Actions[0]));
        Assert.All(MultiServiceMap.Analyze(json, ServiceScope.Matching(new[] { "s*" })), f => Assert.StartsWith("s3:", f.Actions[0]));
        Assert.Equal(2, MultiServiceMap.Analyze(json).Select(f => f.Actions[0].Split(':')[0]).Distinct().Count());
    }
}

public class TemplatedConditionKeyTests
{
    [Fact]
    public void S3_tag_keys_written_with_angle_brackets_match_any_tag()
    {
        // The reference writes S3's templated keys as s3:RequestObjectTag/<key>, EC2's as ec2:ResourceTag/${TagKey}.
        var findings = MultiServiceMap.AnalyzeStatements(Allow("s3:PutObjectTagging", "arn:aws:s3:::b/*", "{\"StringEquals\": {\"s3:RequestObjectTag/Status\": \"ok\"}}"));
        Assert.True(findings.Count == 0, Describe(findings));
    }
}

public class DocumentedServiceFormsTests
{
    [Fact]
    public void A_KMS_key_action_on_an_alias_ARN_is_an_Error_citing_the_KMS_guide()
    {
        var finding = Assert.Single(MultiServiceMap.AnalyzeStatements(Allow("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:alias/my-key")));
        Assert.Equal(FindingCodes.ResourceTypeMismatch, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("key ARNs", finding.Message);
        Assert.Contains("kms/latest/developerguide", finding.Message);
    }

    [Fact]
    public void An_alias_operation_on_an_alias_ARN_gives_no_finding() =>
        Assert.Empty(MultiServiceMap.AnalyzeStatements(Allow(new[] { "kms:CreateAlias", "kms:DeleteAlias" }, new[] { "arn:aws:kms:us-east-1:123456789012:alias/my-key", "arn:aws:kms:us-east-1:123456789012:key/*" })));

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1::snapshot/*")]
    [InlineData("arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:*")]
    [InlineData("arn:aws:backup:us-east-1:123456789012:recovery-point:*")]
    public void A_restore_from_another_services_recovery_point_gives_no_finding(string resource)
    {
        var findings = MultiServiceMap.AnalyzeStatements(Allow("backup:StartRestoreJob", resource));
        Assert.True(findings.Count == 0, Describe(findings));
    }

    [Fact]
    public void A_Backup_tagging_action_on_a_foreign_ARN_is_still_reported()
    {
        var findings = MultiServiceMap.AnalyzeStatements(Allow("backup:CreateBackupVault", "arn:aws:ec2:us-east-1::snapshot/*"));
        Assert.NotEmpty(findings);
    }
}

public class ServicesADocumentNamesTests
{
    [Fact]
    public void A_service_reached_through_NotAction_or_a_wildcard_service_is_still_checked()
    {
        var notAction = MultiServiceMap.AnalyzeStatements(Statement("Allow", "NotAction", "iam:*", "Resource", "arn:aws:kms:us-east-1:123456789012:key/*"));
        Assert.Contains(notAction, f => f.Actions.Contains("kms:ListKeys"));
        var wildcard = MultiServiceMap.AnalyzeStatements(Allow("k?s:List*", "arn:aws:kms:us-east-1:123456789012:key/*"));
        Assert.Contains(wildcard, f => f.Actions.Contains("kms:ListKeys") && f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void A_typo_in_a_services_action_is_still_an_UnknownAction() =>
        Assert.Single(MultiServiceMap.AnalyzeStatements(Allow("kms:ListKeyz", "*")).WithCode(FindingCodes.UnknownAction));
}
