using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>ec2: actions and patterns that match nothing in the map: typos, or newer than the map.</summary>
public class UnknownActionTests
{
    private const string Code = FindingCodes.UnknownAction;

    [Fact]
    public void A_misspelt_action_is_a_warning_naming_the_map_date()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:DescribeVolume", "*")));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(new[] { "ec2:DescribeVolume" }, finding.Actions); // as written
        Assert.Empty(finding.Resources);
        Assert.Contains(TestMaps.Ec2.Date, finding.Message);
        Assert.Contains("grants nothing", finding.Message);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_unknown_too()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow("ec2:Descibe*", "*")));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(new[] { "ec2:Descibe*" }, finding.Actions);
    }

    [Fact]
    public void Unknown_actions_of_one_statement_are_one_finding_without_repeats()
    {
        var finding = Assert.Single(AnalyzeStatements(Allow(new[] { "ec2:DescribeVolume", "ec2:Descibe*", "ec2:DescribeVolume", "ec2:DescribeVolumes" }, "*")));
        Assert.Equal(new[] { "ec2:DescribeVolume", "ec2:Descibe*" }, finding.Actions);
    }

    [Fact]
    public void In_a_Deny_an_unknown_action_denies_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Deny("ec2:TerminateInstance", "*")));
        Assert.Equal(Code, finding.Code);
        Assert.Contains("denies nothing", finding.Message);
    }

    [Fact]
    public void In_a_NotAction_an_unknown_action_excludes_nothing()
    {
        var finding = Assert.Single(AnalyzeStatements(Statement("Deny", "NotAction", new[] { "ec2:DescribeVolume", "iam:*" }, "Resource", "*")));
        Assert.Equal(Code, finding.Code);
        Assert.Equal(new[] { "ec2:DescribeVolume" }, finding.Actions);
        Assert.Contains("excludes nothing", finding.Message);
    }

    [Theory]
    [InlineData("EC2:DESCRIBEVOLUMES")]
    [InlineData("ec2:describe*")]
    [InlineData("ec2:*")]
    [InlineData("ec2:Describe?olumes")]
    public void Known_actions_in_any_case_are_not_unknown(string action)
    {
        Assert.Empty(AnalyzeStatements(Allow(action, "*")));
    }

    [Theory]
    [InlineData("s3:GetObjectt")]
    [InlineData("ec2messages:GetMessages")] // a different service whose prefix starts with "ec2"
    [InlineData("*")]
    [InlineData("e*:Frobnicate")]
    public void Other_services_and_cross_service_patterns_are_not_EC2_actions(string action)
    {
        Assert.Empty(AnalyzeStatements(Allow(action, "*")).WithCode(Code));
    }
}
