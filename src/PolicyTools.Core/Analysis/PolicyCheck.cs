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
        var document = Parse(input);
        return PlaceLines(input, analyzer.Analyze(document, input.Source, scope));
    }

    /// <summary>
    /// The input's document: from the file's own UTF-8 bytes when it has them and its text is plain
    /// JSON (what <see cref="PolicyText.Decode"/> leaves as it is), which spares encoding the text
    /// back into a copy of them; else from the text, as <see cref="PolicyParser.Parse(string)"/>.
    /// </summary>
    private static PolicyDocument Parse(PolicyInput input)
    {
        var decoded = PolicyText.Decode(input.Text);
        return input.Utf8 is { } utf8 && ReferenceEquals(decoded, input.Text) ? PolicyParser.ParseUtf8(utf8) : PolicyParser.ParseDecoded(decoded);
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
