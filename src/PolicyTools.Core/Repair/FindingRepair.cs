using System.Collections.Generic;
using PolicyTools.Analysis;

namespace PolicyTools.Repair;

/// <summary>
/// The repair of one finding code, in <c>Repair/&lt;Code&gt;Repair.cs</c>; registered in
/// <see cref="FindingRepairs"/>. It plans edits and says why where it cannot; it never widens.
/// </summary>
internal abstract class FindingRepair
{
    private protected FindingRepair(string code, string sidSuffix)
    {
        Code = code;
        SidSuffix = sidSuffix;
    }

    /// <summary>The code of the findings it repairs.</summary>
    public string Code { get; }

    /// <summary>Ends the Sid of a statement it adds (<c>ReadVolumesAnyResource</c>).</summary>
    public string SidSuffix { get; }

    /// <summary>
    /// Plans the repair of the code's Error findings about one statement (<paramref name="view"/>),
    /// from the context the rules saw.
    /// </summary>
    public abstract void Plan(AnalysisContext context, StatementView view, IReadOnlyList<AnalyzedFinding> findings, RepairPlan plan, RepairOptions options);
}
