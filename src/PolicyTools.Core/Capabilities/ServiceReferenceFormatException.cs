using System;

namespace PolicyTools.Capabilities;

/// <summary>A file that is not AWS's service reference format (or the iam-data package) as the converters read it.</summary>
public sealed class ServiceReferenceFormatException : PolicyToolsException
{
    public ServiceReferenceFormatException(string path, long line, string reason, Exception? inner = null)
        : base(ErrorIds.ServiceReferenceInvalid, PolicyErrorKind.InvalidData,
            line > 0 ? $"'{path}' is not a usable service reference file (line {line}): {reason}" : $"'{path}' is not a usable service reference file: {reason}", line, inner)
    {
        SourcePath = path;
    }

    public string SourcePath { get; }
}
