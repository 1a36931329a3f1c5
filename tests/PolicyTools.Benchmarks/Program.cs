using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PolicyTools.Benchmarks;

/// <summary>
/// Runs the engine benchmarks with a short job (in-process, 2 warm-ups, 6 measured iterations of
/// ~250 ms) and writes, next to BenchmarkDotNet's own reports, a summary with per-document medians,
/// policies per second and the ratios to Parse measured in the same run.
///
///   dotnet run -c Release --project tests/PolicyTools.Benchmarks -- [--out out/bench] [--filter *Engine*] [--dry]
///   dotnet run -c Release --project tests/PolicyTools.Benchmarks -- --every-service   (that ratio alone)
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var outDir = "out/bench";
        var dry = false;
        var passThrough = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length) outDir = args[++i];
            else if (args[i] == "--dry") dry = true;
            else if (args[i] == "--every-service")
            {
                Console.WriteLine(FormatEveryService(EveryServiceRatio.Measure()));
                return 0;
            }
            else passThrough.Add(args[i]);
        }
        if (!passThrough.Contains("--filter"))
        {
            passThrough.Add("--filter");
            passThrough.Add("*");
        }
        outDir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(outDir);

        var job = (dry ? Job.Dry : Job.Default
                .WithWarmupCount(2)
                .WithIterationCount(6)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)))
            .WithLaunchCount(1)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(dry ? "dry" : "short");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddExporter(JsonExporter.Brief)
            .WithArtifactsPath(Path.Combine(outDir, "bdn"))
            .WithOptions(ConfigOptions.DisableLogFile);

        Warm();
        var summaries = BenchmarkSwitcher
            .FromTypes(new[] { typeof(EngineBenchmarks), typeof(MapLoadBenchmarks), typeof(HostileBenchmarks) })
            .Run(passThrough.ToArray(), config)
            .ToArray();
        if (summaries.Length == 0) return 1;

        var rows = Rows(summaries);
        var alternating = rows.Any(r => r.Benchmark == nameof(EngineBenchmarks)) && !dry
            ? new[] { Datasets.Corpus, Datasets.Typical, Datasets.Large }.Select(AlternatingRatio.Measure).ToList()
            : new List<AlternatingRatio.Result>();
        var text = Format(rows, alternating);
        if (alternating.Count > 0) text += Environment.NewLine + FormatEveryService(EveryServiceRatio.Measure());
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(outDir, "engine-summary.md"), text);
        File.WriteAllText(Path.Combine(outDir, $"engine-{stamp}.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(outDir, "engine-latest.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine(text);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    // In-process runs share one JIT: bring the parser and the rules to their optimised tier before
    // the first measurement, so that whichever benchmark runs first is not charged for tiering.
    private static void Warm()
    {
        var analyzer = PolicyTools.Analysis.PolicyAnalyzer.For(PolicyTools.Capabilities.CapabilityMap.Default.Only("ec2"));
        var inputs = Datasets.Load(Datasets.Corpus).Concat(Datasets.Load(Datasets.Typical).Take(300)).ToArray();
        var until = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < until)
        {
            foreach (var input in inputs)
            {
                PolicyTools.Policies.PolicyParser.Parse(input.Text);
                PolicyTools.Analysis.PolicyCheck.Run(analyzer, input);
            }
        }
    }

    public sealed record Row(string Benchmark, string Method, string Parameter, int Documents, double MedianNs, double MeanNs, double PerDocumentNs, double DocumentsPerSecond, long AllocatedBytes, double? RatioToParse);

    private static List<Row> Rows(IEnumerable<Summary> summaries)
    {
        var counts = new Dictionary<string, int>();
        var rows = new List<Row>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is null) continue;
            var benchmark = report.BenchmarkCase.Descriptor.Type.Name;
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var parameter = string.Join(",", report.BenchmarkCase.Parameters.Items.Select(p => p.Value?.ToString()));
            var documents = 1;
            if (benchmark == nameof(EngineBenchmarks))
            {
                if (!counts.TryGetValue(parameter, out documents)) counts[parameter] = documents = Datasets.Load(parameter).Count;
            }
            var median = report.ResultStatistics.Median;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            rows.Add(new Row(benchmark, method, parameter, documents, median, report.ResultStatistics.Mean, median / documents, 1e9 * documents / median, allocated / documents, null));
        }
        return rows.Select(r =>
        {
            var parse = rows.FirstOrDefault(p => p.Benchmark == r.Benchmark && p.Parameter == r.Parameter && p.Method == "Parse");
            return parse is null || r.Method == "Parse" ? r : r with { RatioToParse = r.MedianNs / parse.MedianNs };
        }).ToList();
    }

    private static string Format(List<Row> rows, List<AlternatingRatio.Result> alternating)
    {
        var text = new StringBuilder();
        text.AppendLine("| benchmark | method | parameter | docs | median per doc | docs/s (1 core) | alloc/doc | x Parse |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Benchmark} | {r.Method} | {r.Parameter} | {r.Documents} | {Time(r.PerDocumentNs)} | {r.DocumentsPerSecond:N0} | {Bytes(r.AllocatedBytes)} | {(r.RatioToParse is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "")} |"));
        }
        if (alternating.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"Parse and Check alternating over the same documents ({AlternatingRatio.Rounds} rounds, medians; the ratios the targets are judged on):");
            text.AppendLine();
            text.AppendLine("| parameter | docs | Parse per doc | Check per doc | docs/s (Check, 1 core) | Check/Parse |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var a in alternating)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {a.Dataset} | {a.Documents} | {Time(a.ParseNsPerDocument)} | {Time(a.CheckNsPerDocument)} | {a.CheckDocumentsPerSecond:N0} | {a.Ratio:0.00} |"));
            }
        }
        var typical = rows.FirstOrDefault(r => r.Benchmark == nameof(EngineBenchmarks) && r.Parameter == Datasets.Typical && r.Method == "Check");
        if (typical is not null)
        {
            text.AppendLine();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Target: >= 50,000 typical policies/s on one core (parse + analyse): {typical.DocumentsPerSecond:N0}/s (BenchmarkDotNet) -> {(typical.DocumentsPerSecond >= 50_000 ? "met" : "NOT met")}"));
            foreach (var check in rows.Where(r => r.Benchmark == nameof(EngineBenchmarks) && r.Method == "Check" && r.RatioToParse is not null))
            {
                var measured = alternating.FirstOrDefault(a => a.Dataset == check.Parameter);
                var ratio = measured?.Ratio ?? check.RatioToParse!.Value;
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"Target: analysis within 3x of parse-only ({check.Parameter}): Check/Parse = {ratio:0.00} {(measured is null ? "(BenchmarkDotNet)" : $"alternating (BenchmarkDotNet, one after the other: {check.RatioToParse:0.00})")} -> {(ratio <= 3 ? "met" : "NOT met")}"));
            }
        }
        return text.ToString();
    }

    private static string FormatEveryService(EveryServiceRatio.Result r) =>
        FormattableString.Invariant($"Every service ({r.Services} services of tests/fixtures/maps/multi-service.yaml) against EC2 only over the {r.Documents} real policies, alternating ({EveryServiceRatio.Rounds} rounds, medians): ")
        + FormattableString.Invariant($"{Time(r.EveryServiceNsPerDocument)} against {Time(r.Ec2NsPerDocument)} per document (EC2 only with the embedded map: {Time(r.EmbeddedEc2NsPerDocument)}), x{r.Ratio:0.00} (x{r.RatioToEmbedded:0.00} to the embedded map)")
        + Environment.NewLine + FormattableString.Invariant($"Target: every-service check at most 2x the EC2-only time: x{r.Ratio:0.00} -> {(r.Ratio <= 2 ? "met" : "NOT met")}") + Environment.NewLine;

    private static string Time(double ns) => ns switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{ns:0.0} ns"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.00} us"),
        < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.00} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:0.00} s"),
    };

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB"),
    };
}
