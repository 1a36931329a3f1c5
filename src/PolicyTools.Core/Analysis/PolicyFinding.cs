using System;
using System.Collections.Generic;

namespace PolicyTools.Analysis;

/// <summary>
/// One problem in one statement. The property names are a contract that reports, CSV exports
/// and other tools read; add, never rename.
/// </summary>
public sealed class PolicyFinding
{
    public PolicyFinding(
        PolicySource source,
        int statementIndex,
        string? sid,
        string effect,
        string code,
        FindingSeverity severity,
        IEnumerable<string> actions,
        IEnumerable<string> resources,
        string message,
        int line)
        : this(source, statementIndex, sid, effect, code, severity, new ValueList(actions), new ValueList(resources), message, line)
    {
    }

    internal PolicyFinding(
        PolicySource source,
        int statementIndex,
        string? sid,
        string effect,
        string code,
        FindingSeverity severity,
        ValueList actions,
        ValueList resources,
        string message,
        int line,
        ValueList? details = null)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        Source = source.Name;
        PolicyArn = source.PolicyArn;
        VersionId = source.VersionId;
        StatementIndex = statementIndex;
        Sid = sid;
        Effect = effect;
        Code = code;
        Severity = severity;
        Actions = actions;
        Resources = resources;
        Message = message;
        Line = line > 0 ? line : null;
        Details = details ?? s_noDetails;
    }

    private static readonly ValueList s_noDetails = ValueList.Wrap(Array.Empty<string>());

    /// <summary>File path, policy ARN, or a name such as <c>role/MyRole/MyPolicy</c>.</summary>
    public string Source { get; }

    public string? PolicyArn { get; }

    public string? VersionId { get; }

    /// <summary>0-based position of the statement in the document.</summary>
    public int StatementIndex { get; }

    public string? Sid { get; }

    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    public string Effect { get; }

    /// <summary>The rule that found it, e.g. <c>ResourceLevelPermissionsNotSupported</c>; see <see cref="FindingCodes"/>.</summary>
    public string Code { get; }

    public FindingSeverity Severity { get; }

    /// <summary>Canonical action names (<c>ec2:DescribeVolumes</c>), or the patterns as written for <c>UnknownAction</c>.</summary>
    public ValueList Actions { get; }

    /// <summary>The statement's resources the finding is about.</summary>
    public ValueList Resources { get; }

    /// <summary>One sentence a person understands.</summary>
    public string Message { get; }

    /// <summary>1-based line where the statement starts, for files and strings.</summary>
    public int? Line { get; }

    /// <summary>
    /// What the short <see cref="Message"/> sums up, one line per item, where it sums up many
    /// (e.g. each action's missing resource types); empty otherwise.
    /// </summary>
    public ValueList Details { get; }

    public override string ToString() => $"{Severity} {Code} in statement {StatementIndex} of {Source}: {Message}";
}

public enum FindingSeverity
{
    Information,
    Warning,
    Error,
}
