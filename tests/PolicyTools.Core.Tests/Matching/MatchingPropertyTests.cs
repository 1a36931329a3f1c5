using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Tests.Matching;

/// <summary>Random patterns checked against straightforward regular-expression versions of the same rules.</summary>
public class MatchingPropertyTests
{
    /// <summary>IAM action wildcards: * is any run, ? is one character, over the whole text.</summary>
    private static Regex ActionRegex(string pattern) =>
        new("^" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) })) + "$", RegexOptions.Singleline);

    /// <summary>ARN wildcards: ? and * stay inside a segment, except a * that ends a segment.</summary>
    private static Regex ArnRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*') regex.Append(i + 1 == pattern.Length || pattern[i + 1] == ':' ? ".*" : "[^:]*");
            else if (c == '?') regex.Append("[^:]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline);
    }

    private static readonly ArnTemplate Volume = TestMaps.Ec2.GetService("ec2")!.GetResourceType("volume")!.Templates.Single();

    private static readonly Gen<string> VolumeArn = Gen.Select(
        Gen.OneOf("us-east-1", "eu-west-2", "ap-south-1"),
        Gen.OneOf("123456789012", "000000000000", "210987654321"),
        Gen.Char["ab0-"].Array[1, 6], // EC2 resource ids hold no colon
        (region, account, id) => $"arn:aws:ec2:{region}:{account}:volume/vol-{new string(id)}");

    // Each character of a real ARN kept, or turned into * or ?, or dropped; sometimes cut short with a *.
    private static readonly Gen<string> PatternFromArn = Gen.Select(VolumeArn, Gen.Int[0, 11].Array[64], Gen.Int[0, 80], (arn, ops, cut) =>
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < arn.Length; i++)
        {
            switch (ops[i % ops.Length])
            {
                case 0: pattern.Append('*'); break;
                case 1: pattern.Append('?'); break;
                case 2: break;
                default: pattern.Append(arn[i]); break;
            }
        }
        return cut < pattern.Length ? pattern.ToString(0, cut) + "*" : pattern.ToString();
    });

    [Fact]
    public void Action_wildcards_agree_with_a_regular_expression()
    {
        Gen.Select(Gen.Char["aAb*?"].Array[0, 8], Gen.Char["aAb"].Array[0, 10])
            .Sample(t =>
            {
                var (pattern, text) = (new string(t.Item1), new string(t.Item2));
                Assert.Equal(ActionRegex(pattern).IsMatch(text), Wildcard.IsMatch(pattern, text, ignoreCase: false));
                Assert.Equal(ActionRegex(pattern.ToLowerInvariant()).IsMatch(text.ToLowerInvariant()), Wildcard.IsMatch(pattern, text, ignoreCase: true));
            }, iter: 20_000);
    }

    [Fact]
    public void A_pattern_that_matches_a_real_volume_ARN_can_match_the_volume_template()
    {
        Gen.Select(PatternFromArn, VolumeArn).Sample(t =>
        {
            var (pattern, arn) = t;
            if (ArnRegex(pattern).IsMatch(arn))
                Assert.True(ArnPattern.Parse(pattern, variablesAllowed: true).CanMatch(Volume), $"'{pattern}' matches '{arn}'");
        }, iter: 20_000);
    }

    [Fact]
    public void A_pattern_that_covers_the_volume_template_matches_every_real_volume_ARN()
    {
        Gen.Select(PatternFromArn, VolumeArn).Sample(t =>
        {
            var (pattern, arn) = t;
            if (ArnPattern.Parse(pattern, variablesAllowed: true).Covers(Volume))
                Assert.True(ArnRegex(pattern).IsMatch(arn), $"'{pattern}' covers volumes but does not match '{arn}'");
        }, iter: 20_000);
    }

    [Fact]
    public void Covering_implies_matching()
    {
        PatternFromArn.Sample(pattern =>
        {
            var parsed = ArnPattern.Parse(pattern, variablesAllowed: true);
            if (parsed.Covers(Volume)) Assert.True(parsed.CanMatch(Volume), pattern);
        }, iter: 20_000);
    }
}
