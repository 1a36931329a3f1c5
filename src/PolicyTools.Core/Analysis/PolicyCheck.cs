using System.Collections.Generic;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>The whole check of one input: decode, parse, analyse. Bad input throws <see cref="PolicyParseException"/>.</summary>
public static class PolicyCheck
{
    public static IReadOnlyList<PolicyFinding> Run(PolicyAnalyzer analyzer, PolicyInput input) => Run(analyzer, input, ServiceScope.All);

    /// <summary>The check of the services of <paramref name="scope"/> only.</summary>
    public static IReadOnlyList<PolicyFinding> Run(PolicyAnalyzer analyzer, PolicyInput input, ServiceScope scope)
    {
        var document = PolicyParser.Parse(input.Text);
        return analyzer.Analyze(document, input.Source, scope);
    }

    /// <summary>True when no finding is an Error.</summary>
    public static bool Passes(IReadOnlyList<PolicyFinding> findings)
    {
        foreach (var finding in findings) if (finding.Severity == FindingSeverity.Error) return false;
        return true;
    }
}
