using System;
using System.Collections.Generic;

namespace PolicyTools.Analysis;

/// <summary>
/// The analysis of one document kept for the repair: the findings, and per service the context
/// the rules saw with their findings typed. Disposing gives the contexts' pooled buffers back.
/// </summary>
internal sealed class DocumentAnalysis : IDisposable
{
    public DocumentAnalysis(IReadOnlyList<PolicyFinding> findings, IReadOnlyList<AnalysisContext> contexts)
    {
        Findings = findings;
        Contexts = contexts;
    }

    /// <summary>Every finding, in statement order, as <see cref="PolicyAnalyzer.Analyze(Policies.PolicyDocument, Inputs.PolicySource, ServiceScope)"/> returns them.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; }

    /// <summary>One per service of the map, in map order.</summary>
    public IReadOnlyList<AnalysisContext> Contexts { get; }

    public void Dispose()
    {
        foreach (var context in Contexts) context.Release();
    }
}
