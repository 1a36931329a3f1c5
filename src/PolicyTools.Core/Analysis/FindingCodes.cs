namespace PolicyTools.Analysis;

/// <summary>
/// Every finding code. Each rule lives in <c>Analysis/Rules/&lt;Code&gt;Rule.cs</c>.
/// </summary>
public static class FindingCodes
{
    /// <summary>An action without resource types is scoped to ARNs: only <c>"Resource": "*"</c> works.</summary>
    public const string ResourceLevelPermissionsNotSupported = nameof(ResourceLevelPermissionsNotSupported);

    /// <summary>None of the statement's resources can be an ARN of a type the action accepts.</summary>
    public const string ResourceTypeMismatch = nameof(ResourceTypeMismatch);

    /// <summary>Across the policy's Allow statements, a required resource type of an action is never allowed.</summary>
    public const string RequiredResourceTypeMissing = nameof(RequiredResourceTypeMissing);

    /// <summary>A malformed ARN, or one that can never match what it seems to name.</summary>
    public const string InvalidArn = nameof(InvalidArn);

    /// <summary>An action or pattern of a known service that matches no action in the capability map.</summary>
    public const string UnknownAction = nameof(UnknownAction);

    /// <summary>A condition key that the action never carries, so the statement never applies to it.</summary>
    public const string ConditionKeyNotSupported = nameof(ConditionKeyNotSupported);

    public static readonly string[] All =
    {
        ResourceLevelPermissionsNotSupported,
        ResourceTypeMismatch,
        RequiredResourceTypeMissing,
        InvalidArn,
        UnknownAction,
        ConditionKeyNotSupported,
    };
}
