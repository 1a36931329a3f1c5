using System;
using System.Linq;
using System.Text;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Testing;
using Xunit;

namespace PolicyTools.Tests.Robustness;

/// <summary>Design §6 at the core: every bad input is a <see cref="PolicyParseException"/> with a specific id, never another exception.</summary>
public sealed class HostileInputTests
{
    private static readonly PolicyAnalyzer s_analyzer = PolicyAnalyzer.For(TestMaps.Ec2);
    private const string Good = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:volume/*\"}]}";

    [Theory]
    [InlineData("{\"Statement\": [", ErrorIds.PolicyJsonInvalid)]
    [InlineData("{\"Version\": \"2012-10-17\" \"Statement\": []}", ErrorIds.PolicyJsonInvalid)]
    [InlineData("not json at all", ErrorIds.PolicyJsonInvalid)]
    [InlineData("{\"a\": 1} trailing", ErrorIds.PolicyJsonInvalid)]
    [InlineData("[1, 2, 3]", ErrorIds.PolicyNotAPolicy)]
    [InlineData("{\"Version\": \"2012-10-17\"}", ErrorIds.PolicyStatementMissing)]
    [InlineData("{\"Version\": \"2012-10-17\", \"Statement\": []}", ErrorIds.PolicyStatementEmpty)]
    [InlineData("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": 42, \"Resource\": \"*\"}]}", ErrorIds.PolicyElementWrongType)]
    [InlineData("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"ec2:*\", 7], \"Resource\": \"*\"}]}", ErrorIds.PolicyElementWrongType)]
    [InlineData("{\"Statement\": [{\"Effect\": true, \"Action\": \"ec2:*\", \"Resource\": \"*\"}]}", ErrorIds.PolicyElementWrongType)]
    [InlineData("{\"Statement\": \"all\"}", ErrorIds.PolicyElementWrongType)]
    [InlineData("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}", ErrorIds.PolicyDuplicateKey)]
    [InlineData("{\"Statement\": [], \"Statement\": []}", ErrorIds.PolicyDuplicateKey)]
    [InlineData("%7B%22Statement%22%3A%5B", ErrorIds.PolicyJsonInvalid)]
    [InlineData("%41%42%43", ErrorIds.PolicyUrlDecodingFailed)]
    [InlineData("%E0%A4%A", ErrorIds.PolicyUrlDecodingFailed)]
    [InlineData("   ", ErrorIds.PolicyInputEmpty)]
    [InlineData("{\"Statement\": [{\"Sid\": \"\\ud800\", \"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}]}", ErrorIds.PolicyJsonInvalid)]
    public void BadTextGivesTheSpecificError(string text, string errorId)
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyCheck.Run(s_analyzer, Input(text)));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void DeeplyNestedJsonIsTooDeep()
    {
        var text = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\", \"Extra\": " + PolicyMutations.Nest("1", 100_000, objects: false) + "}]}";
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text));
        Assert.Equal(ErrorIds.PolicyNestedTooDeeply, ex.ErrorId);
    }

    [Fact]
    public void InvalidUtf8IsAnEncodingError()
    {
        var bytes = PolicyMutations.InsertUnicode(Encoding.UTF8.GetBytes(Good), 40, new[] { 0 }, raw: true);
        var ex = Assert.Throws<PolicyParseException>(() => PolicyText.FromBytes(bytes));
        Assert.Equal(ErrorIds.PolicyEncodingInvalid, ex.ErrorId);
        Assert.Equal(1, ex.Line);
    }

    [Theory]
    [InlineData(0)] // UTF-8 BOM
    [InlineData(1)] // UTF-16 LE BOM
    [InlineData(2)] // UTF-16 BE BOM
    [InlineData(3)] // UTF-16 LE, no BOM
    [InlineData(4)] // UTF-16 BE, no BOM
    [InlineData(5)] // UTF-32 LE BOM
    [InlineData(6)] // CRLF and tabs
    public void EncodingsAndLineEndingsGiveTheSameFindings(int kind)
    {
        var text = new PolicyGenerator(5).Next(6).Replace("\"Resource\": \"*\"", "\"Resource\": \"arn:aws:ec2:*:*:volume/*\"");
        var expected = Summary(PolicyCheck.Run(s_analyzer, Input(text)));
        var bytes = PolicyMutations.Reencode(text, kind);
        var actual = Summary(PolicyCheck.Run(s_analyzer, Input(PolicyText.FromBytes(bytes))));
        Assert.Equal(expected, actual);
        Assert.NotEmpty(expected);
    }

    [Fact]
    public void BomInAStringIsIgnored()
    {
        var findings = PolicyCheck.Run(s_analyzer, Input("\uFEFF" + Good));
        Assert.Contains(findings, f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported);
    }

    [Fact]
    public void MegabyteDocumentsAreAnalysed()
    {
        var text = new PolicyGenerator(9).OfSize(4_000_000);
        Assert.True(text.Length >= 4_000_000);
        var document = PolicyParser.Parse(text);
        var findings = s_analyzer.Analyze(document, new PolicySource("big"));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.InRange(f.StatementIndex, 0, document.Statements.Count - 1));
    }

    [Fact]
    public void TwentyThousandStatementsAreAnalysed()
    {
        var statements = Enumerable.Range(0, 20_000).Select(i => i % 2 == 0
            ? "{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:volume/vol-" + i + "\"}"
            : "{\"Effect\":\"Allow\",\"Action\":[\"ec2:AttachVolume\",\"ec2:DetachVolume\"],\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:subnet/s-" + i + "\"}");
        var text = "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",\n", statements) + "]}";
        var findings = PolicyCheck.Run(s_analyzer, Input(text));
        Assert.Equal(10_000, findings.Count(f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported));
        Assert.Equal(10_000, findings.Count(f => f.Code == FindingCodes.ResourceTypeMismatch));
        Assert.Equal(20_000, findings.Select(f => f.StatementIndex).Distinct().Count());
        Assert.Equal(20_000, findings.Max(f => f.Line));
    }

    [Fact]
    public void ManyConditionKeysAndObjectKeysStayCheap()
    {
        var keys = string.Join(",", Enumerable.Range(0, 20_000).Select(i => "\"ec2:Key" + i + "\": \"v\""));
        var text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{" + keys + "}}}]}";
        var findings = PolicyCheck.Run(s_analyzer, Input(text));
        Assert.Contains(findings, f => f.Code == FindingCodes.ConditionKeyNotSupported);
    }

    [Fact]
    public void HugeStringsAreAnalysed()
    {
        var text = PolicyMutations.HugeString(Good, 7, 1_000_000, "ab*?:");
        var exception = Record.Exception(() => PolicyCheck.Run(s_analyzer, Input(text)));
        Assert.True(exception is null or PolicyParseException, exception?.ToString());
    }

    private static PolicyInput Input(string text) => new(new PolicySource("test"), text);

    private static string[] Summary(System.Collections.Generic.IReadOnlyList<PolicyFinding> findings) =>
        findings.Select(f => $"{f.StatementIndex}|{f.Code}|{f.Severity}|{f.Actions}|{f.Resources}|{f.Line}").ToArray();
}
