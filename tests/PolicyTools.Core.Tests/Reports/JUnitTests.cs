using System;
using System.Linq;
using System.Xml.Linq;
using PolicyTools.Analysis;
using PolicyTools.Reports;
using Xunit;

namespace PolicyTools.Tests.Reports;

public sealed class JUnitTests
{
    private static readonly ReportOptions s_options = new()
    {
        BasePath = ReportFixtures.BasePath,
        Timestamp = new DateTime(2026, 8, 20, 1, 2, 3, DateTimeKind.Utc),
    };

    private static XElement Suite(params PolicyTestResult[] docs)
    {
        var root = XDocument.Parse(JUnitReport.Write(docs, s_options)).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        return Assert.Single(root.Elements("testsuite"));
    }

    [Fact]
    public void Writes_one_test_case_per_document_and_counts_failures_and_errors()
    {
        var suite = Suite(
            ReportFixtures.Analyse(ReportFixtures.Classic, ReportFixtures.FileUnderBase("policies", "classic.json")),
            ReportFixtures.Analyse(ReportFixtures.Clean, ReportFixtures.FileUnderBase("policies", "clean.json")),
            ReportFixtures.Analyse(ReportFixtures.Typo, ReportFixtures.FileUnderBase("policies", "typo.json")),
            ReportFixtures.Unreadable(ReportFixtures.FileUnderBase("policies", "bad.json")));

        Assert.Equal("PolicyTools", (string?)suite.Attribute("name"));
        Assert.Equal("4", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        Assert.Equal("1", (string?)suite.Attribute("errors"));
        Assert.Equal("2026-08-20T01:02:03", (string?)suite.Attribute("timestamp"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(new[] { "policies/classic.json", "policies/clean.json", "policies/typo.json", "policies/bad.json" }, cases.Select(c => (string?)c.Attribute("name")));
        Assert.All(cases, c => Assert.Equal(c.Attribute("name")!.Value, (string?)c.Attribute("file")));

        var failure = Assert.Single(cases[0].Elements("failure"));
        Assert.Equal("2 errors: InvalidArn, ResourceLevelPermissionsNotSupported", (string?)failure.Attribute("message"));
        Assert.Contains("line 4, statement 0 (Stmt1414688041000): ResourceLevelPermissionsNotSupported: This Allow grants nothing for ec2:DescribeVolumes", failure.Value);
        Assert.Contains("AWS_ACCOUNT_ID", failure.Value);

        Assert.Empty(cases[1].Elements());

        Assert.Empty(cases[2].Elements("failure"));
        Assert.StartsWith("Warning line 3, statement 0 (Typo): UnknownAction:", cases[2].Element("system-out")!.Value);

        var error = Assert.Single(cases[3].Elements("error"));
        Assert.Equal("PolicyJsonInvalid", (string?)error.Attribute("type"));
    }

    [Fact]
    public void Names_iam_documents_with_their_version()
    {
        const string arn = "arn:aws:iam::123456789012:policy/Ops";
        var suite = Suite(ReportFixtures.Analyse(ReportFixtures.Classic, arn, arn, "v2"), ReportFixtures.Analyse(ReportFixtures.Clean, "role/app/ec2"));
        Assert.Equal(new[] { arn + " (v2)", "role/app/ec2" }, suite.Elements("testcase").Select(c => (string?)c.Attribute("name")));
        Assert.All(suite.Elements("testcase"), c => Assert.Null(c.Attribute("file")));
    }

    [Fact]
    public void Writes_an_empty_suite_for_no_documents()
    {
        var suite = Suite();
        Assert.Equal("0", (string?)suite.Attribute("tests"));
        Assert.Empty(suite.Elements("testcase"));
    }

    [Fact]
    public void Replaces_characters_xml_cannot_carry()
    {
        Assert.Equal("a\uFFFDb\tc", JUnitReport.Clean("a\u0001b\tc"));
        Assert.Equal("\U0001F600", JUnitReport.Clean("\U0001F600"));
        Assert.Equal("x\uFFFD", JUnitReport.Clean("x\uD800"));
        var suite = Suite(ReportFixtures.Analyse(ReportFixtures.Clean, "role/app/bad\u0002name"));
        Assert.Equal("role/app/bad\uFFFDname", (string?)suite.Element("testcase")!.Attribute("name"));
    }
}
