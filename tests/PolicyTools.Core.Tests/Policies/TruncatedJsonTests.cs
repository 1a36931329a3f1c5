using PolicyTools.Policies;
using Xunit;

namespace PolicyTools.Tests.Policies;

public sealed class TruncatedJsonTests
{
    [Theory]
    [InlineData("{\"Version\": \"2012-10-17\", \"Statement\": [ {")]
    [InlineData("{\"Version\": \"2012-10-17\"")]
    public void Truncated_json_is_invalid_json_not_too_deep(string text)
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text));
        Assert.Equal(ErrorIds.PolicyJsonInvalid, ex.ErrorId);
    }

    [Fact]
    public void Json_nested_past_the_limit_is_too_deep()
    {
        var text = "{\"Version\":\"2012-10-17\",\"Deep\":" + new string('[', 100) + new string(']', 100)
            + ",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}";
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text));
        Assert.Equal(ErrorIds.PolicyNestedTooDeeply, ex.ErrorId);
    }
}
