using System.Collections.Generic;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;

namespace PolicyTools.Commands;

/// <summary>The -Verbose summary of a check: documents, findings by severity, and the map's date, so that a clean run says so.</summary>
internal sealed class CheckSummary
{
    private int _documents;
    private int _unreadable;
    private int _errors;
    private int _warnings;
    private int _information;

    public void Count(IReadOnlyList<PolicyFinding> findings)
    {
        _documents++;
        foreach (var finding in findings)
        {
            switch (finding.Severity)
            {
                case FindingSeverity.Error: _errors++; break;
                case FindingSeverity.Warning: _warnings++; break;
                default: _information++; break;
            }
        }
    }

    public void CountUnreadable() => _unreadable++;

    public string Describe(CapabilityMap map) =>
        $"Checked {_documents} {(_documents == 1 ? "document" : "documents")}{(_unreadable > 0 ? $" ({_unreadable} more could not be read)" : "")}: " +
        $"{_errors} errors, {_warnings} warnings, {_information} information; capability map dated {map.Date} ({map.Path}).";
}
