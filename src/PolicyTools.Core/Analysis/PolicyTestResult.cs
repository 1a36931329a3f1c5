using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System;
using PolicyTools.Inputs;

namespace PolicyTools.Analysis;

/// <summary>
/// The verdict on one policy document: its findings, or why it could not be read. Written by
/// <c>Test-Ec2PolicyResourceSupport -PassThru</c>, so that documents without findings (and
/// documents that are not policies at all) are still there for reports such as JUnit.
/// </summary>
public sealed class PolicyTestResult
{
    private static readonly ReadOnlyCollection<PolicyFinding> s_none = new(Array.Empty<PolicyFinding>());

    // Where the document came from, named as its findings name it.
    private PolicyTestResult(PolicySource source)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        Source = source.Name;
        PolicyArn = source.PolicyArn;
        VersionId = source.VersionId;
        File = source.File;
        IsDefaultVersion = source.IsDefaultVersion;
        Findings = s_none;
    }

    /// <summary>A document that was analysed; <paramref name="findings"/> may be empty.</summary>
    internal PolicyTestResult(PolicySource source, IEnumerable<PolicyFinding> findings)
        : this(source)
    {
        var list = findings?.ToArray() ?? Array.Empty<PolicyFinding>();
        Findings = list.Length == 0 ? s_none : new ReadOnlyCollection<PolicyFinding>(list);
        ErrorCount = list.Count(f => f.Severity == FindingSeverity.Error);
        WarningCount = list.Count(f => f.Severity == FindingSeverity.Warning);
        InformationCount = list.Count(f => f.Severity == FindingSeverity.Information);
        Status = ErrorCount == 0 ? PolicyTestStatus.Passed : PolicyTestStatus.Failed;
    }

    /// <summary>A document that could not be analysed (invalid JSON, not a policy, a missing file, ...).</summary>
    internal PolicyTestResult(PolicySource source, string inputErrorId, string inputError, long inputErrorLine = 0)
        : this(source)
    {
        Status = PolicyTestStatus.Unreadable;
        InputErrorId = inputErrorId ?? throw new ArgumentNullException(nameof(inputErrorId));
        InputError = inputError ?? throw new ArgumentNullException(nameof(inputError));
        InputErrorLine = inputErrorLine > 0 && inputErrorLine <= int.MaxValue ? (int)inputErrorLine : null;
    }

    /// <summary>File path, policy ARN, or a name such as <c>role/MyRole/MyPolicy</c>; the same as on its findings.</summary>
    public string Source { get; }

    public string? PolicyArn { get; }

    public string? VersionId { get; }

    /// <summary>The file the document was read from; null for piped objects and text.</summary>
    public string? File { get; }

    /// <summary>Whether the managed policy version is the one in effect; null where the input does not say.</summary>
    public bool? IsDefaultVersion { get; }

    /// <summary><c>Passed</c> (no Error finding), <c>Failed</c> (at least one) or <c>Unreadable</c>.</summary>
    public PolicyTestStatus Status { get; }

    /// <summary>True when the document was analysed and has no Error finding: what <c>-Quiet</c> returns.</summary>
    public bool Passed => Status == PolicyTestStatus.Passed;

    public int ErrorCount { get; }

    public int WarningCount { get; }

    public int InformationCount { get; }

    /// <summary>Every finding of the document, in the order <c>Test-Ec2PolicyResourceSupport</c> writes them.</summary>
    public ReadOnlyCollection<PolicyFinding> Findings { get; }

    /// <summary>The stable error id (e.g. <c>PolicyJsonInvalid</c>) when the document could not be analysed.</summary>
    public string? InputErrorId { get; }

    /// <summary>What is wrong with the input, when it could not be analysed.</summary>
    public string? InputError { get; }

    /// <summary>1-based line of the input problem, where known.</summary>
    public int? InputErrorLine { get; }

    public override string ToString() => Status switch
    {
        PolicyTestStatus.Unreadable => $"{Source}: unreadable ({InputErrorId})",
        _ => $"{Source}: {Status} ({ErrorCount} errors, {WarningCount} warnings)",
    };
}

public enum PolicyTestStatus
{
    Passed,
    Failed,
    Unreadable,
}
