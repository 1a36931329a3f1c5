using System;

namespace PolicyTools.Policies;

/// <summary>
/// Input that cannot be analysed. <see cref="ErrorId"/> is stable across versions and becomes the
/// PowerShell error id; the message says what is wrong and where.
/// </summary>
public sealed class PolicyParseException : Exception
{
    public PolicyParseException(string errorId, PolicyErrorKind kind, string message, long line = 0, Exception? inner = null)
        : base(line > 0 ? $"{message} (line {line})" : message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Line = line;
    }

    public string ErrorId { get; }

    public PolicyErrorKind Kind { get; }

    /// <summary>1-based line of the problem; 0 when unknown.</summary>
    public long Line { get; }
}

/// <summary>Broad kind of bad input; the cmdlets map it to an error category.</summary>
public enum PolicyErrorKind
{
    /// <summary>Not JSON, or JSON of the wrong shape.</summary>
    InvalidData,

    /// <summary>Bytes that are not text in a known encoding.</summary>
    InvalidEncoding,

    /// <summary>An object the module does not know how to read a policy from.</summary>
    InvalidType,

    /// <summary>Larger or deeper than the module accepts.</summary>
    LimitExceeded,
}

/// <summary>The stable error ids of bad input.</summary>
public static class PolicyErrorIds
{
    public const string InvalidJson = "PolicyJsonInvalid";
    public const string NotAPolicy = "PolicyNotAPolicy";
    public const string StatementMissing = "PolicyStatementMissing";
    public const string StatementEmpty = "PolicyStatementEmpty";
    public const string WrongType = "PolicyElementWrongType";
    public const string ElementMissing = "PolicyElementMissing";
    public const string InvalidElementValue = "PolicyElementInvalid";
    public const string DuplicateKey = "PolicyDuplicateKey";
    public const string TooDeep = "PolicyNestedTooDeeply";
    public const string UrlDecodingFailed = "PolicyUrlDecodingFailed";
    public const string InvalidEncoding = "PolicyEncodingInvalid";
    public const string EmptyInput = "PolicyInputEmpty";
    public const string InputNotSupported = "PolicyInputNotSupported";
    public const string DocumentMissing = "PolicyDocumentMissing";
}
