using System.Collections.Generic;
using System;
using PolicyTools.Inputs;

namespace PolicyTools.Analysis;

/// <summary>
/// One problem in one statement. The property names are a contract that reports, CSV exports
/// and other tools read; add, never rename.
/// </summary>
public sealed class PolicyFinding
{
    internal PolicyFinding(
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
        File = source.File;
        IsDefaultVersion = source.IsDefaultVersion;
        AffectedPrincipals = s_nobody;
        StatementIndex = statementIndex;
        Sid = sid;
        Effect = effect;
        Code = code;
        Severity = severity;
        Actions = actions;
        Resources = resources;
        Message = message;
        Line = line > 0 ? line : null;
        Details = details ?? s_nobody;
    }

    private static readonly ValueList s_nobody = new(Array.Empty<string>());

    /// <summary>A copy placed in its account: the line in the file, the severity and message the principals give it, and the principals it holds for.</summary>
    internal PolicyFinding Place(int? line, FindingSeverity severity, string message, ValueList affectedPrincipals)
    {
        var copy = (PolicyFinding)MemberwiseClone();
        copy.Line = line > 0 ? line : null;
        copy.Severity = severity;
        copy.Message = message;
        copy.AffectedPrincipals = affectedPrincipals;
        return copy;
    }

    /// <summary>A copy that holds for the given principals (findings read back from a report or another runspace).</summary>
    public PolicyFinding WithAffectedPrincipals(IEnumerable<string> principals) =>
        Place(Line, Severity, Message, new ValueList(principals ?? Array.Empty<string>()));

    /// <summary>The policy: a managed policy's ARN, <c>role/MyRole/MyPolicy</c>, or a policy file's path (see <see cref="PolicySource.Name"/>).</summary>
    public string Source { get; }

    public string? PolicyArn { get; }

    public string? VersionId { get; }

    /// <summary>The file the policy was read from (a policy file or an authorization-details file); null for piped objects and text.</summary>
    public string? File { get; }

    /// <summary>Whether the managed policy version is the one in effect; null where the input does not say.</summary>
    public bool? IsDefaultVersion { get; }

    /// <summary>
    /// In authorization details: the ARNs of the users and roles for which the problem holds, with
    /// all their policies evaluated together; empty for single documents and unattached policies.
    /// </summary>
    public ValueList AffectedPrincipals { get; private set; }

    /// <summary>0-based position of the statement in the document.</summary>
    public int StatementIndex { get; }

    public string? Sid { get; }

    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    public string Effect { get; }

    /// <summary>The rule that found it, e.g. <c>ResourceLevelPermissionsNotSupported</c>; see <see cref="FindingCodes"/>.</summary>
    public string Code { get; }

    public FindingSeverity Severity { get; private set; }

    /// <summary>Canonical action names (<c>ec2:DescribeVolumes</c>), or the patterns as written for <c>UnknownAction</c>.</summary>
    public ValueList Actions { get; }

    /// <summary>The statement's resources the finding is about.</summary>
    public ValueList Resources { get; }

    /// <summary>One sentence a person understands.</summary>
    public string Message { get; private set; }

    /// <summary>1-based line where the statement starts, for files and strings; in an authorization-details file, the line in that file.</summary>
    public int? Line { get; private set; }

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
