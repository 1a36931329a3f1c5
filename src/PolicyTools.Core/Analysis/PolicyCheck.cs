using System.Collections.Generic;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>The whole check of one input: decode, parse, analyse. Bad input throws <see cref="PolicyParseException"/>.</summary>
internal static class PolicyCheck
{
    public static IReadOnlyList<PolicyFinding> Run(PolicyAnalyzer analyzer, PolicyInput input) => Run(analyzer, input, ServiceScope.All);

    /// <summary>The check of the services of <paramref name="scope"/> only.</summary>
    public static IReadOnlyList<PolicyFinding> Run(PolicyAnalyzer analyzer, PolicyInput input, ServiceScope scope)
    {
        var document = PolicyParser.Parse(input);
        return PlaceLines(input, analyzer.Analyze(document, input.Source, scope));
    }

    /// <summary>The findings with lines counted in the input's file, for a document inside a larger file (an AWS CLI output file).</summary>
    internal static IReadOnlyList<PolicyFinding> PlaceLines(PolicyInput input, IReadOnlyList<PolicyFinding> findings)
    {
        if (input.Line <= 0) return findings;
        var placed = new PolicyFinding[findings.Count];
        for (var i = 0; i < placed.Length; i++)
        {
            var f = findings[i];
            placed[i] = f.Place(input.InputLine(f.Line ?? 0), f.Severity, f.Message, f.AffectedPrincipals);
        }
        return placed;
    }

    /// <summary>True when no finding is an Error.</summary>
    public static bool Passes(IReadOnlyList<PolicyFinding> findings)
    {
        foreach (var finding in findings) if (finding.Severity == FindingSeverity.Error) return false;
        return true;
    }
}
