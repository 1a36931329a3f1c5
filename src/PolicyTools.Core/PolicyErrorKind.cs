namespace PolicyTools;

/// <summary>
/// Broad kind of an error, said without PowerShell types: the cmdlets map each to an error
/// category in one place (ErrorCategories).
/// </summary>
public enum PolicyErrorKind
{
    /// <summary>Not JSON, or JSON of the wrong shape; a map or reference file that is not valid.</summary>
    InvalidData,

    /// <summary>Bytes that are not text in a known encoding.</summary>
    InvalidEncoding,

    /// <summary>An object the module does not know how to read a policy from.</summary>
    InvalidType,

    /// <summary>Larger or deeper than the module accepts.</summary>
    LimitExceeded,

    /// <summary>A path or argument that cannot name what it should.</summary>
    InvalidArgument,

    /// <summary>A file that does not exist.</summary>
    ObjectNotFound,

    /// <summary>A file that exists but cannot be read.</summary>
    ReadError,

    /// <summary>A file the caller may not read.</summary>
    PermissionDenied,
}
