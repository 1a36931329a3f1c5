namespace PolicyTools.Analysis;

/// <summary>
/// One finding code: what it means (<see cref="Finding"/>) and its logic. Rules only read the
/// context and add findings. Registered in <see cref="Rules.PolicyRules"/>.
/// </summary>
internal interface IPolicyRule
{
    FindingRule Finding { get; }

    void Check(AnalysisContext context);
}
