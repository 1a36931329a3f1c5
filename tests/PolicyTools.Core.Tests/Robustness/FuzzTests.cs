using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CsCheck;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Repair;
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
/// <remarks>
/// One case in four (<see cref="RepairEvery"/>; drawn by the generator, so a seed replays the
/// same subset) is also repaired the way Repair-Ec2PolicyResource does it, with its switches drawn
/// too: a document the parser rejects, the repairer rejects with the same PolicyParseException;
/// one it accepts is repaired without any exception into a document that parses, that a second
/// repair leaves alone (<see cref="RepairInvariants.Idempotent"/>), that is the input itself when
/// nothing changed (<see cref="RepairInvariants.Consistent"/>), and that has no error of a
/// repaired code the result does not list as unrepaired with its reason
/// (<see cref="RepairInvariants.RepairedCodesGoneOrExplained"/>). Repairing every case made the
/// 100,000-case run more than twice as long; one in four adds about a third.
/// </remarks>
public sealed class FuzzTests
{
    private static readonly PolicyAnalyzer s_analyzer = PolicyAnalyzer.For(TestMaps.Ec2);
    private static readonly PolicyRepairer s_repairer = new(s_analyzer);
    private static readonly AuthorizationDetailsOptions s_options = new() { AllVersions = true, IncludeAwsManaged = true };

    private static readonly Lazy<byte[][]> s_seeds = new(() =>
        PolicyCorpus.Real().Select(p => Encoding.UTF8.GetBytes(p.Value))
            .Concat(PolicyGenerator.Typical(40, seed: 99).Select(Encoding.UTF8.GetBytes))
            .ToArray());

    /// <summary>One mutation of one seed document, described so that a failure prints how to rebuild it.</summary>
    public sealed record Case(string Description, byte[] Bytes, bool AsText)
    {
        /// <summary>How the case is repaired too; null for the cases that are not.</summary>
        public RepairVariant? Repair { get; init; }

        public override string ToString() =>
            Description + $" ({Bytes.Length} bytes{(AsText ? ", as a string" + (Repair is null ? "" : " of a " + Repair.Kind) : "")}{(Repair is null ? "" : $"; repaired with {Repair}")})";
    }

    /// <summary>
    /// The options Repair-Ec2PolicyResource would pass (-NoScopeCondition, -CompactActions,
    /// -SizeLimit, or none for IAM's limit of the document's kind) and, for a string, the kind of
    /// policy it came as, which picks that limit.
    /// </summary>
    public sealed record RepairVariant(bool ScopeConditions, bool CompactActions, int? SizeLimit, PolicyOwnerKind? Owner, bool Managed)
    {
        internal RepairOptions Options() => new() { ScopeConditions = ScopeConditions, CompactActions = CompactActions, SizeLimit = SizeLimit };

        internal PolicySource Source() =>
            Owner is { } kind ? new PolicySource($"{kind.ToString().ToLowerInvariant()}/fuzz/fuzz", owner: new PolicyOwner(kind, "fuzz"), policyName: "fuzz")
            : Managed ? new PolicySource("arn:aws:iam::123456789012:policy/fuzz", "arn:aws:iam::123456789012:policy/fuzz")
            : new PolicySource("fuzz");

        public string Kind => Owner is { } kind ? kind.ToString().ToLowerInvariant() + " inline policy" : Managed ? "managed policy" : "policy of unknown kind";

        public override string ToString()
        {
            var switches = (ScopeConditions ? "" : " -NoScopeCondition") + (CompactActions ? " -CompactActions" : "") + (SizeLimit is { } limit ? $" -SizeLimit {limit}" : "");
            return switches.Length == 0 ? "no switches" : switches.TrimStart();
        }
    }

    /// <summary>One case in this many is repaired too (see the class summary).</summary>
    private const int RepairEvery = 4;

    private static readonly Gen<RepairVariant> s_repairVariants =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[1, 8_000], Gen.Int[0, 5], (scope, compact, limit, size, kind) => new RepairVariant(
            ScopeConditions: scope != 0,
            CompactActions: compact == 0,
            // Mostly IAM's limits; now and then a small one (fixes left out for size) or none at all.
            SizeLimit: limit switch { < 6 => null, < 8 => size, _ => int.MaxValue },
            Owner: kind switch { 1 => PolicyOwnerKind.Role, 2 => PolicyOwnerKind.User, 3 => PolicyOwnerKind.Group, _ => null },
            Managed: kind == 4));

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
        var mutated = Gen.Select(mutation, Gen.Int[0, 3], Gen.Int, Gen.Int[0, 7], (c, again, at, bit) =>
            again == 0 ? c with { Description = $"FlipBit({c.Description}, {at}, {bit})", Bytes = PolicyMutations.FlipBit(c.Bytes, at, bit) } : c);
        return Gen.Select(mutated, Gen.Int[0, RepairEvery - 1], s_repairVariants, (c, draw, repair) => draw == 0 ? c with { Repair = repair } : c);
    }

    /// <summary>Reading, parsing, analysing (and maybe repairing) one case; anything but a PolicyParseException from reading and parsing fails the case.</summary>
    internal static void Run(Case c, RepairTally tally)
    {
        foreach (var input in Inputs(c))
        {
            PolicyDocument document;
            try
            {
                document = PolicyParser.Parse(input.Text);
            }
            catch (PolicyParseException ex) when (Described(ex))
            {
                if (c.Repair is { } refused) RepairRefuses(input, refused, ex);
                continue;
            }
            // Analysis of a parsed document must never throw, not even a PolicyParseException.
            s_analyzer.Analyze(document, input.Source);
            if (c.Repair is { } variant) Repairs(input, variant, tally);
        }
    }

    // What the cmdlets get from a case: the documents of a file, or one string.
    private static IReadOnlyList<PolicyInput> Inputs(Case c)
    {
        if (c.AsText) return new[] { new PolicyInput(c.Repair?.Source() ?? new PolicySource("fuzz"), Encoding.UTF8.GetString(c.Bytes)) };
        try
        {
            return PolicyFiles.Read("fuzz.json", c.Bytes, s_options).Inputs;
        }
        catch (PolicyParseException ex) when (Described(ex))
        {
            return Array.Empty<PolicyInput>();
        }
    }

    private static bool Described(PolicyParseException ex) => !string.IsNullOrEmpty(ex.ErrorId) && ex.Message.Length > 0;

    // Repair-Ec2PolicyResource reports a PolicyParseException from the repairer as the input's
    // parse error, so a document the parser rejects must be rejected the same way.
    private static void RepairRefuses(PolicyInput input, RepairVariant variant, PolicyParseException parse)
    {
        var ex = Assert.Throws<PolicyParseException>(() => s_repairer.Repair(input, variant.Options()));
        Assert.Equal(parse.ErrorId, ex.ErrorId);
    }

    // A document that parses is repaired without any exception, into one that parses, that a
    // second repair leaves alone, and that keeps no error of a repaired code without a reason.
    private static void Repairs(PolicyInput input, RepairVariant variant, RepairTally tally)
    {
        var options = variant.Options();
        var result = s_repairer.Repair(input, options);
        RepairInvariants.Consistent(input.Text, result);
        PolicyParser.Parse(result.PolicyDocument);
        RepairInvariants.Idempotent(result, options, input.Source);
        RepairInvariants.RepairedCodesGoneOrExplained(result);
        tally.Add(result);
    }

    /// <summary>What the repairs of a run did: a green run proves little if none changed anything.</summary>
    internal sealed class RepairTally
    {
        private int _repaired, _changed, _tooLarge;

        public int Repaired => _repaired;

        public int Changed => _changed;

        public void Add(PolicyRepairResult result)
        {
            Interlocked.Increment(ref _repaired);
            if (result.Changed) Interlocked.Increment(ref _changed);
            else if (result.Changes.Count > 0) Interlocked.Increment(ref _tooLarge);
        }

        public override string ToString() => $"Repaired {_repaired:N0} documents: {_changed:N0} changed, {_tooLarge:N0} left unchanged because the fix would not fit the size limit.";
    }

    [Fact]
    public void MutatedPoliciesNeverThrowAnythingElse()
    {
        var cases = long.TryParse(Environment.GetEnvironmentVariable("POLICYTOOLS_FUZZ_CASES"), out var n) ? n : 2_000;
        var seed = Environment.GetEnvironmentVariable("POLICYTOOLS_FUZZ_SEED");
        var tally = new RepairTally();
        Cases().Sample(c => Run(c, tally), iter: cases, seed: string.IsNullOrEmpty(seed) ? null : seed, threads: -1, writeLine: Console.WriteLine);
        Console.WriteLine(tally);
        // A green run proves little if repair was never reached or never changed anything. About
        // one case in 20 is a document that is repaired, and one in 200 one that changes.
        if (cases >= 1_000) Assert.True(tally.Repaired > 0, tally.ToString());
        if (cases >= 10_000) Assert.True(tally.Changed > 0, tally.ToString());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
