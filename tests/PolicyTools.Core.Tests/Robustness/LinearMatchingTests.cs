using System;
using System.Linq;
using System.Text;
using CsCheck;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Matching;
using Xunit;

namespace PolicyTools.Tests.Robustness;

/// <summary>
/// Wildcard and ARN matching stay linear on hostile patterns (these tests would hang, not fail,
/// if they did not: no timing is asserted), and the bit-parallel ARN matcher agrees with the
/// plain product search it replaced.
/// </summary>
public sealed class LinearMatchingTests
{
    private static readonly PolicyAnalyzer s_analyzer = PolicyAnalyzer.For(TestMaps.Ec2);

    private static readonly string[] s_pieces =
    {
        "arn:", "aws", "aws-cn", "ec2", ":", ":", ":", "*", "*", "?", "us-east-1", "123456789012", "volume/", "instance/", "image/",
        "${aws:username}", "a", "-", "/", "vol-1", "i-", "1", "x", "*:", "security-group/", "::",
    };

    private static readonly Gen<string> s_pattern =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, s_pieces.Length - 1].Array[0, 14], (prefix, parts) =>
            (prefix switch { 0 => "arn:aws:ec2:", 1 => "arn:aws:ec2:us-east-1:123456789012:", _ => "" }) + string.Concat(parts.Select(i => s_pieces[i])));

    [Fact]
    public void AutomatonAgreesWithProductSearchOnGeneratedPatterns()
    {
        var templates = TestMaps.Ec2.Services.SelectMany(s => s.ResourceTypes).SelectMany(t => t.Templates).ToArray();
        Gen.Select(s_pattern, Gen.Bool).Sample((text, variables) =>
        {
            var pattern = ArnPattern.Parse(text, variables);
            foreach (var template in templates)
            {
                Assert.True(pattern.IntersectsByProductSearch(template) == pattern.CanMatch(template), $"'{text}' vs {template.Format}");
            }
        }, iter: 3000, threads: 1);
    }

    [Fact]
    public void AutomatonAgreesOnKnownCases()
    {
        var volume = TestMaps.Ec2.Services[0].GetResourceType("volume")!.Templates[0];
        var image = TestMaps.Ec2.Services[0].GetResourceType("image")!.Templates[0];
        Assert.True(ArnPattern.Parse("arn:aws:ec2:us-east-1:123456789012:volume/*", true).CanMatch(volume));
        Assert.True(ArnPattern.Parse("arn:aws:ec2:*:*:*", true).CanMatch(volume));
        Assert.True(ArnPattern.Parse("*", true).CanMatch(volume));
        Assert.True(ArnPattern.Parse("arn:*:ec2:*", true).CanMatch(volume));
        Assert.False(ArnPattern.Parse("arn:aws:ec2:us-east-1:123456789012:instance/*", true).CanMatch(volume));
        Assert.False(ArnPattern.Parse("arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*", true).CanMatch(volume));
        Assert.False(ArnPattern.Parse("arn:aws:ec2:us-east-1:123456789012:image/*", true).CanMatch(image));
        Assert.True(ArnPattern.Parse("arn:aws:ec2:us-east-1::image/*", true).CanMatch(image));
        Assert.True(ArnPattern.Parse("arn:aws:ec2:${aws:RequestedRegion}:123456789012:volume/*", true).CanMatch(volume));
    }

    [Fact]
    public void RunsOfStarsMatchLikeOneStar()
    {
        var volume = TestMaps.Ec2.Services[0].GetResourceType("volume")!.Templates[0];
        var stars = ArnPattern.Parse("arn:aws:ec2:" + new string('*', 50_000) + ":123456789012:volume/" + new string('*', 50_000), true);
        Assert.True(stars.CanMatch(volume));
        Assert.True(stars.Covers(volume) == ArnPattern.Parse("arn:aws:ec2:*:123456789012:volume/*", true).Covers(volume));
        Assert.Equal(0, ArnPattern.Parse(new string('*', 100_000), true).MinimumLength);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void StarQuestionActionPatternMatchesNothingAndFinishes(int length)
    {
        var pattern = "ec2:" + Repeat("*?", length / 2) + "x";
        Assert.Empty(TestMaps.Ec2.Services[0].Match(pattern));
        Assert.False(Wildcard.IsMatch(pattern, "ec2:DescribeInstances", ignoreCase: true));
        var findings = Check(pattern, "*");
        Assert.Contains(findings, f => f.Code == FindingCodes.UnknownAction);
    }

    [Fact]
    public void LongStarRunsInActionsStillMatch()
    {
        var pattern = "ec2:Describe" + new string('*', 100_000) + "Volumes";
        var matches = TestMaps.Ec2.Services[0].Match(pattern);
        Assert.Contains(matches, a => a.Name == "DescribeVolumes");
        Assert.True(Wildcard.IsMatch(pattern, "ec2:DescribeVolumes", ignoreCase: true));
    }

    [Fact]
    public void HundredThousandCharacterArnMatchesItsType()
    {
        var arn = "arn:aws:ec2:us-east-1:123456789012:volume/vol-" + new string('a', 100_000);
        var findings = Check("ec2:AttachVolume", arn);
        Assert.DoesNotContain(findings, f => f.Code is FindingCodes.InvalidArn or FindingCodes.ResourceTypeMismatch);
        Assert.Contains(findings, f => f.Code == FindingCodes.RequiredResourceTypeMissing);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void StarryArnFinishes(int length)
    {
        var arn = "arn:aws:ec2:*:*:" + Repeat("*a", length / 2) + "?";
        var findings = Check("ec2:*", arn);
        Assert.NotNull(findings);
    }

    private static System.Collections.Generic.IReadOnlyList<PolicyFinding> Check(string action, string resource) =>
        PolicyCheck.Run(s_analyzer, new PolicyInput(new PolicySource("hostile"),
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}"));

    private static string Repeat(string unit, int count)
    {
        var builder = new StringBuilder(unit.Length * count);
        for (var i = 0; i < count; i++) builder.Append(unit);
        return builder.ToString();
    }
}
