using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Tests.Matching;

public class ArnPatternTests
{
    private static ArnTemplate TemplateOf(string resourceType) =>
        TestMaps.Ec2.GetService("ec2")!.GetResourceType(resourceType)!.Templates.Single();

    private static readonly ArnTemplate Volume = TemplateOf("volume");
    private static readonly ArnTemplate Image = TemplateOf("image");
    private static readonly ArnTemplate Snapshot = TemplateOf("snapshot");

    private static bool CanMatch(string pattern, ArnTemplate template, bool variablesAllowed = true) =>
        ArnPattern.Parse(pattern, variablesAllowed).CanMatch(template);

    private static bool Covers(string pattern, ArnTemplate template, bool variablesAllowed = true) =>
        ArnPattern.Parse(pattern, variablesAllowed).Covers(template);

    [Fact]
    public void The_shipped_templates_are_the_ones_these_tests_assume()
    {
        Assert.Equal("arn:${Partition}:ec2:${Region}:${Account}:volume/${VolumeId}", Volume.Format);
        Assert.Equal("arn:${Partition}:ec2:${Region}::image/${ImageId}", Image.Format);
        Assert.Equal("arn:${Partition}:ec2:${Region}::snapshot/${SnapshotId}", Snapshot.Format);
        Assert.False(Image.HasAccount);
        Assert.True(Volume.HasAccount);
        Assert.Equal("volume/", Volume.ResourcePrefix);
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:volume/*")]
    [InlineData("arn:aws:ec2:*:*:volume/*")]
    [InlineData("arn:aws:ec2:us-*-1:1234567890??:volume/vol-*")]
    [InlineData("arn:aws-cn:ec2:cn-north-1:123456789012:volume/*")]
    [InlineData("arn:*:ec2:*:*:*")]
    [InlineData("*")]
    public void Patterns_that_fit_the_volume_ARN_format_can_match_it(string pattern)
    {
        Assert.True(CanMatch(pattern, Volume));
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:instance/*")] // another type
    [InlineData("arn:aws:ec2:us-east-1:123456789012:volumes/*")] // no such type
    [InlineData("arn:aws:s3:::volume/*")] // another service
    [InlineData("arn:aws:ec2:us-east-1::volume/*")] // volumes have an account
    [InlineData("arn:aws:ec2::123456789012:volume/*")] // and a region
    [InlineData("arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*")] // accounts are digits
    [InlineData("arn:aws:ec2:us_east_1:123456789012:volume/*")] // regions are lower-case letters, digits and '-'
    public void Patterns_that_do_not_fit_the_volume_ARN_format_cannot_match_it(string pattern)
    {
        Assert.False(CanMatch(pattern, Volume));
    }

    [Fact]
    public void A_star_that_ends_a_segment_runs_past_the_colons()
    {
        Assert.True(CanMatch("arn:aws:ec2:*", Volume));
        Assert.True(Covers("arn:aws:ec2:*", Volume));
        Assert.True(CanMatch("arn:*:volume/*", Volume));
        // "ec*" ends its segment, so it can stand for "ec2:us-east-1".
        Assert.True(CanMatch("arn:aws:ec*:123456789012:volume/*", Volume));
    }

    [Fact]
    public void A_star_inside_a_segment_does_not_run_past_a_colon()
    {
        // "ec*1" would have to swallow "2:us-east-" to fit: the star is inside a segment, so it cannot.
        Assert.False(CanMatch("arn:aws:ec*1:123456789012:volume/*", Volume));
        Assert.False(CanMatch("arn:aws:*2:123456789012:volume/*", Volume));
        // and a segment-internal star does not cover other segments either.
        Assert.False(Covers("arn:aws:ec2:*-1:*:volume/*", Volume));
    }

    [Fact]
    public void A_question_mark_stands_for_exactly_one_character()
    {
        Assert.True(CanMatch("arn:aws:ec2:us-east-?:123456789012:volume/*", Volume));
        Assert.False(CanMatch("arn:aws:ec2:us-east-1:12345678901?:instance/*", Volume));
        // ? stands for a character inside a segment, never for the colon between two.
        Assert.False(CanMatch("arn:aws:ec2?us-east-1:123456789012:volume/*", Volume));
        Assert.False(CanMatch("arn:aws?ec2:us-east-1:123456789012:volume/*", Volume));
    }

    [Fact]
    public void Segments_split_at_the_first_five_colons_and_the_resource_keeps_the_rest()
    {
        var pattern = ArnPattern.Parse("arn:aws:ec2:us-east-1:123456789012:volume/a:b:c", variablesAllowed: true);
        Assert.Equal(new[] { "arn", "aws", "ec2", "us-east-1", "123456789012", "volume/a:b:c" }, pattern.Segments);
        Assert.Equal("aws", pattern.Partition);
        Assert.Equal("ec2", pattern.Service);
        Assert.Equal("us-east-1", pattern.Region);
        Assert.Equal("123456789012", pattern.Account);
        Assert.Equal("volume/a:b:c", pattern.Resource);
        Assert.True(pattern.IsArn);
        Assert.False(pattern.IsStar);
    }

    [Fact]
    public void A_policy_variable_stands_for_text_inside_one_segment_under_2012_10_17()
    {
        var pattern = ArnPattern.Parse("arn:aws:ec2:*:${aws:PrincipalAccount}:volume/*", variablesAllowed: true);
        Assert.True(pattern.HasVariables);
        Assert.False(pattern.HasLiteralVariableText);
        Assert.Equal(6, pattern.Segments.Count); // the colon inside ${…} does not split segments
        Assert.True(pattern.CanMatch(Volume));
        Assert.True(CanMatch("arn:aws:ec2:us-east-1:123456789012:volume/${aws:username}", Volume));
    }

    [Fact]
    public void A_policy_variable_does_not_stand_for_several_segments()
    {
        // The variable would have to be "ec2:us-east-1:123456789012".
        Assert.False(CanMatch("arn:aws:${aws:username}:volume/*", Volume));
    }

    [Fact]
    public void A_pattern_with_a_policy_variable_covers_nothing_because_its_value_is_unknown()
    {
        Assert.False(Covers("arn:aws:ec2:*:*:volume/${aws:username}", Volume));
        Assert.False(Covers("arn:aws:ec2:*:${aws:PrincipalAccount}:volume/*", Volume));
    }

    [Fact]
    public void Policy_variables_are_literal_text_under_2008_10_17()
    {
        var pattern = ArnPattern.Parse("arn:aws:ec2:*:${aws:PrincipalAccount}:volume/*", variablesAllowed: false);
        Assert.False(pattern.HasVariables);
        Assert.True(pattern.HasLiteralVariableText);
        // IAM compares the text literally; the analyzer matches it leniently (as unknown text in the
        // segment) and InvalidArn reports it as a Warning, so no statement-level Error piles on.
        Assert.True(pattern.CanMatch(Volume));
        Assert.False(pattern.Covers(Volume));
    }

    [Fact]
    public void Escaped_star_is_a_literal_star_not_a_wildcard()
    {
        // ${*} is the character '*': a volume id of "*" only, so it covers no real volume…
        Assert.True(CanMatch("arn:aws:ec2:*:*:volume/${*}", Volume));
        Assert.False(Covers("arn:aws:ec2:*:*:volume/${*}", Volume));
        Assert.True(Covers("arn:aws:ec2:*:*:volume/*", Volume));
        // …and a region written as a literal '*' is no region name at all.
        Assert.False(CanMatch("arn:aws:ec2:${*}:*:volume/*", Volume));
        var escaped = ArnPattern.Parse("arn:aws:ec2:*:*:volume/${*}", variablesAllowed: true);
        Assert.False(escaped.HasVariables);
    }

    [Fact]
    public void Escaped_question_mark_is_a_literal_question_mark()
    {
        Assert.False(CanMatch("arn:aws:ec2:us-east-${?}:*:volume/*", Volume));
        Assert.True(CanMatch("arn:aws:ec2:us-east-?:*:volume/*", Volume));
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:image/*", false)] // an account where image ARNs have none
    [InlineData("arn:aws:ec2:*:*:image/*", true)] // a crossing * may stand for the empty account
    [InlineData("arn:aws:ec2:us-east-1::image/ami-1", true)]
    [InlineData("arn:aws:ec2:us-east-1::image/*", true)]
    [InlineData("arn:aws:ec2:*::image/*", true)]
    [InlineData("arn:aws:ec2:us-east-1:?:image/*", false)] // ? needs a character the empty account does not have
    public void Image_ARNs_have_no_account(string pattern, bool expected)
    {
        Assert.Equal(expected, CanMatch(pattern, Image));
    }

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:snapshot/*", false)]
    [InlineData("arn:aws:ec2:*:*:snapshot/*", true)]
    [InlineData("arn:aws:ec2:us-east-1::snapshot/snap-1", true)]
    public void Snapshot_ARNs_have_no_account(string pattern, bool expected)
    {
        Assert.Equal(expected, CanMatch(pattern, Snapshot));
    }

    [Theory]
    [InlineData("arn:AWS:ec2:*:*:volume/*")] // partitions are lower-case
    [InlineData("arn:aws:EC2:*:*:volume/*")] // service prefixes are lower-case
    [InlineData("arn:aws:Ec2:us-east-1:123456789012:volume/*")]
    [InlineData("arn:aws:ec2:*:*:Volume/*")] // the resource part is case-sensitive
    [InlineData("ARN:aws:ec2:*:*:volume/*")]
    public void Matching_is_case_sensitive(string pattern)
    {
        Assert.False(CanMatch(pattern, Volume));
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("aws-cn")]
    [InlineData("aws-us-gov")]
    [InlineData("aws-iso")]
    [InlineData("aws-iso-b")]
    public void Known_partitions_match(string partition)
    {
        var pattern = ArnPattern.Parse($"arn:{partition}:ec2:*:*:volume/*", variablesAllowed: true);
        Assert.False(pattern.HasUnknownPartition);
        Assert.True(pattern.CanMatch(Volume));
    }

    [Theory]
    [InlineData("aws-xx")]
    [InlineData("amazon")]
    [InlineData("AWS")]
    public void An_unknown_partition_matches_nothing(string partition)
    {
        var pattern = ArnPattern.Parse($"arn:{partition}:ec2:*:*:volume/*", variablesAllowed: true);
        Assert.True(pattern.HasUnknownPartition);
        Assert.False(pattern.CanMatch(Volume));
        Assert.False(pattern.Covers(Volume));
    }

    [Fact]
    public void A_wildcard_partition_is_not_unknown()
    {
        Assert.False(ArnPattern.Parse("arn:*:ec2:*:*:volume/*", true).HasUnknownPartition);
        Assert.False(ArnPattern.Parse("arn:aws*:ec2:*:*:volume/*", true).HasUnknownPartition);
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("arn:*", true)]
    [InlineData("arn:aws:ec2:*", true)]
    [InlineData("arn:aws:ec2:*:*:*", true)]
    [InlineData("arn:*:ec2:*:*:volume/*", true)]
    [InlineData("arn:aws:ec2:*:*:volume/*", true)] // a policy applies in the partition its ARNs name
    [InlineData("arn:aws-us-gov:ec2:*:*:volume/*", true)]
    [InlineData("arn:aws-xx:ec2:*:*:volume/*", false)] // no such partition
    [InlineData("arn:aws:ec2:us-east-1:*:volume/*", false)] // one region only
    [InlineData("arn:*:ec2:*:123456789012:volume/*", false)] // one account only
    [InlineData("arn:*:ec2:*:*:volume/vol-1", false)] // one volume only
    [InlineData("arn:*:ec2:*:*:instance/*", false)] // another type entirely
    public void Covers_says_whether_every_ARN_of_the_type_matches(string pattern, bool expected)
    {
        Assert.Equal(expected, Covers(pattern, Volume));
    }

    [Fact]
    public void Covering_implies_matching()
    {
        foreach (var text in new[] { "*", "arn:*", "arn:aws:ec2:*", "arn:*:ec2:*:*:volume/*", "arn:*:ec2:*:*:*" })
        {
            Assert.True(Covers(text, Volume), text);
            Assert.True(CanMatch(text, Volume), text);
        }
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("**", true)]
    [InlineData("?", true)]
    [InlineData("arn:aws:ec2:*:*:volume/*", false)]
    [InlineData("arn:*", false)]
    [InlineData("??", false)] // the request resource "*" is one character
    public void MatchesStarResource_is_true_only_for_patterns_that_match_the_text_star(string text, bool expected)
    {
        Assert.Equal(expected, ArnPattern.Parse(text, variablesAllowed: true).MatchesStarResource());
    }

    [Fact]
    public void Escaped_star_matches_the_star_resource_only_where_variables_are_allowed()
    {
        Assert.True(ArnPattern.Parse("${*}", variablesAllowed: true).MatchesStarResource());
        Assert.False(ArnPattern.Parse("${*}", variablesAllowed: false).MatchesStarResource());
    }

    [Fact]
    public void A_100000_character_ARN_is_matched_and_not_covered()
    {
        var text = "arn:aws:ec2:us-east-1:123456789012:volume/" + new string('a', 100_000);
        var pattern = ArnPattern.Parse(text, variablesAllowed: true);
        Assert.True(pattern.CanMatch(Volume));
        Assert.False(pattern.Covers(Volume));
        Assert.False(pattern.CanMatch(TemplateOf("instance")));
    }

    [Fact]
    public void A_100000_character_wildcard_ARN_completes()
    {
        var hostile = "arn:aws:ec2:*:*:volume/" + string.Concat(Enumerable.Repeat("*?", 50_000)) + "x";
        var pattern = ArnPattern.Parse(hostile, variablesAllowed: true);
        Assert.True(pattern.CanMatch(Volume));
        Assert.False(pattern.Covers(Volume));

        var hostileRegion = "arn:aws:ec2:" + string.Concat(Enumerable.Repeat("*?", 50_000)) + ":123456789012:volume/*";
        Assert.True(ArnPattern.Parse(hostileRegion, variablesAllowed: true).CanMatch(Volume));
        var impossibleRegion = "arn:aws:ec2:" + string.Concat(Enumerable.Repeat("*?", 50_000)) + "_:123456789012:volume/*";
        Assert.False(ArnPattern.Parse(impossibleRegion, variablesAllowed: true).CanMatch(Volume));
    }
}
