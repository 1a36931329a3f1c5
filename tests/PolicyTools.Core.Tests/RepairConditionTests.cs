using System.Linq;
using PolicyTools.Analysis;
using Xunit;
using static PolicyTools.Tests.RepairTestSupport;

namespace PolicyTools.Tests;

/// <summary>The repair acts only on findings whose premise it can prove (issue 12), and speaks of denying in a Deny.</summary>
public sealed class RepairConditionTests
{
    private static string Policy(params string[] statements) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

    [Fact]
    public void AWSEC2VssSnapshotPolicy_is_left_as_AWS_wrote_it()
    {
        var original = TestFiles.ReadFixture("policies/aws-managed/AWSEC2VssSnapshotPolicy.json");
        var result = RepairTestSupport.Repair(original, Unlimited());
        Assert.False(result.Changed);
        Assert.Equal(original, result.PolicyDocument);
        // No statement allows CreateSnapshots or CreateImage on instances without the SourceInstanceARN test.
        Assert.DoesNotContain(result.Unrepaired, f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void A_type_missing_only_because_of_a_key_the_map_does_not_know_is_reported_and_left()
    {
        var json = Policy(
            """{"Effect":"Allow","Action":"ec2:AttachVolume","Resource":"arn:aws:ec2:*:*:instance/*","Condition":{"ArnLike":{"ec2:SourceInstanceFutureKey":"arn:aws:ec2:*:*:instance/${ec2:InstanceId}"}}}""",
            """{"Effect":"Allow","Action":"ec2:AttachVolume","Resource":"arn:aws:ec2:*:*:volume/*"}""");
        var result = RepairTestSupport.Repair(json, Unlimited());
        Assert.False(result.Changed);
        var finding = Assert.Single(result.Unrepaired, f => f.Code == FindingCodes.RequiredResourceTypeMissing);
        Assert.Contains("statement 0 allows instance under a Condition on 'ec2:SourceInstanceFutureKey'", finding.Message);
        Assert.Contains("not proven", finding.Message);
    }

    [Fact]
    public void A_type_missing_because_of_a_documented_key_is_still_repaired()
    {
        // ec2:InstanceType exists for the instance of RunInstances, never for its subnet: the reference says so.
        var json = Policy("""{"Effect":"Allow","Action":"ec2:AttachVolume","Resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"}""");
        Assert.True(RepairTestSupport.Repair(json, Unlimited()).Changed);
    }

    [Fact]
    public void Required_types_under_contradicting_conditions_are_reported_and_left()
    {
        var json = Policy(
            """{"Effect":"Allow","Action":"ec2:AttachVolume","Resource":"arn:aws:ec2:*:123456789012:instance/*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}""",
            """{"Effect":"Allow","Action":"ec2:AttachVolume","Resource":"arn:aws:ec2:*:123456789012:volume/*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}""");
        var result = RepairTestSupport.Repair(json, Unlimited());
        Assert.False(result.Changed);
        Assert.Contains("never hold together; which of them the author meant", Assert.Single(result.Unrepaired).Message);
    }

    [Fact]
    public void A_Deny_whose_condition_stops_the_companion_says_it_would_not_deny_them()
    {
        var json = Policy("""{"Effect":"Deny","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*","Condition":{"StringEquals":{"ec2:ResourceTag/Team":"blue"}}}""");
        var finding = Assert.Single(RepairTestSupport.Repair(json, Unlimited()).Unrepaired, f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported);
        Assert.Contains("would not deny them either", finding.Message);
        Assert.DoesNotContain("grant", finding.Message);
    }

    [Fact]
    public void A_compacted_Deny_says_later_actions_would_be_denied_too()
    {
        var json = Policy("""{"Effect":"Deny","Action":"ec2:Describe*","Resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"}""");
        var result = RepairTestSupport.Repair(json, new PolicyTools.Repair.RepairOptions { ScopeConditions = true, SizeLimit = int.MaxValue, CompactActions = true });
        Assert.True(result.Changed);
        var change = string.Join(" ", result.Changes);
        Assert.Contains("would be denied too", change);
        Assert.DoesNotContain("would be allowed too", change);
    }
}
