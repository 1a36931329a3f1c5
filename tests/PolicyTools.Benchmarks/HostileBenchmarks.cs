using System.Text;
using BenchmarkDotNet.Attributes;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;

namespace PolicyTools.Benchmarks;

/// <summary>
/// Patterns built to make backtracking matchers blow up, at growing lengths: the time per document
/// must grow linearly with the length (10x the text, about 10x the time), never faster.
/// </summary>
public class HostileBenchmarks
{
    private PolicyInput _actionPattern = null!;
    private PolicyInput _longArn = null!;
    private PolicyInput _starryArn = null!;
    private PolicyAnalyzer _analyzer = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _analyzer = PolicyAnalyzer.For(CapabilityMap.Default.Only("ec2"));
        _actionPattern = Document(Repeat("*?", Length / 2, "ec2:", "x"), "*");
        _longArn = Document("ec2:AttachVolume", Repeat("a", Length, "arn:aws:ec2:us-east-1:123456789012:volume/vol-", ""));
        _starryArn = Document("ec2:*", Repeat("*a", Length / 2, "arn:aws:ec2:*:*:", "?"));
    }

    /// <summary><c>ec2:*?*?*?…x</c> against every EC2 action.</summary>
    [Benchmark]
    public int StarQuestionAction() => PolicyCheck.Run(_analyzer, _actionPattern).Count;

    /// <summary>A literal ARN of the given length against every resource type.</summary>
    [Benchmark]
    public int LongArn() => PolicyCheck.Run(_analyzer, _longArn).Count;

    /// <summary><c>arn:aws:ec2:*:*:*a*a*a…?</c> against every resource type.</summary>
    [Benchmark]
    public int StarryArn() => PolicyCheck.Run(_analyzer, _starryArn).Count;

    private static string Repeat(string unit, int count, string prefix, string suffix)
    {
        var builder = new StringBuilder(prefix.Length + unit.Length * count + suffix.Length);
        builder.Append(prefix);
        for (var i = 0; i < count; i++) builder.Append(unit);
        return builder.Append(suffix).ToString();
    }

    private static PolicyInput Document(string action, string resource) =>
        new(new PolicySource("hostile"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}");
}
