using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Testing;
using Xunit;

namespace PolicyTools.Tests.Robustness;

/// <summary>One analyzer, many threads: the same findings as one thread, with the bounded caches cold, churning and cleared underneath.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ManyThreadsGiveTheFindingsOfOne()
    {
        var inputs = PolicyCorpus.Real().Select(p => new PolicyInput(new PolicySource(p.Key), p.Value))
            .Concat(PolicyGenerator.Typical(1500, seed: 21).Select((t, i) => new PolicyInput(new PolicySource("gen" + i), t)))
            .ToArray();
        var expected = inputs.Select(i => Serialize(PolicyCheck.Run(PolicyAnalyzer.For(TestMaps.Ec2), i))).ToArray();

        // A fresh map and analyzer: every cache starts empty, so threads race to fill them.
        var analyzer = new PolicyAnalyzer(FreshMap());
        var actual = new string[16][];
        using var start = new Barrier(actual.Length);
        var tasks = Enumerable.Range(0, actual.Length).Select(t => Task.Factory.StartNew(() =>
        {
            var results = new string[inputs.Length];
            start.SignalAndWait();
            // Each thread walks the inputs from a different place, so that the same entries are first computed concurrently.
            for (var k = 0; k < inputs.Length; k++)
            {
                var i = (k + t * 97) % inputs.Length;
                results[i] = Serialize(PolicyCheck.Run(analyzer, inputs[i]));
            }
            actual[t] = results;
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);

        foreach (var results in actual) Assert.Equal(expected, results);
    }

    [Fact]
    public void CachesStayCorrectWhileTheyFillAndClear()
    {
        // More distinct patterns and ARNs than the caches hold, from several threads: entries are
        // evicted while others read them; every answer must still be the one a lone thread gives.
        var analyzer = new PolicyAnalyzer(FreshMap());
        var reference = new PolicyAnalyzer(FreshMap());
        var documents = Enumerable.Range(0, 6000).Select(i =>
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ec2:Describe" + (char)('A' + i % 26) + "*\",\"ec2:*Volume" + i + "*\"],\"Resource\":[\"arn:aws:ec2:us-east-1:123456789012:volume/vol-" + i + "\",\"arn:aws:ec2:*:*:instance/i-" + (i % 50) + "*\"]}]}").ToArray();
        var expected = documents.Select(d => Serialize(reference.Analyze(PolicyParser.Parse(d), new PolicySource("x")))).ToArray();
        var failures = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            for (var round = 0; round < 3; round++)
            {
                for (var k = 0; k < documents.Length; k++)
                {
                    var i = (k * 7 + t * 1231 + round * 17) % documents.Length;
                    if (Serialize(analyzer.Analyze(PolicyParser.Parse(documents[i]), new PolicySource("x"))) != expected[i]) Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void TheDefaultMapLoadsOnceUnderContention()
    {
        var maps = new CapabilityMap[32];
        Parallel.For(0, maps.Length, i => maps[i] = TestMaps.Ec2);
        Assert.All(maps, m => Assert.Same(maps[0], m));
        Assert.All(Enumerable.Range(0, 8).Select(_ => PolicyAnalyzer.For(TestMaps.Ec2)), a => Assert.Same(PolicyAnalyzer.For(TestMaps.Ec2), a));
    }

    private static CapabilityMap FreshMap()
    {
        using var stream = PolicyTools.Data.CapabilityMapResources.Assembly.GetManifestResourceStream("PolicyTools.Data.CapabilityMap.ec2.yaml")!;
        using var reader = new StreamReader(stream);
        return CapabilityMap.Load(reader, "fresh");
    }

    private static string Serialize(IReadOnlyList<PolicyFinding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Source}|{f.StatementIndex}|{f.Sid}|{f.Effect}|{f.Code}|{f.Severity}|{f.Actions}|{f.Resources}|{f.Line}|{f.Message}"));
}
