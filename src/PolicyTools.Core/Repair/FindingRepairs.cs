using System;

namespace PolicyTools.Repair;

/// <summary>
/// Every repair, keyed by the finding code it repairs, in the order they plan (for one service,
/// every statement's first repair before any statement's second). A code without a repair here is
/// listed in Unrepaired with its rule's reason (<see cref="Analysis.FindingRule.NotRepaired"/>).
/// </summary>
internal static class FindingRepairs
{
    public static readonly FindingRepair[] All =
    {
        new ResourceLevelPermissionsNotSupportedRepair(),
        new RequiredResourceTypeMissingRepair(),
    };

    /// <summary>The position of the code's repair in <see cref="All"/>; -1 for a code that is not repaired.</summary>
    public static int IndexOf(string code)
    {
        for (var i = 0; i < All.Length; i++) if (string.Equals(All[i].Code, code, StringComparison.Ordinal)) return i;
        return -1;
    }

    public static bool Repairs(string code) => IndexOf(code) >= 0;
}
