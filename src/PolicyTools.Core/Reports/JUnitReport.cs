using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using PolicyTools.Analysis;

namespace PolicyTools.Reports;

/// <summary>
/// Writes one JUnit test suite with one test case per policy document: a document with Error
/// findings fails (the failure lists them), a document that could not be read is an error, and
/// every other document passes. Warning and Information findings go to the test case's
/// system-out. The shape is the common denominator that Jenkins, GitLab, Azure DevOps and the
/// GitHub test-report actions read.
/// </summary>
internal static class JUnitReport
{
    private static readonly XmlWriterSettings s_settings = new()
    {
        Indent = true,
        IndentChars = "  ",
        Encoding = new UTF8Encoding(false),
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

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
        var tests = docs.Count.ToString(CultureInfo.InvariantCulture);
        var failures = docs.Count(d => d.Status == PolicyTestStatus.Failed).ToString(CultureInfo.InvariantCulture);
        var errors = docs.Count(d => d.Status == PolicyTestStatus.Unreadable).ToString(CultureInfo.InvariantCulture);
        var timestamp = (options.Timestamp ?? DateTime.UtcNow).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

        using var xml = XmlWriter.Create(stream, s_settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", Clean(options.SuiteName));
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures);
        xml.WriteAttributeString("errors", errors);
        xml.WriteAttributeString("time", "0");

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(options.SuiteName));
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures);
        xml.WriteAttributeString("errors", errors);
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", "0");
        xml.WriteAttributeString("timestamp", timestamp);

        foreach (var doc in docs) WriteTestCase(xml, doc, options, basePath);

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
    }

    /// <summary>The test case name of a document: its path relative to the base folder, or its IAM name, plus the version id.</summary>
    public static string TestCaseName(PolicyTestResult document, string? basePath)
    {
        if (document is null) throw new ArgumentNullException(nameof(document));
        var name = document.Source;
        if (ReportPaths.IsFile(name)) name = ReportPaths.Relative(name, ReportPaths.Base(basePath)) ?? name;
        if (!string.IsNullOrEmpty(document.VersionId)) name += $" ({document.VersionId})";
        return name;
    }

    private static void WriteTestCase(XmlWriter xml, PolicyTestResult doc, ReportOptions options, string basePath)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(TestCaseName(doc, basePath)));
        xml.WriteAttributeString("classname", Clean(options.SuiteName));
        var file = doc.File ?? doc.Source;
        if (ReportPaths.IsFile(file)) xml.WriteAttributeString("file", Clean(ReportPaths.Relative(file, basePath) ?? file));
        xml.WriteAttributeString("time", "0");

        if (doc.Status == PolicyTestStatus.Unreadable)
        {
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", Clean(doc.InputError ?? ""));
            xml.WriteAttributeString("type", Clean(doc.InputErrorId ?? ""));
            xml.WriteString(Clean($"{doc.Source}: {doc.InputError}"));
            xml.WriteEndElement();
        }

        var errors = doc.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var codes = string.Join(", ", errors.Select(f => f.Code).Distinct(StringComparer.Ordinal));
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Clean($"{errors.Count} {(errors.Count == 1 ? "error" : "errors")}: {codes}"));
            xml.WriteAttributeString("type", "Error");
            xml.WriteString(Clean(string.Join("\n", errors.Select(Describe))));
            xml.WriteEndElement();
        }

        var others = doc.Findings.Where(f => f.Severity != FindingSeverity.Error).ToList();
        if (others.Count > 0)
        {
            xml.WriteStartElement("system-out");
            xml.WriteString(Clean(string.Join("\n", others.Select(f => f.Severity + " " + Describe(f)))));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static string Describe(PolicyFinding f)
    {
        var where = new StringBuilder();
        if (f.Line is { } line) where.Append("line ").Append(line.ToString(CultureInfo.InvariantCulture)).Append(", ");
        where.Append("statement ").Append(f.StatementIndex.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(f.Sid)) where.Append(" (").Append(f.Sid).Append(')');
        return $"{where}: {f.Code}: {f.Message}";
    }

    // XML 1.0 cannot carry most control characters, even escaped; a policy file can contain them.
    internal static string Clean(string text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (ok)
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(text, 0, i, text.Length);
            sb.Append('\uFFFD');
        }
        return sb?.ToString() ?? text;
    }
}
