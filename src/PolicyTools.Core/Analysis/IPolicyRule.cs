namespace PolicyTools.Analysis;

/// <summary>One finding code's logic; rules only read the context and add findings.</summary>
internal interface IPolicyRule
{
    void Check(AnalysisContext context);
}
