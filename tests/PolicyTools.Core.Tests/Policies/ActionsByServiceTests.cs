using PolicyTools.Policies;

namespace PolicyTools.Tests.Policies;

public class ActionsByServiceTests
{
    private static readonly string[] Patterns = { "s3:GetObject", "*:List*", "EC2:Describe*", "kms:Decrypt", "ec2:AttachVolume", "notaservice", "s3:PutObject" };

    [Fact]
    public void A_service_gets_its_own_patterns_and_those_of_any_service_in_the_statements_order()
    {
        var index = new ActionsByService(Patterns);
        Assert.Equal(new[] { "*:List*", "EC2:Describe*", "ec2:AttachVolume", "notaservice" }, index.For("ec2"));
        Assert.Equal(new[] { "s3:GetObject", "*:List*", "notaservice", "s3:PutObject" }, index.For("s3"));
    }

    [Fact]
    public void A_service_the_statement_does_not_name_gets_only_the_any_service_patterns()
    {
        Assert.Equal(new[] { "*:List*", "notaservice" }, new ActionsByService(Patterns).For("iam"));
        Assert.Empty(new ActionsByService(new[] { "s3:GetObject" }).For("iam"));
    }

    [Fact]
    public void A_prefix_that_only_begins_like_the_service_is_not_the_service()
    {
        var index = new ActionsByService(new[] { "ec2messages:GetMessages", "*:Get*", "ec2:RunInstances" });
        Assert.Equal(new[] { "*:Get*", "ec2:RunInstances" }, index.For("ec2"));
        Assert.Equal(new[] { "ec2messages:GetMessages", "*:Get*" }, index.For("ec2messages"));
    }

    [Theory]
    [InlineData(true, "*")]
    [InlineData(true, "*:Get*")]
    [InlineData(true, "ec?:Describe*")]
    [InlineData(false, "notaservice")]
    [InlineData(false, "ec2:*")]
    public void A_wildcard_in_the_service_part_or_a_bare_star_names_every_service(bool every, string pattern) =>
        Assert.Equal(every, new ActionsByService(new[] { "s3:GetObject", pattern }).NamesEveryService);

    [Fact]
    public void The_prefixes_are_those_written_literally_each_once()
    {
        var prefixes = new ActionsByService(new[] { "s3:GetObject", "S3:PutObject", "*:List*", "kms:Decrypt" }).Prefixes;
        Assert.Equal(2, System.Linq.Enumerable.Count(prefixes));
        Assert.Contains("kms", prefixes);
    }
}
