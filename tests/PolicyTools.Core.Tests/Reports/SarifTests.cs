using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using PolicyTools.Analysis;
using PolicyTools.Reports;
using Xunit;

namespace PolicyTools.Tests.Reports;

public sealed class SarifTests
{
    private static readonly ReportOptions s_options = new()
    {
        BasePath = ReportFixtures.BasePath,
        ToolVersion = "1.2.3",
        InformationUri = "https://github.com/policytools/PolicyTools",
    };

    private static JsonElement Run(params PolicyTestResult[] docs)
    {
        var text = SarifReport.Write(docs, s_options);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void Has_the_schema_version_and_tool_that_code_scanning_needs()
    {
        var log = Run();
        Assert.Equal(SarifReport.SchemaUri, log.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var runs = log.GetProperty("runs");
        Assert.Equal(1, runs.GetArrayLength());
        var driver = runs[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal("PolicyTools", driver.GetProperty("name").GetString());
        Assert.Equal("1.2.3", driver.GetProperty("semanticVersion").GetString());
        Assert.Equal("https://github.com/policytools/PolicyTools", driver.GetProperty("informationUri").GetString());
        Assert.Equal(0, runs[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Has_one_described_rule_per_finding_code()
    {
        var rules = Run().GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(FindingCodes.All, rules.Select(r => r.GetProperty("id").GetString()));
        foreach (var rule in rules)
        {
            Assert.Equal(rule.GetProperty("id").GetString(), rule.GetProperty("name").GetString());
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("help").GetProperty("text").GetString()));
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        }
        Assert.Equal("warning", rules.Single(r => r.GetProperty("id").GetString() == FindingCodes.UnknownAction).GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void Writes_one_result_per_finding_with_rule_level_message_relative_uri_and_line()
    {
        var file = ReportFixtures.FileUnderBase("policies", "classic.json");
        var doc = ReportFixtures.Analyse(ReportFixtures.Classic, file);
        var run = Run(doc).GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(doc.Findings.Count, results.Count);
        Assert.Equal(2, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var finding = doc.Findings[i];
            var result = results[i];
            Assert.Equal(finding.Code, result.GetProperty("ruleId").GetString());
            Assert.Equal(finding.Code, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal("error", result.GetProperty("level").GetString());
            Assert.Equal(finding.Message, result.GetProperty("message").GetProperty("text").GetString());
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("policies/classic.json", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(SarifReport.BaseId, physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.Equal(4, physical.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal("Stmt1414688041000", result.GetProperty("properties").GetProperty("sid").GetString());
        }
        Assert.Equal(new[] { FindingCodes.InvalidArn, FindingCodes.ResourceLevelPermissionsNotSupported }, results.Select(r => r.GetProperty("ruleId").GetString()));
        var baseUri = run.GetProperty("originalUriBaseIds").GetProperty(SarifReport.BaseId).GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", baseUri);
        Assert.EndsWith("/repo/", baseUri);
    }

    [Fact]
    public void Maps_warning_and_information_to_warning_and_note()
    {
        var typo = ReportFixtures.Analyse(ReportFixtures.Typo, ReportFixtures.FileUnderBase("typo.json"));
        var covered = ReportFixtures.Analyse(ReportFixtures.CoveredElsewhere, ReportFixtures.FileUnderBase("covered.json"));
        Assert.Equal(FindingSeverity.Warning, Assert.Single(typo.Findings).Severity);
        Assert.Contains(covered.Findings, f => f.Severity == FindingSeverity.Information);

        var results = Run(typo, covered).GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("warning", results[0].GetProperty("level").GetString());
        Assert.Equal(3, results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.All(results.Skip(1), r => Assert.Equal("note", r.GetProperty("level").GetString()));
    }

    [Fact]
    public void Escapes_spaces_and_keeps_forward_slashes()
    {
        var doc = ReportFixtures.Analyse(ReportFixtures.Classic, ReportFixtures.FileUnderBase("my policies", "a b.json"));
        var uri = Run(doc).GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0]
            .GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.Equal("my%20policies/a%20b.json", uri);
    }

    [Fact]
    public void Gives_files_outside_the_base_an_absolute_file_uri()
    {
        var outside = Path.Combine(Path.GetTempPath(), "policytools-report-tests", "elsewhere", "p.json");
        var doc = ReportFixtures.Analyse(ReportFixtures.Classic, outside);
        var artifact = Run(doc).GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0]
            .GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(new Uri(outside).AbsoluteUri, artifact.GetProperty("uri").GetString());
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
    }

    [Fact]
    public void Gives_iam_sources_a_logical_location()
    {
        const string arn = "arn:aws:iam::123456789012:policy/Ops";
        var doc = ReportFixtures.Analyse(ReportFixtures.Classic, arn, arn, "v3");
        var result = Run(doc).GetProperty("runs")[0].GetProperty("results")[0];
        var location = result.GetProperty("locations")[0];
        Assert.False(location.TryGetProperty("physicalLocation", out _));
        Assert.Equal(arn, location.GetProperty("logicalLocations")[0].GetProperty("name").GetString());
        Assert.Equal("v3", result.GetProperty("properties").GetProperty("versionId").GetString());
    }

    [Fact]
    public void Reports_unreadable_documents_as_notifications_not_results()
    {
        var bad = ReportFixtures.Unreadable(ReportFixtures.FileUnderBase("bad.json"));
        var run = Run(bad, ReportFixtures.Analyse(ReportFixtures.Clean, ReportFixtures.FileUnderBase("clean.json"))).GetProperty("runs")[0];
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        var invocation = run.GetProperty("invocations")[0];
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.Equal("PolicyJsonInvalid", notification.GetProperty("descriptor").GetProperty("id").GetString());
        Assert.Equal("bad.json", notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void Keeps_text_readable_rather_than_escaped()
    {
        var text = SarifReport.Write(new[] { ReportFixtures.Analyse(ReportFixtures.Classic, "<string>") }, s_options);
        Assert.Contains("\"<string>\"", text);
        Assert.Contains("\"Resource\": \"*\"", text.Replace("\\\"", "\""));
    }
}
