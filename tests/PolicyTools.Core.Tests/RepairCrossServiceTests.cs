using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Repair;
using Xunit;
using Xunit.Sdk;
using static PolicyTools.Tests.RepairTestSupport;

namespace PolicyTools.Tests;

/// <summary>
/// A repair widens nothing in any service: an ARN added for an EC2 action never lands in a
/// statement where another service's action could act on it (ssm and ec2-instance-connect on
/// instances, ebs on snapshots, route53 and vpce on VPC ARNs), whether the map knows that service
/// (its resource types decide) or not (then anything could act).
/// </summary>
public sealed class RepairCrossServiceTests
{
    private const string Volumes = "arn:aws:ec2:us-east-1:123456789012:volume/*";
    private const string Instances = "arn:aws:ec2:us-east-1:123456789012:instance/*";
    private const string SshDocument = "arn:aws:ssm:us-east-1::document/AWS-StartSSHSession";

    public static IEnumerable<object[]> Maps() => new[] { new object[] { "embedded" }, new object[] { "neighbours" } };

    private static CapabilityMap MapNamed(string name) => name == "embedded" ? Map : WithNeighbours;

    private static string Policy(params string[] statements) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

    private static string Allow(string[] actions, params string[] resources) =>
        "{\"Effect\":\"Allow\",\"Action\":[" + string.Join(",", actions.Select(a => "\"" + a + "\"")) + "],\"Resource\":[" + string.Join(",", resources.Select(r => "\"" + r + "\"")) + "]}";

    private static PolicyRepairResult Fix(string json, CapabilityMap map)
    {
        var options = Unlimited();
        var result = RepairTestSupport.Repair(json, options, map: map);
        RepairInvariants.Check(json, result, options, map);
        return result;
    }

    private static List<string> Actions(string json, int statement) => Strings(Statement(json, statement), "Action");

    private static List<string> Resources(string json, int statement) => Strings(Statement(json, statement), "Resource");

    [Theory]
    [MemberData(nameof(Maps))]
    public void TheIssueExampleKeepsSsmStartSessionOffEveryInstance(string map)
    {
        var json = Policy(Allow(new[] { "ec2:AttachVolume", "ssm:StartSession" }, Volumes, SshDocument));
        var result = Fix(json, MapNamed(map));

        Assert.True(result.Changed);
        Assert.Equal(2, StatementCount(result.PolicyDocument));
        Assert.Equal(Canonical(Statement(json, 0)), Canonical(Statement(result.PolicyDocument, 0)));
        Assert.Equal(new[] { "ec2:AttachVolume" }, Actions(result.PolicyDocument, 1));
        Assert.Equal(new[] { Instances }, Resources(result.PolicyDocument, 1));
        var change = Assert.Single(result.Changes);
        Assert.Contains("would also grant ssm:StartSession", change, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void InstanceConnectBesideAttachVolumeGetsNoInstances(string map)
    {
        var json = Policy(Allow(new[] { "ec2:AttachVolume", "ec2-instance-connect:SendSSHPublicKey" }, Volumes));
        var result = Fix(json, MapNamed(map));

        Assert.Equal(Canonical(Statement(json, 0)), Canonical(Statement(result.PolicyDocument, 0)));
        Assert.Equal(new[] { "ec2:AttachVolume" }, Actions(result.PolicyDocument, 1));
        Assert.Contains("ec2-instance-connect:SendSSHPublicKey", Assert.Single(result.Changes), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void EbsBesideCreateSnapshotGetsNoSnapshots(string map)
    {
        var json = Policy(Allow(new[] { "ec2:CreateSnapshot", "ebs:*" }, Volumes));
        var result = Fix(json, MapNamed(map));

        Assert.Equal(Canonical(Statement(json, 0)), Canonical(Statement(result.PolicyDocument, 0)));
        Assert.Equal(new[] { "ec2:CreateSnapshot" }, Actions(result.PolicyDocument, 1));
        Assert.Equal(new[] { "arn:aws:ec2:us-east-1::snapshot/*" }, Resources(result.PolicyDocument, 1));
        Assert.Contains("ebs:", Assert.Single(result.Changes), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void SsmWildcardAndTheStarActionNeverGetTheInstances(string map)
    {
        // Both statements are repaired for their actions without resource-level permissions too
        // ("*" reaches every EC2 action with required types as well); instance ARNs go only to
        // new statements that name exact EC2 actions.
        foreach (var other in new[] { "ssm:*", "*" })
        {
            var json = Policy(Allow(new[] { "ec2:AttachVolume", other }, Volumes));
            var result = Fix(json, MapNamed(map));
            var granting = Enumerable.Range(0, StatementCount(result.PolicyDocument)).Where(i => Resources(result.PolicyDocument, i).Contains(Instances)).ToList();
            Assert.NotEmpty(granting);
            Assert.DoesNotContain(0, granting);
            Assert.Contains(granting, i => Actions(result.PolicyDocument, i).Contains("ec2:AttachVolume"));
            Assert.All(granting.SelectMany(i => Actions(result.PolicyDocument, i)), a => Assert.Matches("^ec2:[A-Za-z0-9]+$", a));
        }
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void ANotActionStatementGetsNoArnsItCouldGrantToAnyService(string map)
    {
        var json = Policy("{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\"],\"Resource\":[\"" + Volumes + "\"]}");
        var result = Fix(json, MapNamed(map));

        Assert.Equal(new[] { Volumes }, Resources(result.PolicyDocument, 0));
        var required = result.Changes.Where(c => c.Contains("required resource type", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, c => Assert.Contains("NotAction leaves", c, StringComparison.Ordinal));
    }

    [Fact]
    public void AnActionOfAServiceTheMapKnowsThatCannotActOnTheArnLetsItIn()
    {
        // ssm:GetDocument acts on documents only: with ssm in the map, the instance ARN joins the
        // statement; with ssm unknown it could act on anything, so it gets a statement of its own.
        var json = Policy(Allow(new[] { "ec2:AttachVolume", "ssm:GetDocument" }, Volumes, SshDocument));

        var known = Fix(json, WithNeighbours);
        Assert.Equal(1, StatementCount(known.PolicyDocument));
        Assert.Equal(new[] { Volumes, SshDocument, Instances }, Resources(known.PolicyDocument, 0));

        var unknown = Fix(json, Map);
        Assert.Equal(2, StatementCount(unknown.PolicyDocument));
        Assert.Contains("ssm:GetDocument (of a service the capability map does not know)", Assert.Single(unknown.Changes), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void TheStarCompanionHoldsOnlyTheMovedActions(string map)
    {
        var json = Policy(Allow(new[] { "ec2:DescribeVolumes", "ssm:StartSession", "ec2-instance-connect:SendSSHPublicKey" }, Instances, SshDocument));
        var result = Fix(json, MapNamed(map));

        Assert.Equal(new[] { "ssm:StartSession", "ec2-instance-connect:SendSSHPublicKey" }, Actions(result.PolicyDocument, 0));
        Assert.Equal(new[] { Instances, SshDocument }, Resources(result.PolicyDocument, 0));
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, Actions(result.PolicyDocument, 1));
        Assert.Equal(new[] { "*" }, Resources(result.PolicyDocument, 1));
    }

    [Fact]
    public void ThePermissionModelCatchesTheWideningTheIssueReported()
    {
        // What the repair used to write: the instance ARN added beside ssm:StartSession.
        var original = Policy(Allow(new[] { "ec2:AttachVolume", "ssm:StartSession" }, Volumes, SshDocument));
        var widened = Policy(Allow(new[] { "ec2:AttachVolume", "ssm:StartSession" }, Volumes, SshDocument, Instances));
        foreach (var map in new[] { Map, WithNeighbours })
        {
            var failure = Assert.ThrowsAny<XunitException>(() => RepairInvariants.NoWidening(original, widened, map));
            Assert.Contains("widened Allow ssm:StartSession", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Star_companions_of_two_services_in_one_statement_both_leave_it()
    {
        // ec2:DescribeVolumes* moves whole; kms:* is split (kms:ListKeys and others need "*", as
        // the KMS guide says). Each service's plan edits the same statement, and the second must
        // not put back what the first moved out.
        var map = CapabilityMap.Default;
        var json = Policy(Allow(new[] { "ec2:AttachVolume", "ec2:DescribeVolumes*", "kms:*" }, Volumes, Instances, "arn:aws:kms:us-east-1:123456789012:key/*"));
        var result = Fix(json, map);
        var kept = Strings(Statement(result.PolicyDocument, 0), "Action");
        Assert.DoesNotContain("ec2:DescribeVolumes*", kept);
        Assert.DoesNotContain("kms:*", kept);
        Assert.False(RepairTestSupport.Repair(result.PolicyDocument, Unlimited(), map: map).Changed);
    }
}
