using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Matching;
using Xunit;

namespace PolicyTools.Tests.Robustness;

/// <summary>
/// State shared between threads and documents is safe by construction: what is worked out on first
/// use is published once (every thread sees the same object), and analyzers live only as long as
/// their maps.
/// </summary>
public sealed class SharedStateTests
{
    [Fact]
    public void ThreadsRacingForAResourceMatchsLazyPartsAllGetTheSameObjects()
    {
        // Each round asks a new match and a template of another type: every part is computed first here.
        var service = FreshEc2();
        for (var round = 0; round < 20; round++)
        {
            var match = ResourceMatch.Compute(service, "arn:aws:ec2:*:123456789012:" + (round % 2 == 0 ? "volume/*" : "instance/i-1"), variablesAllowed: true);
            var template = service.ResourceTypes[round].Templates[0];
            var seen = new object[8][];
            using var start = new Barrier(seen.Length);
            var threads = Enumerable.Range(0, seen.Length).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                seen[i] = new object[] { match.Covers, match.InvalidArnVerdict, template.Automaton };
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            for (var part = 0; part < 3; part++) Assert.All(seen, s => Assert.Same(seen[0][part], s[part]));
        }
    }

    [Fact]
    public void AMapKeepsItsAnalyzerAndTheAnalyzerGoesWithTheMap()
    {
        var map = CapabilityMap.LoadFile(TestFiles.Fixture("maps/minimal.yaml"));
        Assert.Same(PolicyAnalyzer.For(map), PolicyAnalyzer.For(map));
        Assert.NotSame(PolicyAnalyzer.For(map), PolicyAnalyzer.For(CapabilityMap.Default));

        var analyzer = AnalyzerOfAMapNobodyKeeps();
        for (var i = 0; i < 10 && analyzer.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(analyzer.IsAlive, "PolicyAnalyzer.For kept the analyzer of a map nobody references.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AnalyzerOfAMapNobodyKeeps()
    {
        var map = CapabilityMap.LoadFile(TestFiles.Fixture("maps/minimal.yaml"));
        return new WeakReference(PolicyAnalyzer.For(map));
    }

    // A service nothing else has asked anything yet.
    private static ServiceCapabilities FreshEc2()
    {
        using var reader = new System.IO.StreamReader(PolicyTools.Data.CapabilityMapResources.Assembly.GetManifestResourceStream("PolicyTools.Data.CapabilityMap.ec2.yaml")!);
        return CapabilityMap.Load(reader, "(test)").GetService("ec2")!;
    }
}
