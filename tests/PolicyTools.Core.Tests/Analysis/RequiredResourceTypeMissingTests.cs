using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>A request carries an ARN of every required type, and the policy must allow each one.</summary>
public class RequiredResourceTypeMissingTests
{
    private const string Code = FindingCodes.RequiredResourceTypeMissing;

    private static System.Collections.Generic.IReadOnlyList<PolicyFinding> AnalyzeFixture(string name) =>
        PolicyAnalyzer.For(PolicyTools.Tests.TestMaps.Ec2).Analyze(PolicyParser.Parse(TestFiles.ReadFixture("policies/" + name)), new PolicySource(name));

    [Fact]
    public void RunInstances_allowed_on_instances_alone_fails()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:RunInstances", "arn:aws:ec2:*:*:instance/*")));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(new[] { "ec2:RunInstances" }, finding.Actions);
        Assert.Contains("image, network-interface, security-group or subnet", finding.Message);
        Assert.DoesNotContain("volume", finding.Message); // optional types are not required
    }

    [Fact]
    public void RunInstances_with_every_required_type_across_statements_is_fine()
    {
        Assert.Empty(AnalyzeFixture("run-instances-complete.json"));
    }

    [Fact]
    public void Required_types_split_across_two_statements_are_fine()
    {
        var findings = AnalyzeFixture("split-attach-volume.json");
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.Empty(findings);
    }

    [Fact]
    public void Either_half_of_the_split_alone_fails()
    {
        var instanceOnly = Assert.Single(AnalyzeStatements(Allow("ec2:AttachVolume", "arn:aws:ec2:us-east-1:123456789012:instance/*")));
        Assert.Equal(Code, instanceOnly.Code);
        Assert.Contains("allows volume", instanceOnly.Message);
        var volumeOnly = Assert.Single(AnalyzeStatements(Allow("ec2:AttachVolume", "arn:aws:ec2:us-east-1:123456789012:volume/*")));
        Assert.Equal(Code, volumeOnly.Code);
        Assert.Contains("allows instance", volumeOnly.Message);
    }

    [Fact]
    public void The_finding_is_on_the_first_statement_that_allows_the_action()
    {
        var finding = Assert.Single(AnalyzeStatements(
            Allow("ec2:DescribeVolumes", "*"),
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:*:instance/i-1"),
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:*:instance/i-2")));
        Assert.Equal(1, finding.StatementIndex);
    }

    [Fact]
    public void A_statement_that_allows_everything_supplies_every_type()
    {
        Assert.Empty(AnalyzeStatements(Allow("ec2:RunInstances", "arn:aws:ec2:*:*:instance/*"), Allow("ec2:*", "*")));
    }

    [Fact]
    public void Deny_statements_are_not_checked()
    {
        // A Deny applies as soon as any one ARN of the request matches.
        Assert.Empty(AnalyzeStatements(Deny("ec2:RunInstances", "arn:aws:ec2:*:*:instance/*")));
    }

    [Fact]
    public void An_Allow_plus_a_Deny_on_the_other_type_does_not_complete_the_pair()
    {
        var findings = AnalyzeStatements(
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:*:instance/*"),
            Deny("ec2:AttachVolume", "arn:aws:ec2:*:*:volume/*"));
        Assert.Equal(0, Assert.Single(findings).StatementIndex);
        Assert.Equal(Code, findings[0].Code);
    }

    [Fact]
    public void NotResource_that_excludes_a_required_type_fails()
    {
        var finding = Assert.Single(AnalyzeStatements(Statement("Allow", "Action", "ec2:AttachVolume", "NotResource", "arn:aws:ec2:*:*:volume/*")));
        Assert.Equal(Code, finding.Code);
        Assert.Contains("allows volume", finding.Message);
    }

    [Fact]
    public void A_statement_whose_condition_the_action_never_meets_supplies_no_type()
    {
        // The second statement tests a key AttachVolume never carries, so it never allows volume ARNs.
        var findings = AnalyzeStatements(
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:*:instance/*"),
            Allow("ec2:AttachVolume", "arn:aws:ec2:*:*:volume/*", """{ "StringEquals": { "ec2:ImageType": "machine" } }"""));
        var missing = Assert.Single(findings.WithCode(Code));
        Assert.Equal(0, missing.StatementIndex);
        Assert.Single(findings.WithCode(FindingCodes.ConditionKeyNotSupported));
    }

    [Fact]
    public void Several_actions_missing_types_in_one_statement_are_one_finding()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow(new[] { "ec2:AttachVolume", "ec2:RunInstances", "ec2:CreateSnapshot" }, "arn:aws:ec2:*:*:instance/*")).WithCode(Code));
        Assert.Equal(new[] { "ec2:AttachVolume", "ec2:RunInstances" }, finding.Actions.OrderBy(a => a));
    }
}
