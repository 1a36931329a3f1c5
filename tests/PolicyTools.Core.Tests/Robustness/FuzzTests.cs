using System;
using System.Linq;
using System.Text;
using CsCheck;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Testing;
using Xunit;

namespace PolicyTools.Tests.Robustness;

/// <summary>
/// Mutated corpus policies (byte flips, truncations, type swaps, deep nesting, huge strings,
/// random Unicode, other encodings, URL encoding) through everything a file or a string goes
/// through. Only <see cref="PolicyParseException"/> may come out of reading and parsing; analysis
/// never throws. 2,000 cases here; <c>build.ps1 -Task Fuzz</c> runs 100,000
/// (POLICYTOOLS_FUZZ_CASES; POLICYTOOLS_FUZZ_SEED replays a reported seed).
/// </summary>
public sealed class FuzzTests
{
    private static readonly PolicyAnalyzer s_analyzer = PolicyAnalyzer.For(CapabilityMap.Default);
    private static readonly AuthorizationDetailsOptions s_options = new() { AllVersions = true, IncludeAwsManaged = true };

    private static readonly Lazy<byte[][]> s_seeds = new(() =>
        PolicyCorpus.Real().Select(p => Encoding.UTF8.GetBytes(p.Value))
            .Concat(PolicyGenerator.Typical(40, seed: 99).Select(Encoding.UTF8.GetBytes))
            .ToArray());

    /// <summary>One mutation of one seed document, described so that a failure prints how to rebuild it.</summary>
    public sealed record Case(string Description, byte[] Bytes, bool AsText)
    {
        public override string ToString() => Description + $" ({Bytes.Length} bytes{(AsText ? ", as a string" : "")})";
    }

    private static Gen<Case> Cases()
    {
        var seeds = s_seeds.Value;
        var seed = Gen.Int[0, seeds.Length - 1];
        var mutation = Gen.Frequency(
            (6, Gen.Select(seed, Gen.Int, Gen.Int[0, 7], (s, at, bit) => new Case($"FlipBit(seed {s}, {at}, {bit})", PolicyMutations.FlipBit(seeds[s], at, bit), false))),
            (3, Gen.Select(seed, Gen.Int, Gen.Byte, (s, at, value) => new Case($"SetByte(seed {s}, {at}, {value})", PolicyMutations.SetByte(seeds[s], at, value), false))),
            (4, Gen.Select(seed, Gen.Int, (s, length) => new Case($"Truncate(seed {s}, {length})", PolicyMutations.Truncate(seeds[s], length), false))),
            (3, Gen.Select(seed, Gen.Int, Gen.Int, (s, at, count) => new Case($"Delete(seed {s}, {at}, {count})", PolicyMutations.Delete(seeds[s], at, count), false))),
            (3, Gen.Select(seed, Gen.Int, Gen.Int, Gen.Int, (s, from, length, to) => new Case($"Duplicate(seed {s}, {from}, {length}, {to})", PolicyMutations.Duplicate(seeds[s], from, length, to), false))),
            (6, Gen.Select(seed, Gen.Int, Gen.Int, Gen.Bool, (s, at, value, text) => new Case($"SwapType(seed {s}, {at}, {value})", Utf8(PolicyMutations.SwapType(Text(seeds[s]), at, value)), text))),
            (2, Gen.Select(seed, Gen.Int, Gen.Int[1, 200_000], Gen.OneOf("a", "*", "?", "*?", "${aws:username}", ":", "\\u00e9", "ec2:*", "arn:aws:ec2:*:*:"), (s, at, length, unit) =>
                new Case($"HugeString(seed {s}, {at}, {length}, \"{unit}\")", Utf8(PolicyMutations.HugeString(Text(seeds[s]), at, length, unit)), false))),
            (2, Gen.Select(seed, Gen.Int, Gen.Int[1, 5_000], Gen.Bool, (s, at, depth, objects) =>
                new Case($"DeepNest(seed {s}, {at}, {depth}, {objects})", Utf8(PolicyMutations.DeepNest(Text(seeds[s]), at, depth, objects)), false))),
            (4, Gen.Select(seed, Gen.Int, Gen.Int.Array[1, 8], Gen.Bool, (s, at, codePoints, raw) =>
                new Case($"InsertUnicode(seed {s}, {at}, [{string.Join(",", codePoints)}], {raw})", PolicyMutations.InsertUnicode(seeds[s], at, codePoints, raw), false))),
            (2, Gen.Select(seed, Gen.Int[0, 6], (s, kind) => new Case($"Reencode(seed {s}, {kind})", PolicyMutations.Reencode(Text(seeds[s]), kind), false))),
            (2, Gen.Select(seed, Gen.Int, Gen.Int, (s, at, value) =>
                new Case($"UrlEncode(SwapType(seed {s}, {at}, {value}))", Utf8(PolicyMutations.UrlEncode(PolicyMutations.SwapType(Text(seeds[s]), at, value))), true))));
        // Now and then a second mutation on top of the first.
        return Gen.Select(mutation, Gen.Int[0, 3], Gen.Int, Gen.Int[0, 7], (c, again, at, bit) =>
            again == 0 ? c with { Description = $"FlipBit({c.Description}, {at}, {bit})", Bytes = PolicyMutations.FlipBit(c.Bytes, at, bit) } : c);
    }

    /// <summary>Reading, parsing and analysing one case; anything but a PolicyParseException fails the case.</summary>
    internal static void Run(Case c)
    {
        try
        {
            if (c.AsText)
            {
                PolicyCheck.Run(s_analyzer, new PolicyInput(new PolicySource("fuzz"), Encoding.UTF8.GetString(c.Bytes)));
                return;
            }
            foreach (var input in PolicyFiles.Read("fuzz.json", c.Bytes, s_options))
            {
                PolicyDocument document;
                try
                {
                    document = PolicyParser.Parse(input.Text);
                }
                catch (PolicyParseException)
                {
                    continue;
                }
                // Analysis of a parsed document must never throw, not even a PolicyParseException.
                s_analyzer.Analyze(document, input.Source);
            }
        }
        catch (PolicyParseException ex) when (!string.IsNullOrEmpty(ex.ErrorId) && ex.Message.Length > 0)
        {
        }
    }

    [Fact]
    public void MutatedPoliciesNeverThrowAnythingElse()
    {
        var cases = long.TryParse(Environment.GetEnvironmentVariable("POLICYTOOLS_FUZZ_CASES"), out var n) ? n : 2_000;
        var seed = Environment.GetEnvironmentVariable("POLICYTOOLS_FUZZ_SEED");
        Cases().Sample(Run, iter: cases, seed: string.IsNullOrEmpty(seed) ? null : seed, threads: -1, writeLine: Console.WriteLine);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
