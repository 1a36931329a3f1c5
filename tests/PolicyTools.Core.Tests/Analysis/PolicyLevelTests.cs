using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>Rules across statements: policy level beats statement level, cross-service wildcards, grouping, the finding contract.</summary>
public class PolicyLevelTests
{
    private static System.Collections.Generic.IReadOnlyList<PolicyFinding> AnalyzeFixture(string name, PolicySource? source = null) =>
        new PolicyAnalyzer(TestMaps.Ec2).Analyze(PolicyParser.Parse(TestFiles.ReadFixture("policies/" + name)), source ?? new PolicySource(name));

    [Fact]
    public void The_classic_policy_from_the_design_gets_two_errors()
    {
        var findings = AnalyzeFixture("design-classic.json");

        Assert.Equal(2, findings.Count);
        var rlpns = Assert.Single(findings.WithCode(FindingCodes.ResourceLevelPermissionsNotSupported));
        Assert.Equal(FindingSeverity.Error, rlpns.Severity);
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, rlpns.Actions);
        var arn = Assert.Single(findings.WithCode(FindingCodes.InvalidArn));
        Assert.Equal(FindingSeverity.Error, arn.Severity);
        Assert.Contains("AWS_ACCOUNT_ID", arn.Message);
        Assert.All(findings, f => Assert.Equal("Stmt1414688041000", f.Sid));
    }

    [Fact]
    public void The_classic_policy_with_resource_star_has_no_finding()
    {
        Assert.Empty(AnalyzeFixture("design-classic-fixed.json"));
    }

    [Fact]
    public void Findings_carry_the_source_the_statement_and_its_line()
    {
        var source = new PolicySource("role/Ops/inline/Volumes", "arn:aws:iam::123456789012:policy/Volumes", "v3");
        var finding = AnalyzeFixture("design-classic.json", source).First();

        Assert.Equal("role/Ops/inline/Volumes", finding.Source);
        Assert.Equal("arn:aws:iam::123456789012:policy/Volumes", finding.PolicyArn);
        Assert.Equal("v3", finding.VersionId);
        Assert.Equal(0, finding.StatementIndex);
        Assert.Equal("Allow", finding.Effect);
        Assert.Equal(2, finding.Line);
        Assert.Equal("ec2:DescribeVolumes", finding.Actions.ToString());
    }

    [Fact]
    public void Findings_come_in_statement_order()
    {
        var findings = AnalyzeStatements(
            Allow("ec2:DescribeVolume", "*"),
            Allow("ec2:DescribeVolumes", "arn:aws:ec2:*:*:volume/*"),
            Allow("ec2:DeleteVolume", "arn:aws:ec2:*:*:subnet/*"));
        Assert.Equal(new[] { 0, 1, 2 }, findings.Select(f => f.StatementIndex));
        Assert.Equal(new[] { FindingCodes.UnknownAction, FindingCodes.ResourceLevelPermissionsNotSupported, FindingCodes.ResourceTypeMismatch }, findings.Select(f => f.Code));
    }

    [Fact]
    public void A_mismatch_that_another_statement_of_the_same_effect_fixes_is_information()
    {
        var finding = Assert.Single(AnalyzeFixture("managed-style-split.json"));
        Assert.Equal(FindingCodes.ResourceLevelPermissionsNotSupported, finding.Code);
        Assert.Equal(FindingSeverity.Information, finding.Severity);
        Assert.Equal(1, finding.StatementIndex);
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, finding.Actions);
        Assert.Contains("statement 0", finding.Message);
    }

    [Fact]
    public void Information_and_errors_of_one_statement_are_separate_findings()
    {
        var findings = AnalyzeStatements(
            Allow("ec2:DescribeVolumes", "*"),
            Allow("ec2:Describe*", "arn:aws:ec2:*:*:instance/*")).WithCode(FindingCodes.ResourceLevelPermissionsNotSupported);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(1, f.StatementIndex));
        var information = Assert.Single(findings, f => f.Severity == FindingSeverity.Information);
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, information.Actions);
        var error = Assert.Single(findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(194 - 17 - 1, error.Actions.Count);
        Assert.DoesNotContain("ec2:DescribeVolumes", error.Actions);
    }

    [Fact]
    public void An_Allow_does_not_excuse_a_Deny()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolumes", "*"), Deny("ec2:DescribeVolumes", "arn:aws:ec2:*:*:volume/*")));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(1, finding.StatementIndex);
    }

    [Fact]
    public void A_Deny_excuses_another_Deny()
    {
        var finding = Assert.Single(AnalyzeStatements(Deny("ec2:DescribeVolumes", "*"), Deny("ec2:DescribeVolumes", "arn:aws:ec2:*:*:volume/*")));
        Assert.Equal(FindingSeverity.Information, finding.Severity);
    }

    [Fact]
    public void A_statement_that_itself_never_applies_excuses_nothing()
    {
        // Statement 0 has Resource "*" but a condition DescribeVolumes never meets.
        var findings = AnalyzeStatements(
            Allow("ec2:DescribeVolumes", "*", """{ "StringEquals": { "ec2:InstanceType": "t3.micro" } }"""),
            Allow("ec2:DescribeVolumes", "arn:aws:ec2:*:*:volume/*"));
        Assert.Equal(FindingSeverity.Error, Assert.Single(findings.WithCode(FindingCodes.ResourceLevelPermissionsNotSupported)).Severity);
    }

    [Theory]
    [InlineData("arn:aws:s3:::my-bucket")]
    [InlineData("arn:aws:s3:::my-bucket/*")]
    [InlineData("arn:aws:dynamodb:us-east-1:123456789012:table/Orders")]
    public void Action_star_on_another_service_s_ARN_has_no_EC2_finding(string resource)
    {
        Assert.Empty(AnalyzeStatements(Allow("*", resource)));
        Assert.Empty(AnalyzeStatements(Deny("*", resource)));
        Assert.Empty(AnalyzeStatements(Statement("Allow", "NotAction", "iam:*", "Resource", resource)));
    }

    [Fact]
    public void Action_star_on_an_EC2_ARN_is_about_EC2()
    {
        var findings = AnalyzeStatements(Allow("*", "arn:aws:ec2:*:*:volume/*"));
        Assert.Equal(263, Assert.Single(findings.WithCode(FindingCodes.ResourceLevelPermissionsNotSupported)).Actions.Count);
    }

    [Fact]
    public void Naming_an_EC2_action_makes_a_statement_about_EC2_whatever_its_resources()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow(new[] { "s3:GetObject", "ec2:DescribeVolumes" }, "arn:aws:s3:::my-bucket/*")));
        Assert.Equal(FindingCodes.ResourceLevelPermissionsNotSupported, finding.Code);
        Assert.Equal(new[] { "ec2:DescribeVolumes" }, finding.Actions);
    }

    [Fact]
    public void Statements_without_a_resource_element_are_not_analysed()
    {
        var trust = """
            { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }
            """;
        Assert.Empty(Analyze(trust));
        Assert.Empty(Analyze("""{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "ec2:DescribeVolumes" } ] }"""));
    }

    [Fact]
    public void Everything_allowed_on_everything_has_no_finding()
    {
        Assert.Empty(AnalyzeStatements(Allow("*", "*")));
        Assert.Empty(AnalyzeStatements(Allow("ec2:*", "*")));
    }

    [Fact]
    public void One_analyzer_gives_the_same_findings_on_many_threads()
    {
        var document = PolicyParser.Parse(TestFiles.ReadFixture("policies/design-classic.json"));
        var analyzer = PolicyAnalyzer.For(TestMaps.Ec2);
        var expected = Describe(analyzer.Analyze(document, new PolicySource("p")));
        var results = new string[64];
        System.Threading.Tasks.Parallel.For(0, results.Length, i => results[i] = Describe(analyzer.Analyze(document, new PolicySource("p"))));
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Same(analyzer, PolicyAnalyzer.For(TestMaps.Ec2));
    }
}
