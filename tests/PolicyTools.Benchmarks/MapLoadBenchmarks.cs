using System.IO;
using BenchmarkDotNet.Attributes;
using PolicyTools.Capabilities;

namespace PolicyTools.Benchmarks;

/// <summary>
/// Reading the embedded capability map (5,000 lines of YAML) once the code is warm. The cold cost
/// in a new process (JIT included) is what Measure-Pipeline.ps1 times as import plus first result.
/// </summary>
[MemoryDiagnoser]
public class MapLoadBenchmarks
{
    private string _yaml = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = PolicyTools.Data.CapabilityMapResources.Assembly.GetManifestResourceStream("PolicyTools.Data.CapabilityMap.ec2.yaml")!;
        using var reader = new StreamReader(stream);
        _yaml = reader.ReadToEnd();
    }

    [Benchmark]
    public int LoadEmbeddedMap() => CapabilityMap.Load(new StringReader(_yaml), "(bench)").Services[0].Actions.Count;
}
