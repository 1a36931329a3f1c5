using System.Collections.Generic;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Reports;

namespace PolicyTools.Commands.Input;

/// <summary>
/// Adds what users pipe into the report cmdlets to a <see cref="PolicyReportBuilder"/>: findings and
/// <c>-PassThru</c> results of <c>Test-Ec2PolicyResourceSupport</c>, live, or deserialized (from
/// <c>Start-ThreadJob</c>, <c>ForEach-Object -Parallel</c> across runspaces, <c>Import-Clixml</c>),
/// or read back with <c>Import-Csv</c>: anything with the finding's property names.
/// </summary>
internal static class ReportInputReader
{
    public static bool TryAdd(PolicyReportBuilder builder, PSObject item)
    {
        switch (item.BaseObject)
        {
            case PolicyFinding finding:
                builder.Add(finding);
                return true;
            case PolicyTestResult result:
                builder.Add(result);
                return true;
        }

        if (Has(item, "Source") && Has(item, "Status") && Has(item, "Findings"))
        {
            builder.Add(ResultFrom(item));
            return true;
        }
        if (Has(item, "Source") && Has(item, "Code") && Has(item, "Message"))
        {
            builder.Add(FindingFrom(item));
            return true;
        }
        return false;
    }

    private static PolicyTestResult ResultFrom(PSObject item)
    {
        var source = SourceFrom(item);
        var errorId = String(item, "InputErrorId");
        if (!string.IsNullOrEmpty(errorId))
            return new PolicyTestResult(source, errorId!, String(item, "InputError") ?? errorId!, Int(item, "InputErrorLine") ?? 0);
        var findings = new List<PolicyFinding>();
        foreach (var value in Values(item, "Findings"))
        {
            var finding = PSObject.AsPSObject(value);
            findings.Add(finding.BaseObject as PolicyFinding ?? FindingFrom(finding));
        }
        return new PolicyTestResult(source, findings);
    }

    private static PolicyFinding FindingFrom(PSObject item)
    {
        var severityText = String(item, "Severity");
        if (!Enum.TryParse<FindingSeverity>(severityText, ignoreCase: true, out var severity) || !Enum.IsDefined(typeof(FindingSeverity), severity))
            severity = FindingSeverity.Error;
        var finding = new PolicyFinding(
            SourceFrom(item),
            Int(item, "StatementIndex") ?? 0,
            String(item, "Sid"),
            String(item, "Effect") ?? "",
            String(item, "Code") ?? "",
            severity,
            Strings(item, "Actions"),
            Strings(item, "Resources"),
            String(item, "Message") ?? "",
            Int(item, "Line") ?? 0);
        var principals = Strings(item, "AffectedPrincipals").ToList();
        return principals.Count == 0 ? finding : finding.WithAffectedPrincipals(principals);
    }

    private static PolicySource SourceFrom(PSObject item) =>
        new(String(item, "Source") ?? "", Empty(String(item, "PolicyArn")), Empty(String(item, "VersionId")), file: Empty(String(item, "File")), isDefaultVersion: Bool(item, "IsDefaultVersion"));

    private static bool? Bool(PSObject item, string name) => Value(item, name) switch
    {
        bool b => b,
        string text when bool.TryParse(text, out var b) => b,
        _ => null,
    };

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool Has(PSObject item, string name) => item.Properties[name] is not null;

    private static object? Value(PSObject item, string name)
    {
        var value = item.Properties[name]?.Value;
        return value is PSObject ps ? ps.BaseObject : value;
    }

    private static string? String(PSObject item, string name) => Value(item, name)?.ToString();

    private static int? Int(PSObject item, string name)
    {
        var value = Value(item, name);
        if (value is null) return null;
        if (value is int i) return i;
        return int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static IEnumerable<object> Values(PSObject item, string name) =>
        Value(item, name) is IEnumerable list and not string ? list.Cast<object>().Where(v => v is not null) : Enumerable.Empty<object>();

    // A list, or the ", "-joined text that Export-Csv writes for one.
    private static IEnumerable<string> Strings(PSObject item, string name)
    {
        var value = Value(item, name);
        if (value is null) return Enumerable.Empty<string>();
        if (value is string text) return text.Length == 0 ? Enumerable.Empty<string>() : text.Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries);
        return Values(item, name).Select(v => (v is PSObject ps ? ps.BaseObject : v).ToString() ?? "");
    }
}
