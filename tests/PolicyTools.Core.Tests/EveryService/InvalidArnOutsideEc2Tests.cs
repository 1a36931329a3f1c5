using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.EveryService;

/// <summary>
/// Outside EC2 an ARN that fits none of the reference's ARN formats is a Warning unless AWS documents
/// that the actions take their resource types: AWS's own managed policies write such ARNs for
/// requests that work (the cases below are taken from them).
/// </summary>
public class InvalidArnOutsideEc2Tests
{
    private static IReadOnlyList<PolicyFinding> CheckEveryService(params string[] statements) =>
        PolicyAnalyzer.For(CapabilityMap.Default).Analyze(PolicyParser.Parse(Document(statements)), new PolicySource("test-policy"));

    [Fact]
    public void An_ssm_session_ARN_for_OpenDataChannel_is_a_Warning_not_an_Error()
    {
        // AWSCloud9User, AWSCodeBuildAdminAccess: the reference lists no resource types for ssmmessages.
        var findings = CheckEveryService(Allow("ssmmessages:OpenDataChannel", "arn:aws:ssm:*:*:session/*"));
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        var invalid = Assert.Single(findings.WithCode(FindingCodes.InvalidArn));
        Assert.Equal(FindingSeverity.Warning, invalid.Severity);
        Assert.Contains("reference's ARN formats are not always complete", invalid.Message);
    }

    [Theory]
    [InlineData("ssm:SendCommand", "arn:aws:ssm:*::document/AWS-RunRemoteScript")]
    [InlineData("ssm:GetParameters", "arn:aws:ssm:*::parameter/aws/service/storagegateway/*")]
    [InlineData("rds:DeleteDBSnapshot", "arn:aws:rds:*:*:snapshot:awsbackup:*")]
    public void An_AWS_owned_or_service_made_ARN_the_formats_leave_out_is_a_Warning(string action, string resource)
    {
        var findings = CheckEveryService(Allow(action, resource));
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(FindingSeverity.Warning, Assert.Single(findings.WithCode(FindingCodes.InvalidArn)).Severity);
    }

    [Fact]
    public void A_key_action_on_an_ARN_with_no_account_stays_an_Error_because_AWS_documents_key_ARNs()
    {
        // AWSRefactoringToolkitFullAccess: no KMS key ARN has an empty account.
        var findings = CheckEveryService(Allow(new[] { "kms:Decrypt", "kms:Encrypt" }, "arn:aws:kms:*::*"));
        Assert.Equal(FindingSeverity.Error, Assert.Single(findings.WithCode(FindingCodes.InvalidArn)).Severity);
    }

    [Theory]
    [InlineData("arn:aws-test:ssm:*:*:document/*")]
    [InlineData("arn:aws:ssm:REGION:*:document/*")]
    [InlineData("arn:aws:ssm:us-east-1:ACCOUNT_ID:document/*")]
    [InlineData("arn:aws:SSM:us-east-1:123456789012:document/*")]
    public void An_ARN_that_is_malformed_whatever_the_formats_stays_an_Error_outside_EC2(string resource)
    {
        var findings = CheckEveryService(Allow("ssm:SendCommand", resource));
        Assert.Equal(FindingSeverity.Error, Assert.Single(findings.WithCode(FindingCodes.InvalidArn)).Severity);
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:volumes/*")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:image/*")]
    public void In_EC2_an_ARN_that_fits_no_format_stays_an_Error(string resource)
    {
        var findings = CheckEveryService(Allow("ec2:AttachVolume", resource));
        Assert.Equal(FindingSeverity.Error, Assert.Single(findings.WithCode(FindingCodes.InvalidArn)).Severity);
    }
}
