using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Benchmarks;

/// <summary>
/// Check against Parse with the two passes alternating over the same documents, round after round,
/// each pass from a collected heap. BenchmarkDotNet measures the benchmarks one after another, so
/// on a shared machine a burst of load that falls on one of them moves their ratio by half or more;
/// alternating puts the machine's load on both alike. Medians of the rounds.
/// </summary>
public static class AlternatingRatio
{
    public const int Rounds = 15;

    public sealed record Result(string Dataset, int Documents, double ParseNsPerDocument, double CheckNsPerDocument)
    {
        public double Ratio => CheckNsPerDocument / ParseNsPerDocument;

        public double CheckDocumentsPerSecond => 1e9 / CheckNsPerDocument;
    }

    public static Result Measure(string dataset)
    {
        var inputs = Datasets.Load(dataset);
        var analyzer = PolicyAnalyzer.For(CapabilityMap.Default.Only("ec2"));
        var parse = new List<double>(Rounds);
        var check = new List<double>(Rounds);
        ParsePass(inputs);
        CheckPass(analyzer, inputs);
        for (var round = 0; round < Rounds; round++)
        {
            // Which pass goes first alternates too, so that a drift in load does not favour one.
            if (round % 2 == 0)
            {
                parse.Add(Time(() => ParsePass(inputs)));
                check.Add(Time(() => CheckPass(analyzer, inputs)));
            }
            else
            {
                check.Add(Time(() => CheckPass(analyzer, inputs)));
                parse.Add(Time(() => ParsePass(inputs)));
            }
        }
        return new Result(dataset, inputs.Count, Median(parse) / inputs.Count, Median(check) / inputs.Count);
    }

    private static int ParsePass(IReadOnlyList<PolicyInput> inputs)
    {
        var statements = 0;
        foreach (var input in inputs) statements += PolicyParser.Parse(input.Text).Statements.Count;
        return statements;
    }

    private static int CheckPass(PolicyAnalyzer analyzer, IReadOnlyList<PolicyInput> inputs)
    {
        var findings = 0;
        foreach (var input in inputs) findings += PolicyCheck.Run(analyzer, input).Count;
        return findings;
    }

    // Nanoseconds of one pass; repeated until it lasts 100 ms so that short passes are not timer noise.
    internal static double Time(Func<int> pass)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var passes = 0;
        do
        {
            pass();
            passes++;
        }
        while (watch.Elapsed.TotalMilliseconds < 100);
        return watch.Elapsed.TotalMilliseconds * 1e6 / passes;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
