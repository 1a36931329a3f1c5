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
    public void Operators_that_a_missing_key_satisfies(string op)
    {
        Assert.True(Tolerates(op));
    }

    [Fact]
    public void ForAnyValue_over_a_missing_key_is_false_even_when_negated()
    {
        Assert.False(Tolerates("ForAnyValue:StringNotEquals"));
    }

    [Theory]
    [InlineData("true", true)]   // "the key is absent": a missing key satisfies it
    [InlineData("false", false)] // "the key is present": a missing key fails it
    public void Null_depends_on_its_value(string value, bool tolerates)
    {
        Assert.Equal(tolerates, new ConditionClause("Null", "ec2:InstanceType", new[] { value }).ToleratesMissingKey);
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
