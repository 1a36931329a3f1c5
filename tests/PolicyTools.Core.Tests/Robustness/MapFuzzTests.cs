using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using PolicyTools.Capabilities;
using PolicyTools.Tests.Capabilities;

namespace PolicyTools.Tests.Robustness;

/// <summary>
/// Mutated capability-map text, as a user's -MapPath file might be: YAML-significant characters
/// inserted, replaced or deleted, indentation changed, line breaks of other kinds. Reading it gives
/// a map or a <see cref="CapabilityMapFormatException"/>, nothing else; and where the fast reading
/// of the writer's own YAML takes the text, it gives exactly YamlDotNet's events. 5,000 cases here;
/// <c>build.ps1 -Task Fuzz</c> runs POLICYTOOLS_FUZZ_CASES (POLICYTOOLS_FUZZ_SEED replays a seed).
/// </summary>
public sealed class MapFuzzTests
{
    private static readonly Lazy<string[]> s_seeds = new(() =>
    {
        var embeddedHead = string.Join("\n", CapabilityTestData.EmbeddedYaml().Split('\n').Take(60)) + "\n";
        return new[]
        {
            CapabilityMapYamlWriter.ToYaml(WriterYamlSubsetParserTests.SmallMap("source \"quoted\" \\ # x", "Amazon EC2", "ec2:ResourceTag/${TagKey}", "volume/${VolumeId}")),
            embeddedHead,
        };
    });

    private const string Insertable = " \t#:-\"\\[]{},\n\r'&*!|>%@`?.0aZ\u00e9\u2028\u0085\ufeff";

    [Fact]
    public void Mutated_maps_read_as_YamlDotNet_reads_them_and_fail_only_with_a_format_error()
    {
        var cases = long.TryParse(Environment.GetEnvironmentVariable("POLICYTOOLS_FUZZ_CASES"), out var n) ? n : 5_000;
        var seed = Environment.GetEnvironmentVariable("POLICYTOOLS_FUZZ_SEED");
        var seeds = s_seeds.Value;
        var step = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, Insertable.Length - 1], Gen.Int[1, 4]);
        Gen.Select(Gen.Int[0, seeds.Length - 1], step.Array[1, 3]).Sample((which, steps) =>
        {
            var text = new StringBuilder(seeds[which]);
            foreach (var (kind, at, pick, count) in steps)
            {
                var position = at % (text.Length + 1);
                switch (kind)
                {
                    case 0: text.Insert(position, Insertable[pick].ToString()); break;
                    case 1: text.Remove(position, Math.Min(count, text.Length - position)); break;
                    case 2: if (position < text.Length) text[position] = Insertable[pick]; break;
                    default: text.Insert(position, new string(' ', count)); break;
                }
            }
            var yaml = text.ToString();
            WriterYamlSubsetParserTests.AssertSameEventsAsYamlDotNet(yaml, expectSubset: false);
            try
            {
                CapabilityMap.Load(new StringReader(yaml), "fuzz.yaml");
            }
            catch (CapabilityMapFormatException ex) when (ex.Message.Contains("fuzz.yaml"))
            {
            }
        }, iter: cases, seed: string.IsNullOrEmpty(seed) ? null : seed, threads: -1);
    }
}
