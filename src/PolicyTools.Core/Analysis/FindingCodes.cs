using System.Linq;
using PolicyTools.Analysis.Rules;

namespace PolicyTools.Analysis;

/// <summary>
/// Every finding code. Each is defined by its rule, in <c>Analysis/Rules/&lt;Code&gt;Rule.cs</c>,
/// together with its severity, description, help and repair.
/// </summary>
internal static class FindingCodes
{
    /// <summary>An action without resource types is scoped to ARNs: only <c>"Resource": "*"</c> works.</summary>
    public const string ResourceLevelPermissionsNotSupported = ResourceLevelPermissionsNotSupportedRule.Code;

    /// <summary>None of the statement's resources can be an ARN of a type the action accepts.</summary>
    public const string ResourceTypeMismatch = ResourceTypeMismatchRule.Code;

    /// <summary>Across the policy's Allow statements, a required resource type of an action is never allowed.</summary>
    public const string RequiredResourceTypeMissing = RequiredResourceTypeMissingRule.Code;

    /// <summary>A malformed ARN, or one that can never match what it seems to name.</summary>
    public const string InvalidArn = InvalidArnRule.Code;

    /// <summary>An action or pattern of a known service that matches no action in the capability map.</summary>
    public const string UnknownAction = UnknownActionRule.Code;

    /// <summary>A condition key that the action never carries, so the statement never applies to it.</summary>
    public const string ConditionKeyNotSupported = ConditionKeyNotSupportedRule.Code;

    /// <summary>The codes of the registered rules, in the order the analyzer runs them.</summary>
    public static readonly string[] All = PolicyRules.All.Select(r => r.Finding.Code).ToArray();
}
