using System;

namespace PolicyTools.Policies;

/// <summary>A policy document that cannot be analysed; the message says what is wrong and where.</summary>
public sealed class PolicyParseException : PolicyToolsException
{
    public PolicyParseException(string errorId, PolicyErrorKind kind, string message, long line = 0, Exception? inner = null)
        : base(errorId, kind, line > 0 ? $"{message} (line {line})" : message, line, inner)
    {
    }
}
