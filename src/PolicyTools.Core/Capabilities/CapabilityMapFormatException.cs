using System;

namespace PolicyTools.Capabilities;

/// <summary>A capability map that cannot be used; never leaves a half-loaded map behind.</summary>
public sealed class CapabilityMapFormatException : Exception
{
    public CapabilityMapFormatException(string path, long line, string reason, Exception? inner = null)
        : base(line > 0 ? $"The capability map '{path}' is not valid at line {line}: {reason}" : $"The capability map '{path}' cannot be read: {reason}", inner)
    {
        MapPath = path;
        Line = line;
        Reason = reason;
    }

    public string MapPath { get; }

    /// <summary>1-based line; 0 when the file could not be read at all.</summary>
    public long Line { get; }

    public string Reason { get; }
}
