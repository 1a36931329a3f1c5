using System;
using System.Collections.Generic;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// Every rule the analyzer runs, in the order it runs them on each service (within a statement,
/// findings come in this order). The list of finding codes, the SARIF rules and the docs' tables
/// are all this list. A rule lives in <c>Analysis/Rules/&lt;Code&gt;Rule.cs</c>, its repair (if
/// any) in <c>Repair/&lt;Code&gt;Repair.cs</c>.
/// </summary>
internal static class PolicyRules
{
    public static readonly IPolicyRule[] All =
    {
        new UnknownActionRule(),
        new InvalidArnRule(),
        new ResourceLevelPermissionsNotSupportedRule(),
        new ResourceTypeMismatchRule(),
        new RequiredResourceTypeMissingRule(),
        new ConditionKeyNotSupportedRule(),
    };

    private static readonly Dictionary<string, IPolicyRule> s_byCode = ByCode();

    /// <summary>The rule of a code (case-insensitive), or null for a code this version does not know.</summary>
    public static IPolicyRule? Find(string? code) =>
        code is not null && s_byCode.TryGetValue(code, out var rule) ? rule : null;

    private static Dictionary<string, IPolicyRule> ByCode()
    {
        var byCode = new Dictionary<string, IPolicyRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in All) byCode.Add(rule.Finding.Code, rule);
        return byCode;
    }
}
