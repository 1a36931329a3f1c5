using System;
using System.IO;

namespace PolicyTools.Capabilities;

/// <summary>A capability map that cannot be used; never leaves a half-loaded map behind.</summary>
public sealed class CapabilityMapFormatException : PolicyToolsException
{
    /// <summary>
    /// A map that cannot be read (<paramref name="inner"/> an I/O, access or path error:
    /// <see cref="ErrorIds.CapabilityMapUnreadable"/>) or is not valid
    /// (<see cref="ErrorIds.CapabilityMapInvalid"/>).
    /// </summary>
    public CapabilityMapFormatException(string path, long line, string reason, Exception? inner = null)
        : this(IdOf(inner), KindOf(inner), path, line, reason, inner)
    {
    }

    /// <summary>A map path that names no usable file, with the id and kind the caller knows.</summary>
    public CapabilityMapFormatException(string errorId, PolicyErrorKind kind, string path, long line, string reason, Exception? inner = null)
        : base(errorId, kind, line > 0 ? $"The capability map '{path}' is not valid at line {line}: {reason}" : $"The capability map '{path}' cannot be read: {reason}", line, inner)
    {
        MapPath = path;
        Reason = reason;
    }

    public string MapPath { get; }

    public string Reason { get; }

    private static bool Unreadable(Exception? inner) => inner is UnauthorizedAccessException or IOException or NotSupportedException or ArgumentException;

    private static string IdOf(Exception? inner) => Unreadable(inner) ? ErrorIds.CapabilityMapUnreadable : ErrorIds.CapabilityMapInvalid;

    private static PolicyErrorKind KindOf(Exception? inner) => inner switch
    {
        UnauthorizedAccessException => PolicyErrorKind.PermissionDenied,
        _ when Unreadable(inner) => PolicyErrorKind.ReadError,
        _ => PolicyErrorKind.InvalidData,
    };
}
