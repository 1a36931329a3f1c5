using System.Collections.Generic;
using PolicyTools.Analysis;

namespace PolicyTools.Repair;

/// <summary>
/// The repair of one finding code, in <c>Repair/&lt;Code&gt;Repair.cs</c>; registered in
/// <see cref="FindingRepairs"/>. It plans edits and says why where it cannot; it never widens.
/// </summary>
internal interface IFindingRepair
{
    /// <summary>The code of the findings it repairs.</summary>
    string Code { get; }

    /// <summary>
    /// Plans the repair of the code's Error findings about one statement (<paramref name="view"/>),
    /// from the context the rules saw.
    /// </summary>
    void Plan(AnalysisContext context, StatementView view, IReadOnlyList<AnalyzedFinding> findings, RepairPlan plan, RepairOptions options);
}
