using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Policies;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

public class NothingToFindTests
{
    private static ServiceCapabilities S3 => CapabilityMap.Default.GetService("s3")!;

    private static bool In(params string[] statements) => NothingToFind.For(PolicyParser.Parse(Document(statements)), CapabilityMap.Default, ServiceScope.All).In(S3);

    [Fact]
    public void Unconditional_star_grants_and_denies_leave_nothing_to_find() =>
        Assert.True(In(Allow(new[] { "s3:Get*", "s3:ListAllMyBuckets", "*:Describe*" }, "*"), Deny("s3:DeleteBucket", "*"), Allow("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/k")));

    [Theory]
    [InlineData("arn:aws:s3:::b")]
    [InlineData("arn:aws:s3:::*")]
    public void An_ARN_may_mismatch(string resource) => Assert.False(In(Allow("s3:ListAllMyBuckets", resource)));

    [Fact]
    public void A_condition_may_name_a_key_the_action_lacks() =>
        Assert.False(In(Allow("s3:GetObject", "*", "{\"StringEquals\": {\"s3:NoSuchKey\": \"x\"}}")));

    [Fact]
    public void An_unknown_action_of_the_service_is_a_finding() => Assert.False(In(Allow("s3:GetObjekt", "*")));

    [Fact]
    public void NotResource_NotAction_and_a_wildcard_service_reach_the_service_and_are_looked_at()
    {
        Assert.False(In(Statement("Allow", "Action", "s3:GetObject", "NotResource", "arn:aws:s3:::b/*")));
        Assert.False(In(Statement("Allow", "NotAction", "iam:*", "Resource", "arn:aws:s3:::b")));
        Assert.False(In(Allow("*", "arn:aws:s3:::b")));
        Assert.True(In(Statement("Allow", "NotAction", "iam:*", "Resource", "*")));
        Assert.False(In(Statement("Allow", "NotAction", "s3:NoSuchAction", "Resource", "*")));
    }
}
