using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyTools.Analysis;

namespace PolicyTools.Reports;

/// <summary>
/// Writes findings as a SARIF 2.1.0 log that GitHub code scanning accepts: one run, one rule per
/// finding code, one result per finding. File sources get a physical location relative to the
/// base folder (uriBaseId SRCROOT) with the statement's line; IAM sources (policy ARNs, inline
/// policy names) get a logical location. Documents that could not be read become tool execution
/// notifications, not results.
/// </summary>
internal static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SarifVersion = "2.1.0";
    public const string BaseId = "SRCROOT";

    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        // Not embedded in HTML: keep '<string>', quotes and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The SARIF log as text (UTF-8 when written to a file, no BOM).</summary>
    public static string Write(IEnumerable<PolicyTestResult> documents, ReportOptions options)
    {
        using var stream = new MemoryStream();
        Write(documents, options, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(IEnumerable<PolicyTestResult> documents, ReportOptions options, Stream stream)
    {
        if (documents is null) throw new ArgumentNullException(nameof(documents));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (stream is null) throw new ArgumentNullException(nameof(stream));

        var docs = documents.ToList();
        var basePath = ReportPaths.Base(options.BasePath);
        var rules = RulesFor(docs);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++) ruleIndex[rules[i].Code] = i;

        using var json = new Utf8JsonWriter(stream, s_options);
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", SarifVersion);
        json.WriteStartArray("runs");
        json.WriteStartObject();

        WriteTool(json, options, rules);

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(BaseId);
        json.WriteString("uri", ReportPaths.ToFileUri(basePath, directory: true));
        json.WriteEndObject();
        json.WriteEndObject();

        WriteInvocation(json, docs, basePath);

        json.WriteStartArray("results");
        foreach (var doc in docs)
        {
            foreach (var finding in doc.Findings) WriteResult(json, finding, ruleIndex[finding.Code], basePath);
        }
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>SARIF level of a severity: error, warning or note.</summary>
    public static string Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "note",
    };

    // Every known code, so that the rules are the same in every log; plus any code of a finding
    // that this version does not describe (a finding read back from a newer version's CSV, say).
    private static List<FindingRule> RulesFor(IEnumerable<PolicyTestResult> docs)
    {
        var rules = FindingRules.All.ToList();
        var known = new HashSet<string>(rules.Select(r => r.Code), StringComparer.Ordinal);
        foreach (var finding in docs.SelectMany(d => d.Findings))
        {
            if (known.Add(finding.Code))
                rules.Add(FindingRules.Find(finding.Code) ?? new FindingRule(finding.Code, finding.Code, finding.Code, "See about_PolicyTools.", finding.Severity));
        }
        return rules;
    }

    private static void WriteTool(Utf8JsonWriter json, ReportOptions options, IReadOnlyList<FindingRule> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", options.ToolName);
        if (!string.IsNullOrEmpty(options.InformationUri)) json.WriteString("informationUri", options.InformationUri);
        if (!string.IsNullOrEmpty(options.ToolVersion))
        {
            json.WriteString("version", options.ToolVersion);
            json.WriteString("semanticVersion", options.ToolVersion);
        }
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Code);
            json.WriteString("name", rule.Code);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", rule.Help);
            json.WriteString("markdown", $"**{rule.Title}**\n\n{rule.Description}\n\n**Fix:** {rule.Help}\n\nSee `Get-Help about_PolicyTools`.");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("aws");
            json.WriteStringValue("iam");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, IEnumerable<PolicyTestResult> docs, string basePath)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var doc in docs.Where(d => d.Status == PolicyTestStatus.Unreadable))
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", $"{doc.Source} could not be analysed: {doc.InputError}");
            json.WriteEndObject();
            json.WriteStartObject("descriptor");
            json.WriteString("id", doc.InputErrorId);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            WriteLocation(json, doc.File ?? doc.Source, doc.InputErrorLine, basePath);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, PolicyFinding finding, int ruleIndex, string basePath)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Code);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        // A file of many policies (authorization details): the alert is placed in the file, and says which policy.
        var inLargerFile = finding.File is not null && finding.File != finding.Source;
        json.WriteString("text", inLargerFile ? $"{finding.Source}: {finding.Message}" : finding.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        WriteLocation(json, finding.File ?? finding.Source, finding.Line ?? 1, basePath, finding.StatementIndex, finding.Sid);
        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteString("source", finding.Source);
        if (finding.File is not null) json.WriteString("file", finding.File);
        if (finding.IsDefaultVersion is { } isDefault) json.WriteBoolean("isDefaultVersion", isDefault);
        if (finding.AffectedPrincipals.Count > 0) WriteStrings(json, "affectedPrincipals", finding.AffectedPrincipals);
        if (finding.PolicyArn is not null) json.WriteString("policyArn", finding.PolicyArn);
        if (finding.VersionId is not null) json.WriteString("versionId", finding.VersionId);
        json.WriteNumber("statementIndex", finding.StatementIndex);
        if (finding.Sid is not null) json.WriteString("sid", finding.Sid);
        json.WriteString("effect", finding.Effect);
        json.WriteString("severity", finding.Severity.ToString());
        WriteStrings(json, "actions", finding.Actions);
        WriteStrings(json, "resources", finding.Resources);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, string source, int? line, string basePath, int? statementIndex = null, string? sid = null)
    {
        json.WriteStartObject();
        if (ReportPaths.IsFile(source))
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            var relative = ReportPaths.Relative(source, basePath);
            if (relative is not null)
            {
                json.WriteString("uri", ReportPaths.ToUriReference(relative));
                json.WriteString("uriBaseId", BaseId);
            }
            else
            {
                json.WriteString("uri", ReportPaths.ToFileUri(source));
            }
            json.WriteEndObject();
            if (line is > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line.Value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", source);
            json.WriteString("fullyQualifiedName", statementIndex is null ? source : $"{source}/Statement[{statementIndex}]{(sid is null ? "" : " " + sid)}");
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
