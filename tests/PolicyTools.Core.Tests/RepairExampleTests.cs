using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Repair;
using Xunit;
using static PolicyTools.Tests.RepairTestSupport;

namespace PolicyTools.Tests;

/// <summary>One example per repair rule (design §5), and what must stay as it was.</summary>
public sealed class RepairExampleTests
{
    private const string Instances = "arn:aws:ec2:us-east-1:123456789012:instance/*";
    private const string Volumes = "arn:aws:ec2:us-east-1:123456789012:volume/*";

    private static PolicyRepairResult Fix(string json, RepairOptions? options = null, PolicySource? source = null) =>
        RepairTestSupport.Repair(json, options, source);

    private static string Policy(params string[] statements) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

    private static List<string> Actions(string json, int statement) => Strings(Statement(json, statement), "Action");

    private static List<string> Resources(string json, int statement) => Strings(Statement(json, statement), "Resource");

    private static string? Condition(string json, int statement, string op, string key) =>
        Statement(json, statement).TryGetProperty("Condition", out var c) && c.TryGetProperty(op, out var o) && o.TryGetProperty(key, out var v) ? v.GetString() : null;

    private static void NoErrorOfRepairedCodes(string json) =>
        Assert.DoesNotContain(Analyze(json), f => f.Severity == FindingSeverity.Error
            && (f.Code == FindingCodes.ResourceLevelPermissionsNotSupported || f.Code == FindingCodes.RequiredResourceTypeMissing));

    // ---- ResourceLevelPermissionsNotSupported ----

    [Fact]
    public void TheDesignExampleGetsStarInPlaceWithItsRegionKept()
    {
        var json = "{ \"Version\": \"2012-10-17\",\n  \"Statement\": [{ \"Sid\": \"Stmt1414688041000\", \"Effect\": \"Allow\",\n"
            + "                  \"Action\": [\"ec2:DescribeVolumes\"],\n                  \"Resource\": [\"arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*\"] }] }";
        var result = Fix(json);

        Assert.True(result.Changed);
        var statement = Statement(result.PolicyDocument, 0);
        Assert.Equal("Stmt1414688041000", statement.GetProperty("Sid").GetString());
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, Actions(result.PolicyDocument, 0));
        Assert.Equal(JsonValueKind.Array, statement.GetProperty("Resource").ValueKind);
        Assert.Equal(new[] { "*" }, Resources(result.PolicyDocument, 0));
        Assert.Equal("us-east-1", Condition(result.PolicyDocument, 0, "StringEquals", "aws:RequestedRegion"));
        // AWS_ACCOUNT_ID is a placeholder, not an account: no account condition is made of it.
        Assert.False(statement.GetProperty("Condition").TryGetProperty("StringEqualsIfExists", out _));
        Assert.Equal(1, StatementCount(result.PolicyDocument));
        Assert.Single(result.Changes);
        Assert.Contains("Resource is now \"*\"", result.Changes[0], StringComparison.Ordinal);
        Assert.Contains("aws:RequestedRegion = us-east-1", result.Changes[0], StringComparison.Ordinal);
        Assert.Empty(result.Unrepaired);
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    [Fact]
    public void ActionsWithoutResourceLevelPermissionsMoveToACompanionWithTheSameEffectAndCondition()
    {
        var json = Policy(
            "{\"Sid\":\"Vol\",\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:AttachVolume\"],\"Resource\":[\"" + Volumes + "\",\"" + Instances + "\"],\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}");
        var result = Fix(json);

        Assert.Equal(2, StatementCount(result.PolicyDocument));
        Assert.Equal(new[] { "ec2:AttachVolume" }, Actions(result.PolicyDocument, 0));
        Assert.Equal(new[] { Volumes, Instances }, Resources(result.PolicyDocument, 0));
        var companion = Statement(result.PolicyDocument, 1);
        Assert.Equal("VolAnyResource", companion.GetProperty("Sid").GetString());
        Assert.Equal("Allow", companion.GetProperty("Effect").GetString());
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, Actions(result.PolicyDocument, 1));
        Assert.Equal(new[] { "*" }, Resources(result.PolicyDocument, 1));
        Assert.Equal("10.0.0.0/8", Condition(result.PolicyDocument, 1, "IpAddress", "aws:SourceIp"));
        Assert.Equal("us-east-1", Condition(result.PolicyDocument, 1, "StringEquals", "aws:RequestedRegion"));
        Assert.Equal("123456789012", Condition(result.PolicyDocument, 1, "StringEqualsIfExists", "aws:ResourceAccount"));
        // The statement that stays scoped keeps its Condition exactly.
        Assert.Equal(Canonical(Statement(json, 0).GetProperty("Condition")), Canonical(Statement(result.PolicyDocument, 0).GetProperty("Condition")));
        Assert.Contains("moved ec2:DescribeVolumes to new statement 1 (Sid VolAnyResource)", result.Changes[0], StringComparison.Ordinal);
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    [Fact]
    public void DescribeStarOnInstancesIsSplitSoNoActionThatTakesArnsIsWidened()
    {
        var json = Policy("{\"Sid\":\"Describe\",\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"" + Instances + "\"}");
        var result = Fix(json);

        var kept = Actions(result.PolicyDocument, 0);
        var moved = Actions(result.PolicyDocument, 1);
        var describe = Ec2.Match("ec2:Describe*");
        Assert.Equal(describe.Where(a => a.SupportsResourceLevelPermissions).Select(a => a.FullName), kept);
        Assert.Contains("ec2:DescribeInstanceAttribute", kept);
        Assert.Equal(describe.Where(a => !a.SupportsResourceLevelPermissions).Select(a => a.FullName), moved);
        Assert.DoesNotContain(moved, name => name.Contains('*', StringComparison.Ordinal));
        Assert.All(moved, name => Assert.False(Ec2.GetAction(name)!.SupportsResourceLevelPermissions));
        Assert.Equal("*", Statement(result.PolicyDocument, 1).GetProperty("Resource").GetString());
        Assert.Contains("ec2:Describe* was split into exact actions: the 17 it covers that accept resource ARNs stay here", string.Join(" ", result.Changes), StringComparison.Ordinal);
        NoErrorOfRepairedCodes(result.PolicyDocument);
        // The Describe actions that take ARNs but not instance ARNs were never granted and cannot be fixed.
        Assert.Contains(result.Unrepaired, f => f.Code == FindingCodes.ResourceTypeMismatch && f.Message.Contains("Not repaired:", StringComparison.Ordinal));
    }

    [Fact]
    public void APatternWhoseActionsAllLackResourceLevelPermissionsMovesAsWritten()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes*\",\"ec2:AttachVolume\"],\"Resource\":[\"" + Volumes + "\",\"" + Instances + "\"]}");
        var result = Fix(json);

        Assert.Equal(new[] { "ec2:AttachVolume" }, Actions(result.PolicyDocument, 0));
        Assert.Equal(new[] { "ec2:DescribeVolumes*" }, Actions(result.PolicyDocument, 1));
        Assert.False(Statement(result.PolicyDocument, 1).TryGetProperty("Sid", out _));
    }

    [Fact]
    public void NotActionAndCrossServicePatternsStayAndTheCompanionNamesExactActions()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"ec2:Delete*\"],\"Resource\":\"" + Instances + "\"}");
        var result = Fix(json, new RepairOptions { SizeLimit = int.MaxValue });

        Assert.Equal(Canonical(Statement(json, 0).GetProperty("NotAction")), Canonical(Statement(result.PolicyDocument, 0).GetProperty("NotAction")));
        var companion = Enumerable.Range(0, StatementCount(result.PolicyDocument)).Single(i => Resources(result.PolicyDocument, i).SequenceEqual(new[] { "*" }));
        Assert.Equal(Ec2.Actions.Where(a => !a.SupportsResourceLevelPermissions && !a.Name.StartsWith("Delete", StringComparison.Ordinal)).Select(a => a.FullName), Actions(result.PolicyDocument, companion));
        Assert.False(Statement(result.PolicyDocument, companion).TryGetProperty("NotAction", out _));
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    // ---- scope conditions ----

    [Fact]
    public void ScopeConditionsNeedOneRegionAndOneAccountAcrossEveryArn()
    {
        var twoRegions = Fix(Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":[\"" + Volumes + "\",\"arn:aws:ec2:eu-west-1:123456789012:volume/*\"]}"));
        Assert.Null(Condition(twoRegions.PolicyDocument, 0, "StringEquals", "aws:RequestedRegion"));
        Assert.Equal("123456789012", Condition(twoRegions.PolicyDocument, 0, "StringEqualsIfExists", "aws:ResourceAccount"));

        var wildcardRegion = Fix(Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"arn:aws:ec2:*:123456789012:volume/*\"}"));
        Assert.False(Statement(wildcardRegion.PolicyDocument, 0).GetProperty("Condition").TryGetProperty("StringEquals", out _));

        // image ARNs have no account segment: they neither give nor block the account.
        var withImage = Fix(Policy("{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeImages\",\"ec2:DescribeVolumes\"],\"Resource\":[\"arn:aws:ec2:us-east-1::image/*\",\"" + Volumes + "\"]}"));
        Assert.Equal("us-east-1", Condition(withImage.PolicyDocument, 0, "StringEquals", "aws:RequestedRegion"));
        Assert.Equal("123456789012", Condition(withImage.PolicyDocument, 0, "StringEqualsIfExists", "aws:ResourceAccount"));

        // Other services' ARNs are not about the EC2 actions.
        var withBucket = Fix(Policy("{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes\",\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::b/*\",\"" + Volumes + "\"]}"));
        Assert.Equal("us-east-1", Condition(withBucket.PolicyDocument, 1, "StringEquals", "aws:RequestedRegion"));
        Assert.Equal(new[] { "s3:GetObject" }, Actions(withBucket.PolicyDocument, 0));
    }

    [Fact]
    public void NoScopeConditionLeavesTheConditionAsItWas()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"" + Volumes + "\"}");
        var result = Fix(json, Unlimited(scope: false));
        Assert.False(Statement(result.PolicyDocument, 0).TryGetProperty("Condition", out _));
        Assert.Equal("*", Statement(result.PolicyDocument, 0).GetProperty("Resource").GetString());
    }

    [Fact]
    public void AnExistingRegionConditionIsNotDuplicatedAndNewTestsJoinTheirOperator()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"" + Volumes + "\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"us-west-2\"],\"aws:PrincipalTag/team\":\"ops\"}}}");
        var result = Fix(json);
        var condition = Statement(result.PolicyDocument, 0).GetProperty("Condition");
        var equals = condition.GetProperty("StringEquals");
        Assert.Equal(new[] { "aws:RequestedRegion", "aws:PrincipalTag/team" }, equals.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, equals.GetProperty("aws:RequestedRegion").GetArrayLength());
        Assert.Equal("123456789012", condition.GetProperty("StringEqualsIfExists").GetProperty("aws:ResourceAccount").GetString());
    }

    // ---- RequiredResourceTypeMissing ----

    [Fact]
    public void RunInstancesOnInstancesGainsTheMissingTypesInTheSameRegionAndAccount()
    {
        var json = Policy("{\"Sid\":\"Run\",\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"" + Instances + "\"}");
        var result = Fix(json);

        Assert.Equal(1, StatementCount(result.PolicyDocument));
        Assert.Equal(new[]
        {
            Instances,
            "arn:aws:ec2:us-east-1::image/*",
            "arn:aws:ec2:us-east-1:123456789012:network-interface/*",
            "arn:aws:ec2:us-east-1:123456789012:security-group/*",
            "arn:aws:ec2:us-east-1:123456789012:subnet/*",
        }, Resources(result.PolicyDocument, 0));
        Assert.Equal("ec2:RunInstances", Statement(result.PolicyDocument, 0).GetProperty("Action").GetString());
        Assert.Contains("in the partition, region and account of the ARNs already granted", result.Changes[0], StringComparison.Ordinal);
        NoErrorOfRepairedCodes(result.PolicyDocument);
        Assert.Empty(result.Unrepaired);
    }

    [Fact]
    public void RequiredTypesGoToANewStatementWhenTheStatementWouldGrantAnotherActionOnThem()
    {
        var json = Policy("{\"Sid\":\"Run\",\"Effect\":\"Allow\",\"Action\":[\"ec2:RunInstances\",\"ec2:CreateTags\"],\"Resource\":\"" + Instances + "\"}");
        var result = Fix(json);

        Assert.Equal(Canonical(Statement(json, 0)), Canonical(Statement(result.PolicyDocument, 0)));
        var added = Statement(result.PolicyDocument, 1);
        Assert.Equal("RunRequiredTypes", added.GetProperty("Sid").GetString());
        Assert.Equal(new[] { "ec2:RunInstances" }, Actions(result.PolicyDocument, 1));
        Assert.Equal(4, Resources(result.PolicyDocument, 1).Count);
        Assert.Contains("would also grant ec2:CreateTags on them", result.Changes[0], StringComparison.Ordinal);
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    [Fact]
    public void RequiredTypesLeaveOutConditionTestsTheirRequestsDoNotCarry()
    {
        var json = Policy("{\"Sid\":\"Run\",\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"" + Instances + "\",\"Condition\":{\"StringEquals\":{\"ec2:InstanceType\":\"t3.micro\"},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}");
        var result = Fix(json);

        Assert.Equal(Canonical(Statement(json, 0)), Canonical(Statement(result.PolicyDocument, 0)));
        var condition = Statement(result.PolicyDocument, 1).GetProperty("Condition");
        Assert.False(condition.TryGetProperty("StringEquals", out _));
        Assert.Equal("10.0.0.0/8", condition.GetProperty("IpAddress").GetProperty("aws:SourceIp").GetString());
        Assert.Contains("leaves out the Condition on 'ec2:InstanceType'", result.Changes[0], StringComparison.Ordinal);
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    [Fact]
    public void RequiredTypesSplitOverStatementsAreAlreadyFine()
    {
        var json = Policy(
            "{\"Effect\":\"Allow\",\"Action\":\"ec2:AttachVolume\",\"Resource\":\"" + Instances + "\"}",
            "{\"Effect\":\"Allow\",\"Action\":\"ec2:AttachVolume\",\"Resource\":\"" + Volumes + "\"}");
        Assert.False(Fix(json).Changed);
    }

    [Fact]
    public void RequiredTypesUseTheWildcardsTheGrantedArnsUse()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:AttachVolume\",\"Resource\":\"arn:aws:ec2:*:*:instance/*\"}");
        var result = Fix(json);
        Assert.Equal(new[] { "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*" }, Resources(result.PolicyDocument, 0));
    }

    // ---- Deny ----

    [Fact]
    public void ADenyIsMadeToDenyWhatItNames()
    {
        var json = Policy("{\"Effect\":\"Deny\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"" + Volumes + "\"}");
        var result = Fix(json);
        Assert.Equal("*", Statement(result.PolicyDocument, 0).GetProperty("Resource").GetString());
        Assert.Equal("Deny", Statement(result.PolicyDocument, 0).GetProperty("Effect").GetString());
        Assert.Equal("us-east-1", Condition(result.PolicyDocument, 0, "StringEquals", "aws:RequestedRegion"));
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    [Fact]
    public void ADenyKeepsItsWildcardSoItStillDeniesWhatItCovers()
    {
        var json = Policy("{\"Sid\":\"NoDescribe\",\"Effect\":\"Deny\",\"Action\":\"ec2:Describe*\",\"Resource\":\"" + Instances + "\"}");
        var result = Fix(json);
        Assert.Equal(Canonical(Statement(json, 0)), Canonical(Statement(result.PolicyDocument, 0)));
        Assert.Equal("Deny", Statement(result.PolicyDocument, 1).GetProperty("Effect").GetString());
        Assert.Equal(Ec2.Match("ec2:Describe*").Where(a => !a.SupportsResourceLevelPermissions).Select(a => a.FullName), Actions(result.PolicyDocument, 1));
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    // ---- not repaired ----

    [Fact]
    public void AConditionThatStarRequestsNeverCarryIsNotRepairedAndSaysWhy()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeInstances\",\"ec2:StopInstances\"],\"Resource\":\"" + Instances + "\",\"Condition\":{\"StringEquals\":{\"ec2:ResourceTag/Env\":\"dev\"}}}");
        var result = Fix(json);
        Assert.False(result.Changed);
        var finding = Assert.Single(result.Unrepaired, f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported);
        Assert.Contains("Not repaired: requests for these actions never carry 'ec2:ResourceTag/Env'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResourceTagConditionsAreNeverCarriedOnStarEvenThoughTheyAreGlobalKeys()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeInstances\",\"Resource\":\"" + Instances + "\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/Env\":\"dev\"}}}");
        var result = Fix(json);
        Assert.False(result.Changed);
        Assert.Contains("aws:ResourceTag/Env", Assert.Single(result.Unrepaired).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotResourceStatementsAreNotRepairedAndSayWhy()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"NotResource\":\"*\"}");
        var result = Fix(json);
        Assert.False(result.Changed);
        Assert.Contains("uses NotResource", Assert.Single(result.Unrepaired, f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InformationFindingsNeedNoRepair()
    {
        var json = Policy(
            "{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"*\"}",
            "{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:AttachVolume\"],\"Resource\":[\"" + Volumes + "\",\"" + Instances + "\"]}");
        var result = Fix(json);
        Assert.False(result.Changed);
        Assert.Empty(result.Changes);
        Assert.Empty(result.Unrepaired);
    }

    // ---- preservation ----

    [Fact]
    public void EverythingElseIsKept()
    {
        var json = "{\"Id\":\"keep\",\"Statement\":[" +
            "{\"Action\":\"s3:GetObject\",\"Effect\":\"Allow\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":10}}}," +
            "{\"Effect\":\"Allow\",\"Sid\":\"Mixed\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Resource\":\"" + Volumes + "\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:DeleteVolume\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":true}}}," +
            "{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}";
        var result = Fix(json);

        using var repaired = JsonDocument.Parse(result.PolicyDocument);
        Assert.Equal(new[] { "Id", "Statement", "Version" }, repaired.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, StatementCount(result.PolicyDocument));
        Assert.Equal(Canonical(Statement(json, 0)), Canonical(Statement(result.PolicyDocument, 0)));
        Assert.Equal(Canonical(Statement(json, 2)), Canonical(Statement(result.PolicyDocument, 3)));
        // Key order of the edited statement and its companion follow the original; Principal is copied verbatim.
        Assert.Equal(new[] { "Effect", "Sid", "Principal", "Resource", "Action", "Condition" }, Statement(result.PolicyDocument, 1).EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "Effect", "Sid", "Principal", "Resource", "Action", "Condition" }, Statement(result.PolicyDocument, 2).EnumerateObject().Select(p => p.Name));
        Assert.Equal(Canonical(Statement(json, 1).GetProperty("Principal")), Canonical(Statement(result.PolicyDocument, 2).GetProperty("Principal")));
        Assert.Equal(JsonValueKind.True, Statement(result.PolicyDocument, 2).GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").ValueKind);
        Assert.Equal("ec2:DeleteVolume", Assert.Single(Actions(result.PolicyDocument, 1)));
    }

    [Fact]
    public void ASingleStatementObjectStaysAnObjectUnlessAStatementIsAdded()
    {
        var inPlace = Fix("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"" + Volumes + "\"}}");
        using (var document = JsonDocument.Parse(inPlace.PolicyDocument)) Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("Statement").ValueKind);

        var added = Fix("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:DeleteVolume\"],\"Resource\":\"" + Volumes + "\"}}");
        using (var document = JsonDocument.Parse(added.PolicyDocument)) Assert.Equal(2, document.RootElement.GetProperty("Statement").GetArrayLength());
    }

    [Fact]
    public void NewSidsAreUniqueAndMadeOfLettersAndDigits()
    {
        var json = Policy(
            "{\"Sid\":\"Vol-1\",\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:DeleteVolume\"],\"Resource\":\"" + Volumes + "\"}",
            "{\"Sid\":\"Vol1AnyResource\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
        var result = Fix(json);
        Assert.Equal("Vol1AnyResource2", Statement(result.PolicyDocument, 1).GetProperty("Sid").GetString());
    }

    [Fact]
    public void RepairingARepairedDocumentChangesNothing()
    {
        var json = Policy(
            "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"ec2:Describe*\",\"ec2:RunInstances\",\"ec2:CreateTags\"],\"Resource\":\"" + Instances + "\"}",
            "{\"Effect\":\"Deny\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:DeleteVolume\"],\"Resource\":\"" + Volumes + "\"}");
        var once = Fix(json);
        var twice = Fix(once.PolicyDocument);
        Assert.True(once.Changed);
        Assert.False(twice.Changed);
        Assert.Equal(once.PolicyDocument, twice.PolicyDocument);
        Assert.Empty(twice.Changes);
    }

    // ---- size limits ----

    [Fact]
    public void AFixThatDoesNotFitIsNotMadeAndSaysSo()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"" + Instances + "\"}");
        var result = Fix(json, new RepairOptions(), new PolicySource("arn:aws:iam::123456789012:policy/p", "arn:aws:iam::123456789012:policy/p"));

        Assert.False(result.Changed);
        Assert.Equal(json, result.PolicyDocument);
        Assert.StartsWith("Not changed: the repaired policy would have ", result.Changes[0], StringComparison.Ordinal);
        Assert.Contains("over IAM's limit of 6,144 for a managed policy", result.Changes[0], StringComparison.Ordinal);
        var finding = Assert.Single(result.Unrepaired, f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported);
        Assert.Contains("Not repaired: the repaired policy would have", finding.Message, StringComparison.Ordinal);

        // The same fix fits a role's inline policies (10,240).
        var role = Fix(json, new RepairOptions(), new PolicySource("role/r/p", owner: new PolicyOwner(PolicyOwnerKind.Role, "r"), policyName: "p"));
        Assert.True(role.Changed);
        Assert.True(PolicySizeLimit.Count(role.PolicyDocument) <= PolicySizeLimit.RoleInline);
    }

    [Fact]
    public void CompactActionsMakesTheDescribeSplitFitAManagedPolicyWithoutWideningToday()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"" + Instances + "\"}");
        var managed = new PolicySource("arn:aws:iam::123456789012:policy/p", "arn:aws:iam::123456789012:policy/p");
        var exact = Fix(json, new RepairOptions(), managed);
        Assert.False(exact.Changed);
        Assert.Contains("with -CompactActions (prefix patterns for the exact actions) it would have", exact.Changes[0], StringComparison.Ordinal);

        var result = Fix(json, new RepairOptions { CompactActions = true }, managed);
        Assert.True(result.Changed);
        Assert.True(PolicySizeLimit.Count(result.PolicyDocument) <= PolicySizeLimit.ManagedPolicy);
        var patterns = Actions(result.PolicyDocument, 1);
        Assert.True(patterns.Count < 100, $"{patterns.Count} patterns");
        Assert.Contains(patterns, p => p.EndsWith("*", StringComparison.Ordinal));
        var matched = patterns.SelectMany(Ec2.Match).Select(a => a.FullName).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        var expected = Ec2.Match("ec2:Describe*").Where(a => !a.SupportsResourceLevelPermissions).Select(a => a.FullName).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(expected, matched);
        Assert.Contains("-CompactActions", string.Join(" ", result.Changes), StringComparison.Ordinal);
        Assert.False(Fix(result.PolicyDocument, new RepairOptions { CompactActions = true }, managed).Changed);
        NoErrorOfRepairedCodes(result.PolicyDocument);
    }

    [Fact]
    public void CompactActionsNamesExactlyTheMovedActionsOfAnEc2StarSplit()
    {
        // ec2:* on an instance ARN, as the fuzz test made it: the compactor runs over every action
        // without resource-level permissions (hundreds, under every initial letter), and the
        // patterns must still match exactly those.
        var json = Policy("{\"Sid\":\"All\",\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"" + Instances + "\"}");
        var result = Fix(json, new RepairOptions { CompactActions = true, SizeLimit = int.MaxValue });

        Assert.True(result.Changed);
        var patterns = Actions(result.PolicyDocument, 1);
        var matched = patterns.SelectMany(Ec2.Match).Select(a => a.FullName).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        var expected = Ec2.Actions.Where(a => !a.SupportsResourceLevelPermissions).Select(a => a.FullName).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(expected, matched);
        Assert.True(patterns.Count < expected.Count(), $"{patterns.Count} patterns for {expected.Count()} actions");
        Assert.False(Fix(result.PolicyDocument, new RepairOptions { CompactActions = true, SizeLimit = int.MaxValue }).Changed);
    }

    [Theory]
    [InlineData(PolicyOwnerKind.User, PolicySizeLimit.UserInline)]
    [InlineData(PolicyOwnerKind.Group, PolicySizeLimit.GroupInline)]
    [InlineData(PolicyOwnerKind.Role, PolicySizeLimit.RoleInline)]
    public void InlinePoliciesHaveTheirOwnersLimit(PolicyOwnerKind kind, int limit)
    {
        Assert.Equal(limit, PolicySizeLimit.For(new PolicySource("x", owner: new PolicyOwner(kind, "o")), null).Characters);
        Assert.Equal(PolicySizeLimit.ManagedPolicy, PolicySizeLimit.For(new PolicySource("arn", "arn"), null).Characters);
        Assert.Equal(PolicySizeLimit.ManagedPolicy, PolicySizeLimit.For(new PolicySource("file.json"), null).Characters);
        Assert.Equal(123, PolicySizeLimit.For(new PolicySource("file.json"), 123).Characters);
    }

    [Fact]
    public void SizeIsCountedAsIamCountsItWithoutWhiteSpaceOutsideStrings()
    {
        Assert.Equal(PolicySizeLimit.Count("{\"a\":\"b c\"}"), PolicySizeLimit.Count("{\r\n    \"a\" :  \"b c\"\n}\n"));
        Assert.Equal(11, PolicySizeLimit.Count("{ \"a\": \"b c\" }"));
        Assert.Equal(12, PolicySizeLimit.Count("{\"a\":\"b\\\" \"}"));
    }

    // ---- the result ----

    [Fact]
    public void ResultsCarryTheNamesTheAwsToolsCmdletsBindAndEmptyStringsForTheOthers()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"" + Volumes + "\"}");
        var inline = Fix(json, source: new PolicySource("role/r/p", owner: new PolicyOwner(PolicyOwnerKind.Role, "r"), policyName: "p"));
        Assert.Equal(("r", "", "", "p", ""), (inline.RoleName, inline.UserName, inline.GroupName, inline.PolicyName, inline.PolicyArn));

        var managed = Fix(json, source: new PolicySource("arn:aws:iam::123456789012:policy/p", "arn:aws:iam::123456789012:policy/p", "v3", null, "p"));
        Assert.Equal(("arn:aws:iam::123456789012:policy/p", "v3", "", "p"), (managed.PolicyArn, managed.VersionId, managed.RoleName, managed.PolicyName));
    }

    [Fact]
    public void UrlEncodedDocumentsComeOutAsPlainJson()
    {
        var json = Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"" + Volumes + "\"}");
        var result = Fix(Uri.EscapeDataString(json));
        Assert.Equal(json, result.OriginalDocument);
        Assert.StartsWith("{", result.PolicyDocument, StringComparison.Ordinal);
        Assert.True(result.Changed);
    }

    [Fact]
    public void TheLayoutOfTheOriginalIsKept()
    {
        var crlf4 = "{\r\n    \"Version\": \"2012-10-17\",\r\n    \"Statement\": [\r\n        {\r\n            \"Effect\": \"Allow\",\r\n            \"Action\": [\"ec2:DescribeVolumes\", \"ec2:DeleteVolume\"],\r\n            \"Resource\": \"" + Volumes + "\"\r\n        }\r\n    ]\r\n}\r\n";
        var result = Fix(crlf4);
        Assert.DoesNotContain("\n", result.PolicyDocument.Replace("\r\n", ""), StringComparison.Ordinal);
        Assert.EndsWith("}\r\n", result.PolicyDocument, StringComparison.Ordinal);
        Assert.Contains("\r\n    \"Statement\": [\r\n        {\r\n            \"Effect\"", result.PolicyDocument, StringComparison.Ordinal);

        var compact = Fix(Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"" + Volumes + "\"}"));
        Assert.DoesNotContain("\n", compact.PolicyDocument, StringComparison.Ordinal);

        var tabs = Fix("{\n\t\"Version\": \"2012-10-17\",\n\t\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ec2:DescribeVolumes\", \"Resource\": \"" + Volumes + "\"}\n}");
        Assert.Contains("\n\t\"Statement\": {\n\t\t\"Effect\"", tabs.PolicyDocument, StringComparison.Ordinal);
    }

    [Fact]
    public void CharactersIamAllowsAreWrittenAsTheyAre()
    {
        var json = Policy(
            "{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:DeleteVolume\"],\"Resource\":\"" + Volumes + "\",\"Condition\":{\"StringLike\":{\"aws:PrincipalTag/name\":\"a+b&c<d>'é\"}}}");
        var result = Fix(json);
        Assert.Contains("a+b&c<d>'é", result.PolicyDocument, StringComparison.Ordinal);
    }
}
