using System.Management.Automation;

namespace PolicyTools.Commands;

/// <summary>The one place where the core's error kinds become PowerShell error categories.</summary>
internal static class ErrorCategories
{
    public static ErrorCategory Of(PolicyErrorKind kind) => kind switch
    {
        PolicyErrorKind.InvalidType => ErrorCategory.InvalidType,
        PolicyErrorKind.LimitExceeded => ErrorCategory.LimitsExceeded,
        PolicyErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        PolicyErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        PolicyErrorKind.ReadError => ErrorCategory.ReadError,
        PolicyErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        _ => ErrorCategory.InvalidData,
    };

    /// <summary>The error record of <paramref name="exception"/>, with its own id and category.</summary>
    public static ErrorRecord Record(PolicyToolsException exception, object? target) =>
        new(exception, exception.ErrorId, Of(exception.Kind), target);
}
