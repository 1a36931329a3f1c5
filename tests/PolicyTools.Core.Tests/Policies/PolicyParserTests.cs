using System.Linq;
using System.Text;
using PolicyTools.Policies;

namespace PolicyTools.Tests.Policies;

public class PolicyParserTests
{
    private static PolicyParseException ParseFails(string text) => Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text));

    [Fact]
    public void Action_and_Resource_may_each_be_a_string_or_a_list()
    {
        var document = PolicyParser.Parse(Policy.Document(
            Policy.Allow("ec2:DescribeVolumes", "*"),
            Policy.Allow(new[] { "ec2:AttachVolume", "ec2:DetachVolume" }, new[] { "arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:instance/*" })));

        Assert.Equal(new[] { "ec2:DescribeVolumes" }, document.Statements[0].Actions);
        Assert.Equal(new[] { "*" }, document.Statements[0].Resources);
        Assert.Equal(new[] { "ec2:AttachVolume", "ec2:DetachVolume" }, document.Statements[1].Actions);
        Assert.Equal(new[] { "arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:instance/*" }, document.Statements[1].Resources);
    }

    [Fact]
    public void A_single_statement_object_is_a_one_statement_policy()
    {
        var document = PolicyParser.Parse("""
            { "Version": "2012-10-17",
              "Statement": { "Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*" } }
            """);

        var statement = Assert.Single(document.Statements);
        Assert.True(document.StatementIsSingleObject);
        Assert.Equal(PolicyEffect.Deny, statement.Effect);
        Assert.Equal(0, statement.Index);
    }

    [Fact]
    public void A_statement_list_is_not_a_single_object()
    {
        var document = PolicyParser.Parse(Policy.Document(Policy.Allow("ec2:DescribeVolumes", "*")));
        Assert.False(document.StatementIsSingleObject);
    }

    [Fact]
    public void Every_element_of_a_statement_is_read()
    {
        var document = PolicyParser.Parse(TestFiles.ReadFixture("policies/three-statements.json"));

        Assert.Equal("2012-10-17", document.Version);
        Assert.Equal("three-statements", document.Id);
        Assert.True(document.AllowsPolicyVariables);
        Assert.Equal(3, document.Statements.Count);
        Assert.Equal(new[] { 0, 1, 2 }, document.Statements.Select(s => s.Index));
        Assert.Equal(new[] { "One", "Two", "Three" }, document.Statements.Select(s => s.Sid));

        var deny = document.Statements[1];
        Assert.Equal(PolicyEffect.Deny, deny.Effect);
        Assert.True(deny.IsNotAction);
        Assert.Equal(new[] { "ec2:RunInstances", "ec2:AttachVolume" }, deny.Actions);
        Assert.True(deny.IsNotResource);
        Assert.True(deny.HasResourceElement);
        Assert.Equal(new[] { "arn:aws:ec2:*:*:instance/*" }, deny.Resources);

        var allow = document.Statements[0];
        Assert.False(allow.IsNotAction);
        Assert.False(allow.IsNotResource);
        Assert.Empty(allow.Conditions);
    }

    [Fact]
    public void Statement_lines_are_1_based_and_point_at_each_statement()
    {
        var document = PolicyParser.Parse(TestFiles.ReadFixture("policies/three-statements.json"));
        Assert.Equal(new[] { 5, 11, 13 }, document.Statements.Select(s => s.Line));
    }

    [Fact]
    public void Statement_lines_are_the_same_with_CRLF_line_endings()
    {
        var text = TestFiles.ReadFixture("policies/three-statements.json").Replace("\r\n", "\n").Replace("\n", "\r\n");
        Assert.Equal(new[] { 5, 11, 13 }, PolicyParser.Parse(text).Statements.Select(s => s.Line));
    }

    [Fact]
    public void A_one_line_policy_has_every_statement_on_line_1()
    {
        var document = PolicyParser.Parse(Policy.Document(Policy.Allow("ec2:DescribeVolumes", "*"), Policy.Deny("ec2:RunInstances", "*")));
        Assert.Equal(new[] { 1, 1 }, document.Statements.Select(s => s.Line));
    }

    [Fact]
    public void Conditions_are_parsed_into_one_clause_per_operator_and_key()
    {
        var statement = PolicyParser.Parse(TestFiles.ReadFixture("policies/three-statements.json")).Statements[2];

        Assert.Collection(statement.Conditions,
            c =>
            {
                Assert.Equal("StringEquals", c.Operator);
                Assert.Equal("ec2:InstanceType", c.Key);
                Assert.Equal(new[] { "t3.micro", "t3.small" }, c.Values);
            },
            c =>
            {
                Assert.Equal("StringEquals", c.Operator);
                Assert.Equal("aws:RequestedRegion", c.Key);
                Assert.Equal(new[] { "us-east-1" }, c.Values);
            },
            c =>
            {
                Assert.Equal("Bool", c.Operator);
                Assert.Equal("aws:MultiFactorAuthPresent", c.Key);
                Assert.Equal(new[] { "true" }, c.Values);
            },
            c =>
            {
                Assert.Equal("NumericLessThan", c.Operator);
                Assert.Equal("ec2:VolumeSize", c.Key);
                Assert.Equal(new[] { "100" }, c.Values);
            });
    }

    [Fact]
    public void Version_decides_whether_policy_variables_work()
    {
        Assert.True(PolicyParser.Parse(Policy.DocumentWithVersion("2012-10-17", Policy.Allow("ec2:*", "*"))).AllowsPolicyVariables);
        Assert.False(PolicyParser.Parse(Policy.DocumentWithVersion("2008-10-17", Policy.Allow("ec2:*", "*"))).AllowsPolicyVariables);
        var unversioned = PolicyParser.Parse(Policy.DocumentWithVersion(null, Policy.Allow("ec2:*", "*")));
        Assert.Null(unversioned.Version);
        Assert.False(unversioned.AllowsPolicyVariables);
    }

    [Fact]
    public void Principal_and_unknown_elements_are_skipped()
    {
        var document = PolicyParser.Parse("""
            { "Version": "2012-10-17", "Extra": { "nested": [1, 2, { "x": null }] },
              "Statement": [ { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole", "Future": [true] } ] }
            """);
        var statement = Assert.Single(document.Statements);
        Assert.True(statement.HasPrincipal);
        Assert.False(statement.HasResourceElement);
        Assert.Empty(statement.Resources);
    }

    [Fact]
    public void ParseUtf8_reads_bytes_like_Parse_reads_text()
    {
        var text = TestFiles.ReadFixture("policies/three-statements.json");
        var fromBytes = PolicyParser.ParseUtf8(Encoding.UTF8.GetBytes(text));
        var fromText = PolicyParser.Parse(text);
        Assert.Equal(fromText.Statements.Select(s => (s.Sid, s.Line, s.Effect)), fromBytes.Statements.Select(s => (s.Sid, s.Line, s.Effect)));
    }

    [Theory]
    [InlineData("invalid-json.json", ErrorIds.PolicyJsonInvalid, 5)]
    [InlineData("trailing-garbage.json", ErrorIds.PolicyJsonInvalid, 5)]
    [InlineData("two-documents.json", ErrorIds.PolicyJsonInvalid, 2)]
    [InlineData("comment.json", ErrorIds.PolicyJsonInvalid, 2)]
    [InlineData("top-level-array.json", ErrorIds.PolicyNotAPolicy, 1)]
    [InlineData("top-level-string.json", ErrorIds.PolicyNotAPolicy, 1)]
    [InlineData("statement-missing.json", ErrorIds.PolicyStatementMissing, 1)]
    [InlineData("statement-empty.json", ErrorIds.PolicyStatementEmpty, 1)]
    [InlineData("statement-is-a-string.json", ErrorIds.PolicyElementWrongType, 3)]
    [InlineData("action-is-a-number.json", ErrorIds.PolicyElementWrongType, 6)]
    [InlineData("resource-item-not-a-string.json", ErrorIds.PolicyElementWrongType, 9)]
    [InlineData("effect-not-allow-or-deny.json", ErrorIds.PolicyElementInvalid, 7)]
    [InlineData("effect-missing.json", ErrorIds.PolicyElementMissing, 6)]
    [InlineData("action-and-notaction.json", ErrorIds.PolicyElementInvalid, 4)]
    [InlineData("duplicate-key-in-policy.json", ErrorIds.PolicyDuplicateKey, 4)]
    [InlineData("duplicate-key-in-statement.json", ErrorIds.PolicyDuplicateKey, 8)]
    [InlineData("duplicate-key-in-condition.json", ErrorIds.PolicyDuplicateKey, 11)]
    [InlineData("duplicate-condition-operator.json", ErrorIds.PolicyDuplicateKey, 10)]
    public void Broken_policies_fail_with_a_specific_error_id_and_line(string file, string errorId, long line)
    {
        var error = ParseFails(TestFiles.ReadFixture("broken/" + file));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(line, error.Line);
        Assert.Contains($"(line {line})", error.Message);
    }

    [Theory]
    [InlineData("invalid-json.json")]
    [InlineData("top-level-string.json")]
    [InlineData("action-is-a-number.json")]
    [InlineData("duplicate-key-in-statement.json")]
    public void Bad_input_is_invalid_data(string file)
    {
        Assert.Equal(PolicyErrorKind.InvalidData, ParseFails(TestFiles.ReadFixture("broken/" + file)).Kind);
    }

    [Fact]
    public void Messages_name_what_is_wrong()
    {
        Assert.Contains("'Action'", ParseFails(TestFiles.ReadFixture("broken/action-is-a-number.json")).Message);
        Assert.Contains("a number", ParseFails(TestFiles.ReadFixture("broken/action-is-a-number.json")).Message);
        Assert.Contains("\"Permit\"", ParseFails(TestFiles.ReadFixture("broken/effect-not-allow-or-deny.json")).Message);
        Assert.Contains("'aws:RequestedRegion'", ParseFails(TestFiles.ReadFixture("broken/duplicate-key-in-condition.json")).Message);
        Assert.Contains("statement 1", ParseFails(TestFiles.ReadFixture("broken/effect-missing.json")).Message, System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Keys_are_compared_exactly_when_looking_for_duplicates()
    {
        // "resource" is another key than "Resource" (and no IAM element, so it is skipped).
        var statement = PolicyParser.Parse("""{ "Statement": [ { "Effect": "Allow", "Action": "ec2:*", "Resource": "*", "resource": "x" } ] }""").Statements[0];
        Assert.Equal(new[] { "*" }, statement.Resources);
    }

    [Fact]
    public void Both_Resource_and_NotResource_is_invalid()
    {
        var error = ParseFails("""{ "Statement": [ { "Effect": "Allow", "Action": "ec2:*", "Resource": "*", "NotResource": "*" } ] }""");
        Assert.Equal(ErrorIds.PolicyElementInvalid, error.ErrorId);
    }

    [Fact]
    public void A_statement_with_neither_Action_nor_NotAction_is_missing_an_element()
    {
        var error = ParseFails("""{ "Statement": [ { "Effect": "Allow", "Resource": "*" } ] }""");
        Assert.Equal(ErrorIds.PolicyElementMissing, error.ErrorId);
    }

    [Fact]
    public void A_condition_value_that_is_an_object_is_the_wrong_type()
    {
        var error = ParseFails("""{ "Statement": [ { "Effect": "Allow", "Action": "ec2:*", "Resource": "*", "Condition": { "StringEquals": { "aws:userid": { "a": 1 } } } } ] }""");
        Assert.Equal(ErrorIds.PolicyElementWrongType, error.ErrorId);
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_rejected_as_too_deep()
    {
        var deep = new string('[', 100) + new string(']', 100);
        var error = ParseFails("{ \"Extra\": " + deep + ", \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\" } ] }");
        Assert.Equal(ErrorIds.PolicyNestedTooDeeply, error.ErrorId);
        Assert.Equal(PolicyErrorKind.LimitExceeded, error.Kind);
    }

    [Fact]
    public void Nesting_within_the_limit_is_fine()
    {
        var deep = new string('[', 50) + new string(']', 50);
        var document = PolicyParser.Parse("{ \"Extra\": " + deep + ", \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\" } ] }");
        Assert.Single(document.Statements);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_text_is_empty_input(string text)
    {
        Assert.Equal(ErrorIds.PolicyInputEmpty, ParseFails(text).ErrorId);
    }

    [Fact]
    public void Empty_bytes_are_empty_input()
    {
        var error = Assert.Throws<PolicyParseException>(() => PolicyParser.ParseUtf8(new byte[0]));
        Assert.Equal(ErrorIds.PolicyInputEmpty, error.ErrorId);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    public void Valid_JSON_that_is_not_an_object_is_not_a_policy(string json)
    {
        Assert.Equal(ErrorIds.PolicyNotAPolicy, ParseFails(json).ErrorId);
        Assert.Equal(ErrorIds.PolicyNotAPolicy, Assert.Throws<PolicyParseException>(() => PolicyParser.ParseUtf8(Encoding.UTF8.GetBytes(json))).ErrorId);
    }

    [Fact]
    public void Text_that_is_neither_JSON_nor_URL_encoded_is_invalid_JSON()
    {
        var error = ParseFails("./policy.json");
        Assert.Equal(ErrorIds.PolicyJsonInvalid, error.ErrorId);
    }

    [Fact]
    public void A_large_policy_parses()
    {
        var statements = Enumerable.Range(0, 5000)
            .Select(i => Policy.Allow(new[] { "ec2:AttachVolume", "ec2:DetachVolume" }, new[] { $"arn:aws:ec2:us-east-1:123456789012:volume/vol-{i:x17}", $"arn:aws:ec2:us-east-1:123456789012:instance/i-{i:x17}" }))
            .ToArray();
        var text = Policy.Document(statements);
        Assert.True(text.Length > 1_000_000);
        var document = PolicyParser.Parse(text);
        Assert.Equal(5000, document.Statements.Count);
        Assert.Equal(4999, document.Statements[^1].Index);
    }

    [Fact]
    public void Large_documents_read_from_a_pooled_buffer_keep_their_lines_and_errors()
    {
        // Past the size from which Parse encodes into a pooled buffer: twice in a row, so that the
        // second parse gets the first one's (longer) buffer back and must stop at its own end.
        var statements = Enumerable.Range(0, 400).Select(i => $"  {{\"Sid\": \"S{i}\", \"Effect\": \"Allow\", \"Action\": \"ec2:DescribeVolumes\", \"Resource\": \"*\"}}");
        var text = "{\"Version\": \"2012-10-17\", \"Statement\": [\n" + string.Join(",\n", statements) + "\n]}\n";
        Assert.True(text.Length > 16 * 1024);

        var document = PolicyParser.Parse(text);
        Assert.Equal(400, document.Statements.Count);
        Assert.Equal(401, document.Statements[^1].Line);

        var shorter = text.Substring(0, text.Length - 3);   // cut before the closing "]}"
        var error = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(shorter));
        Assert.Equal(ErrorIds.PolicyJsonInvalid, error.ErrorId);
        Assert.Equal(document.Statements.Select(s => s.Line), PolicyParser.Parse(text).Statements.Select(s => s.Line));
    }
}
