using System.Collections.Generic;
using System;
using PolicyTools.Analysis;
using PolicyTools.Inputs;

namespace PolicyTools.Reports;

/// <summary>
/// Collects what a report is made of: per-document results (<see cref="PolicyTestResult"/>) and
/// loose findings, which are grouped into documents by Source, PolicyArn and VersionId. Documents
/// keep the order in which they first arrived; a finding that is already part of a result is not
/// counted twice.
/// </summary>
internal sealed class PolicyReportBuilder
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<Entry> _order = new();

    public int DocumentCount => _order.Count;

    public int FindingCount { get; private set; }

    public void Add(PolicyFinding finding)
    {
        if (finding is null) throw new ArgumentNullException(nameof(finding));
        var entry = Get(new PolicySource(finding.Source, finding.PolicyArn, finding.VersionId, file: finding.File, isDefaultVersion: finding.IsDefaultVersion));
        if (entry.Seen.Add(finding))
        {
            entry.Findings.Add(finding);
            FindingCount++;
        }
    }

    public void Add(PolicyTestResult result)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        var entry = Get(new PolicySource(result.Source, result.PolicyArn, result.VersionId, file: result.File, isDefaultVersion: result.IsDefaultVersion));
        if (result.Status == PolicyTestStatus.Unreadable && entry.Unreadable is null) entry.Unreadable = result;
        foreach (var finding in result.Findings)
        {
            if (entry.Seen.Add(finding))
            {
                entry.Findings.Add(finding);
                FindingCount++;
            }
        }
    }

    /// <summary>One result per document, in arrival order.</summary>
    public IReadOnlyList<PolicyTestResult> Build()
    {
        var results = new List<PolicyTestResult>(_order.Count);
        foreach (var entry in _order)
        {
            results.Add(entry.Unreadable is { } u && entry.Findings.Count == 0
                ? u
                : new PolicyTestResult(entry.Source, entry.Findings));
        }
        return results;
    }

    private Entry Get(PolicySource source)
    {
        var key = source.Name + "\n" + source.PolicyArn + "\n" + source.VersionId + "\n" + source.File;
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry(source);
            _entries.Add(key, entry);
            _order.Add(entry);
        }
        return entry;
    }

    private sealed class Entry
    {
        public Entry(PolicySource source) => Source = source;

        public PolicySource Source { get; }

        public List<PolicyFinding> Findings { get; } = new();

        public HashSet<PolicyFinding> Seen { get; } = new(ReferenceComparer.Instance);

        public PolicyTestResult? Unreadable { get; set; }
    }

    private sealed class ReferenceComparer : IEqualityComparer<PolicyFinding>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(PolicyFinding? x, PolicyFinding? y) => ReferenceEquals(x, y);

        public int GetHashCode(PolicyFinding obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
