using PolicyTools.Policies;

namespace PolicyTools.Tests.Policies;

/// <summary>Which condition tests still pass when the request does not carry the key at all.</summary>
public class ConditionClauseTests
{
    private static bool Tolerates(string op) => new ConditionClause(op, "ec2:InstanceType", new[] { "t3.micro" }).ToleratesMissingKey;

    [Theory]
    [InlineData("StringEqualsIfExists")]
    [InlineData("ArnLikeIfExists")]
    [InlineData("NumericLessThanIfExists")]
    [InlineData("ForAnyValue:StringEqualsIfExists")]
    [InlineData("Null")]
    [InlineData("ForAllValues:StringEquals")] // vacuously true on an absent key
    [InlineData("ForAllValues:StringLike")]
    [InlineData("StringNotEquals")]
    [InlineData("StringNotLike")]
    [InlineData("StringNotEqualsIgnoreCase")]
    [InlineData("ArnNotEquals")]
    [InlineData("ArnNotLike")]
    [InlineData("NumericNotEquals")]
    [InlineData("DateNotEquals")]
    [InlineData("NotIpAddress")]
    [InlineData("BinaryNotEquals")]
    [InlineData("ForAnyValue:StringNotEquals")]
    public void Operators_that_a_missing_key_satisfies(string op)
    {
        Assert.True(Tolerates(op));
    }

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("StringLike")]
    [InlineData("StringEqualsIgnoreCase")]
    [InlineData("ArnLike")]
    [InlineData("ArnEquals")]
    [InlineData("NumericLessThan")]
    [InlineData("NumericEquals")]
    [InlineData("DateGreaterThan")]
    [InlineData("Bool")]
    [InlineData("IpAddress")]
    [InlineData("BinaryEquals")]
    [InlineData("ForAnyValue:StringEquals")] // no value, so no value matches
    [InlineData("ForAnyValue:StringLike")]
    public void Operators_that_a_missing_key_fails(string op)
    {
        Assert.False(Tolerates(op));
    }

    [Fact]
    public void A_clause_keeps_its_operator_key_and_values()
    {
        var clause = new ConditionClause("StringLike", "ec2:ResourceTag/Team", new[] { "blue", "green" });
        Assert.Equal("StringLike", clause.Operator);
        Assert.Equal("ec2:ResourceTag/Team", clause.Key);
        Assert.Equal(new[] { "blue", "green" }, clause.Values);
    }
}
