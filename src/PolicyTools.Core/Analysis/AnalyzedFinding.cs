using System.Collections.Generic;
using PolicyTools.Capabilities;

namespace PolicyTools.Analysis;

/// <summary>
/// A finding as the rule made it, for the repair: the statement as the rules saw it and the
/// finding's actions as the map's capabilities (empty where the finding names patterns or
/// actions the rule did not type), so nothing has to be looked up again by name.
/// </summary>
internal sealed class AnalyzedFinding
{
    public AnalyzedFinding(PolicyFinding finding, StatementView view, IReadOnlyList<ActionCapability> actions)
    {
        Finding = finding;
        View = view;
        Actions = actions;
    }

    public PolicyFinding Finding { get; }

    public StatementView View { get; }

    public IReadOnlyList<ActionCapability> Actions { get; }
}
