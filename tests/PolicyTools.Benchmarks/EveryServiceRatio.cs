using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;

namespace PolicyTools.Benchmarks;

/// <summary>
/// The engine's every-service check against its EC2-only check (Test-IamPolicyResourceSupport
/// against Test-Ec2PolicyResourceSupport without the cmdlets), over the real policies with the
/// twelve-service fixture map, the two passes alternating round after round so that the shared
/// machine's load falls on both alike. Medians of the rounds; the target is at most 2x.
/// </summary>
public static class EveryServiceRatio
{
    public const int Rounds = 21;

    public sealed record Result(int Documents, int Services, double Ec2NsPerDocument, double EveryServiceNsPerDocument, double EmbeddedEc2NsPerDocument)
    {
        public double Ratio => EveryServiceNsPerDocument / Ec2NsPerDocument;

        public double RatioToEmbedded => EveryServiceNsPerDocument / EmbeddedEc2NsPerDocument;
    }

    public static Result Measure()
    {
        var inputs = Datasets.Load(Datasets.Corpus);
        var map = CapabilityMap.LoadFile(FixtureMap());
        var analyzer = PolicyAnalyzer.For(map);
        var embedded = PolicyAnalyzer.For(CapabilityMap.Default);
        var ec2 = ServiceScope.Only("ec2");
        int Ec2() => Pass(analyzer, inputs, ec2);
        int Every() => Pass(analyzer, inputs, ServiceScope.All);
        int Embedded() => Pass(embedded, inputs, ec2);
        Ec2();
        Every();
        Embedded();
        var times = new[] { new List<double>(), new List<double>(), new List<double>() };
        var passes = new Func<int>[] { Ec2, Every, Embedded };
        for (var round = 0; round < Rounds; round++)
        {
            // Which pass goes first rotates too, so that a drift in load favours none.
            for (var k = 0; k < passes.Length; k++)
            {
                var p = (round + k) % passes.Length;
                times[p].Add(Time(passes[p]));
            }
        }
        return new Result(inputs.Count, map.Services.Count, Median(times[0]) / inputs.Count, Median(times[1]) / inputs.Count, Median(times[2]) / inputs.Count);
    }

    private static int Pass(PolicyAnalyzer analyzer, IReadOnlyList<PolicyInput> inputs, ServiceScope scope)
    {
        var findings = 0;
        foreach (var input in inputs)
        {
            try { findings += PolicyCheck.Run(analyzer, input, scope).Count; }
            catch (Policies.PolicyParseException) { }
        }
        return findings;
    }

    // tests/fixtures/maps/multi-service.yaml, found from the repository root above the running assembly.
    private static string FixtureMap()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "maps", "multi-service.yaml");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/fixtures/maps/multi-service.yaml was not found above " + AppContext.BaseDirectory);
    }

    private static double Time(Func<int> pass) => AlternatingRatio.Time(pass);

    private static double Median(List<double> values) => AlternatingRatio.Median(values);
}
