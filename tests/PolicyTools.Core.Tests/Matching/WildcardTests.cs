using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Tests.Matching;

public class WildcardTests
{
    [Theory]
    [InlineData("ec2:DescribeVolumes", "ec2:DescribeVolumes")]
    [InlineData("EC2:describevolumes", "ec2:DescribeVolumes")]
    [InlineData("ec2:describe*", "ec2:DescribeVolumes")]
    [InlineData("ec2:*VOLUMES", "ec2:DescribeVolumes")]
    public void Action_names_match_case_insensitively(string pattern, string action)
    {
        Assert.True(Wildcard.IsMatch(pattern, action, ignoreCase: true));
    }

    [Fact]
    public void Case_matters_when_not_ignored()
    {
        Assert.False(Wildcard.IsMatch("ec2:describe*", "ec2:DescribeVolumes", ignoreCase: false));
        Assert.True(Wildcard.IsMatch("ec2:Describe*", "ec2:DescribeVolumes", ignoreCase: false));
    }

    [Theory]
    [InlineData("ec2:Describe?olumes", "ec2:DescribeVolumes", true)]
    [InlineData("ec2:DescribeVolume?", "ec2:DescribeVolumes", true)]
    [InlineData("ec2:DescribeVolumes?", "ec2:DescribeVolumes", false)] // ? is exactly one character, never none
    [InlineData("ec2:Describe??lumes", "ec2:DescribeVolumes", true)]
    [InlineData("ec2:Describe?lumes", "ec2:DescribeVolumes", false)]
    public void Question_mark_matches_exactly_one_character(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Wildcard.IsMatch(pattern, text, ignoreCase: true));
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "ec2:AnyThing", true)]
    [InlineData("ec2:DescribeVolumes*", "ec2:DescribeVolumes", true)] // * may match nothing
    [InlineData("ec2:*Volumes*", "ec2:DescribeVolumesModifications", true)]
    [InlineData("ec2:*Volumes", "ec2:DescribeVolumesModifications", false)] // the pattern covers the whole text
    [InlineData("ec2:Describe", "ec2:DescribeVolumes", false)]
    [InlineData("ec2:Describe*s", "ec2:DescribeVolumeStatus", true)]
    [InlineData("ec2:Describe*x", "ec2:DescribeVolumeStatus", false)]
    [InlineData("s3:*", "ec2:DescribeVolumes", false)]
    public void Star_matches_any_run_of_characters_including_none(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Wildcard.IsMatch(pattern, text, ignoreCase: true));
    }

    [Fact]
    public void Backtracking_to_an_earlier_star_finds_a_later_match()
    {
        // The first "Vol" candidate fails; the match needs the star to move on.
        Assert.True(Wildcard.IsMatch("*Vol*Status", "ec2:DescribeVolumeAttributeVolStatus", ignoreCase: true));
        Assert.True(Wildcard.IsMatch("a*ab", "aaab", ignoreCase: false));
        Assert.False(Wildcard.IsMatch("a*ab", "aaba", ignoreCase: false));
    }

    [Fact]
    public void HasWildcard_recognises_star_and_question_mark_only()
    {
        Assert.True(Wildcard.HasWildcard("ec2:Describe*"));
        Assert.True(Wildcard.HasWildcard("ec2:Describe?olumes"));
        Assert.False(Wildcard.HasWildcard("ec2:DescribeVolumes"));
    }

    private static readonly string HostilePattern = "ec2:" + string.Concat(Enumerable.Repeat("*?", 5000)) + "x";

    [Fact]
    public void Hostile_pattern_against_a_real_action_finishes_with_no_match()
    {
        Assert.False(Wildcard.IsMatch(HostilePattern, "ec2:DescribeVolumes", ignoreCase: true));
    }

    [Fact]
    public void Hostile_pattern_against_long_texts_finishes_with_the_right_answer()
    {
        // 5000 '?' need at least 5000 characters before the final x.
        Assert.True(Wildcard.IsMatch(HostilePattern, "ec2:" + new string('a', 6000) + "x", ignoreCase: true));
        Assert.True(Wildcard.IsMatch(HostilePattern, "ec2:" + new string('a', 5000) + "x", ignoreCase: true));
        Assert.False(Wildcard.IsMatch(HostilePattern, "ec2:" + new string('a', 4999) + "x", ignoreCase: true));
        Assert.False(Wildcard.IsMatch(HostilePattern, "ec2:" + new string('a', 20000), ignoreCase: true));
    }

    [Fact]
    public void Hostile_pattern_expands_to_no_EC2_action()
    {
        var ec2 = TestMaps.Ec2.GetService("ec2")!;
        Assert.Empty(ec2.Match(HostilePattern));
    }
}
