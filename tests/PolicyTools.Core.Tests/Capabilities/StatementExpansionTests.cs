using System.Linq;
using CsCheck;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>A statement's whole Action/NotAction list expands to what its patterns expand to one by one, cached or not.</summary>
public class StatementExpansionTests
{
    private static readonly string[] s_patterns =
    {
        "ec2:Describe*", "EC2:describevolumes", "ec2:DescribeVolumes", "ec2:RunInstances", "ec2:*Instances", "ec2:Get*",
        "s3:GetObject", "*", "ec2:Nope", "iam:*", "ec2:?ttachVolume", "ec2:CreateTags",
    };

    [Fact]
    public void Whole_lists_expand_like_their_patterns_in_map_order()
    {
        var ec2 = TestMaps.Ec2.GetService("ec2")!;
        Gen.Select(Gen.Int[0, s_patterns.Length - 1].Array[1, 6], Gen.Bool).Sample((picks, excluding) =>
        {
            var patterns = picks.Select(i => s_patterns[i]).ToArray();
            var named = patterns.SelectMany(p => ec2.Match(p)).Select(a => a.Index).ToHashSet();
            var expected = ec2.Actions.Where(a => named.Contains(a.Index) != excluding).ToArray();

            // Twice: the second answer comes from the cache.
            Assert.Equal(expected, ec2.MatchStatement(patterns, excluding).ToArray());
            Assert.Equal(expected, ec2.MatchStatement(patterns.Select(p => p.ToUpperInvariant()).ToArray(), excluding).ToArray());
            Assert.All(ec2.Actions, a => Assert.Equal(named.Contains(a.Index) != excluding, ec2.MatchStatement(patterns, excluding).Contains(a)));
        }, iter: 300);
    }

    [Fact]
    public void Keys_differ_by_order_by_NotAction_and_by_pattern_but_not_by_case()
    {
        var key = new ActionPatternsKey(new[] { "ec2:A", "ec2:B" }, excluding: false);

        Assert.Equal(key, new ActionPatternsKey(new[] { "EC2:a", "ec2:b" }, excluding: false));
        Assert.Equal(key.GetHashCode(), new ActionPatternsKey(new[] { "EC2:a", "ec2:b" }, excluding: false).GetHashCode());
        Assert.NotEqual(key, new ActionPatternsKey(new[] { "ec2:B", "ec2:A" }, excluding: false));
        Assert.NotEqual(key, new ActionPatternsKey(new[] { "ec2:A", "ec2:B" }, excluding: true));
        Assert.NotEqual(key, new ActionPatternsKey(new[] { "ec2:A", "ec2:C" }, excluding: false));
        Assert.NotEqual(key, new ActionPatternsKey(new[] { "ec2:A" }, excluding: false));
        Assert.Equal(key, key.Detached());
    }
}
