using System;

namespace PolicyTools;

/// <summary>
/// Something the module cannot use: a policy, a capability map, a service reference file.
/// <see cref="ErrorId"/> is one of <see cref="ErrorIds"/> and becomes the PowerShell error id;
/// <see cref="Kind"/> becomes its error category (the cmdlets map it in one place); the message
/// says what is wrong and where.
/// </summary>
public abstract class PolicyToolsException : Exception
{
    protected PolicyToolsException(string errorId, PolicyErrorKind kind, string message, long line, Exception? inner)
        : base(message, inner)
    {
        ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
        Kind = kind;
        Line = line;
    }

    public string ErrorId { get; }

    public PolicyErrorKind Kind { get; }

    /// <summary>1-based line of the problem; 0 when unknown.</summary>
    public long Line { get; }
}
