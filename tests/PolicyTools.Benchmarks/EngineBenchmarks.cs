using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Repair;

namespace PolicyTools.Benchmarks;

/// <summary>
/// The core on whole datasets, one thread. Each benchmark processes every document of the dataset
/// once per invocation; the summary divides by the document count to give time per document and
/// policies per second, and compares Analyse and Check with Parse on the same documents.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private IReadOnlyList<PolicyInput> _inputs = null!;
    private (PolicyDocument Document, PolicySource Source)[] _parsed = null!;
    private PolicyAnalyzer _analyzer = null!;
    private PolicyRepairer _repairer = null!;

    [Params(Datasets.Corpus, Datasets.Typical, Datasets.Large)]
    public string Dataset { get; set; } = Datasets.Corpus;

    [GlobalSetup]
    public void Setup()
    {
        _inputs = Datasets.Load(Dataset);
        _parsed = Datasets.Parse(_inputs);
        _analyzer = PolicyAnalyzer.For(CapabilityMap.Default.Only("ec2"));
        _repairer = new PolicyRepairer(_analyzer);
        foreach (var (document, source) in _parsed) _analyzer.Analyze(document, source);
    }

    /// <summary>Decode and parse only: the floor the analysis is compared with.</summary>
    [Benchmark(Baseline = true)]
    public int Parse()
    {
        var statements = 0;
        foreach (var input in _inputs) statements += PolicyParser.Parse(input.Text).Statements.Count;
        return statements;
    }

    /// <summary>The rules over already parsed documents.</summary>
    [Benchmark]
    public int Analyse()
    {
        var findings = 0;
        foreach (var (document, source) in _parsed) findings += _analyzer.Analyze(document, source).Count;
        return findings;
    }

    /// <summary>What the cmdlet does per document: decode, parse, analyse.</summary>
    [Benchmark]
    public int Check()
    {
        var findings = 0;
        foreach (var input in _inputs) findings += PolicyCheck.Run(_analyzer, input).Count;
        return findings;
    }

    /// <summary>Repair-Ec2PolicyResource's core: decode, parse, analyse, plan, write, and re-analyse what changed.</summary>
    [Benchmark]
    public int Repair()
    {
        var changed = 0;
        foreach (var input in _inputs) if (_repairer.Repair(input).Changed) changed++;
        return changed;
    }
}
