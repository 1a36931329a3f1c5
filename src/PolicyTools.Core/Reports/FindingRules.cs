using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Analysis.Rules;

namespace PolicyTools.Reports;

/// <summary>The description of every finding code (<see cref="FindingCodes.All"/>), as its rule gives it.</summary>
internal static class FindingRules
{
    private static readonly FindingRule[] s_all = PolicyRules.All.Select(r => r.Finding).ToArray();

    /// <summary>Every rule, in the order of <see cref="FindingCodes.All"/>.</summary>
    public static IReadOnlyList<FindingRule> All => s_all;

    /// <summary>The rule of a code, or null for a code this version does not know.</summary>
    public static FindingRule? Find(string code) => PolicyRules.Find(code)?.Finding;
}
