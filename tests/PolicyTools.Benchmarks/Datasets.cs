using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Testing;

namespace PolicyTools.Benchmarks;

/// <summary>The documents the engine benchmarks run over; the same for every benchmark of a run.</summary>
internal static class Datasets
{
    public const string Corpus = "corpus";
    public const string Typical = "typical";
    public const string Large = "large";

    /// <summary>How many typical generated documents: enough to wash out per-call noise, few enough to stay in cache like a real stream does not.</summary>
    public const int TypicalCount = 2000;

    public static IReadOnlyList<PolicyInput> Load(string name)
    {
        switch (name)
        {
            case Corpus:
                return PolicyCorpus.Real().Select(p => new PolicyInput(new PolicySource(p.Key), p.Value)).ToArray();
            case Typical:
                return PolicyGenerator.Typical(TypicalCount, seed: 7).Select((t, i) => new PolicyInput(new PolicySource("typical-" + i), t)).ToArray();
            case Large:
                // A handful of ~1 MB documents (thousands of statements each): the "very large documents" case.
                var generator = new PolicyGenerator(seed: 11);
                return Enumerable.Range(0, 4).Select(i => new PolicyInput(new PolicySource("large-" + i), generator.OfSize(1_000_000))).ToArray();
            default:
                throw new ArgumentException("Unknown dataset " + name);
        }
    }

    /// <summary>Parses every input once; documents that do not parse are left out (the corpus has none).</summary>
    public static (PolicyDocument Document, PolicySource Source)[] Parse(IReadOnlyList<PolicyInput> inputs)
    {
        var parsed = new List<(PolicyDocument, PolicySource)>(inputs.Count);
        foreach (var input in inputs)
        {
            try
            {
                parsed.Add((PolicyParser.Parse(input.Text), input.Source));
            }
            catch (PolicyParseException)
            {
            }
        }
        return parsed.ToArray();
    }
}
