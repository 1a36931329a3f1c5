using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>The reference writes "any tag key" three ways; each matches every tag key and only under its prefix.</summary>
public class ConditionKeySetTests
{
    [Theory]
    [InlineData("ec2:ResourceTag/${TagKey}", "ec2:ResourceTag/Name")]
    [InlineData("s3:RequestObjectTag/<key>", "s3:RequestObjectTag/project")]
    [InlineData("secretsmanager:ResourceTag/tag-key", "secretsmanager:ResourceTag/aws:secretsmanager:owningService")]
    [InlineData("ssm:resourceTag/tag-key", "ssm:ResourceTag/Environment")]
    public void A_templated_tag_key_matches_any_tag_under_its_prefix(string listed, string used)
    {
        var keys = new ConditionKeySet(new[] { listed });
        Assert.True(keys.Contains(used));
        Assert.False(keys.Contains("aws:ResourceTag/Name"));
    }

    [Fact]
    public void A_literal_key_matches_only_itself_whatever_the_case()
    {
        var keys = new ConditionKeySet(new[] { "secretsmanager:SecretId" });
        Assert.True(keys.Contains("SecretsManager:secretid"));
        Assert.False(keys.Contains("secretsmanager:SecretIdX"));
    }
}
