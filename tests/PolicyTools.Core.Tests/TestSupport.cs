using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Tests;

/// <summary>Files the test project copies next to the test assembly (fixtures/, corpus/, data/).</summary>
internal static class TestFiles
{
    public static string PathOf(string relative) =>
        Path.Combine(AppContext.BaseDirectory, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Fixture(string relative) => PathOf("fixtures/" + relative);

    public static string ReadFixture(string relative)
    {
        var path = Fixture(relative);
        Assert.True(File.Exists(path), $"fixture '{relative}' was not copied to the test output ({path})");
        return File.ReadAllText(path);
    }

    /// <summary>A file of the repository (source, help), found above the test assembly: the first directory with the module manifest.</summary>
    public static string Repository(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PolicyTools.psd1"))) return Path.Combine(directory.FullName, relative);
        }
        throw new InvalidOperationException("The repository root (PolicyTools.psd1) is not above " + AppContext.BaseDirectory);
    }
}

/// <summary>The shipped map as the Ec2 cmdlets see it: its EC2 service only.</summary>
internal static class TestMaps
{
    public static CapabilityMap Ec2 => CapabilityMap.Default.Only("ec2");
}

/// <summary>Builds small policies inline and analyses them with the shipped EC2 map.</summary>
internal static class Policy
{
    public static string Document(params string[] statements) => DocumentWithVersion("2012-10-17", statements);

    public static string DocumentWithVersion(string? version, params string[] statements) =>
        "{" + (version is null ? "" : $"\"Version\": \"{version}\", ") + "\"Statement\": [" + string.Join(", ", statements) + "]}";

    public static string Allow(object action, object resource, string? condition = null) => Statement("Allow", "Action", action, "Resource", resource, condition);

    public static string Deny(object action, object resource, string? condition = null) => Statement("Deny", "Action", action, "Resource", resource, condition);

    public static string Statement(string effect, string actionKey, object action, string resourceKey, object resource, string? condition = null) =>
        "{"
        + $"\"Effect\": \"{effect}\", \"{actionKey}\": {JsonSerializer.Serialize(action)}, \"{resourceKey}\": {JsonSerializer.Serialize(resource)}"
        + (condition is null ? "" : $", \"Condition\": {condition}")
        + "}";

    public static IReadOnlyList<PolicyFinding> Analyze(string json) =>
        PolicyAnalyzer.For(TestMaps.Ec2).Analyze(PolicyParser.Parse(json), new PolicySource("test-policy"));

    public static IReadOnlyList<PolicyFinding> AnalyzeStatements(params string[] statements) => Analyze(Document(statements));

    public static IReadOnlyList<PolicyFinding> WithCode(this IEnumerable<PolicyFinding> findings, string code) =>
        findings.Where(f => f.Code == code).ToList();

    public static string Describe(IEnumerable<PolicyFinding> findings) =>
        string.Join(Environment.NewLine, findings.Select(f => $"[{f.StatementIndex}] {f.Severity} {f.Code} {string.Join(" ", f.Actions.Take(5))}{(f.Actions.Count > 5 ? " …" : "")} | {f.Message}"));
}
