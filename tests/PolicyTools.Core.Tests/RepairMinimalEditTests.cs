using System;
using System.Linq;
using PolicyTools.Repair;
using Xunit;

namespace PolicyTools.Tests;

/// <summary>
/// A repair changes only the statements it repairs: every other byte of the original text is
/// kept, so a diff of the file shows just the repair; changed and added statements follow the
/// file's own indentation and line ends.
/// </summary>
public sealed class RepairMinimalEditTests
{
    private const string Volumes = "arn:aws:ec2:us-east-1:123456789012:volume/*";

    // A: DescribeVolumes moves to a "*" statement of its own, DeleteVolume stays (the repair of A).
    private const string Repaired = "{ \"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": [\"ec2:DescribeVolumes\", \"ec2:DeleteVolume\"], \"Resource\": [\"" + Volumes + "\"] }";
    private const string UntouchedB = "{ \"Sid\": \"B\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], \"Resource\": [\"arn:aws:s3:::bucket/*\"] }";
    private const string UntouchedC = "{\"Sid\":\"C\",\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeInstances\",\"Resource\":\"*\"}";

    private static PolicyRepairResult Fix(string json) => RepairTestSupport.Repair(json);

    [Fact]
    public void ACompactlyFormattedFileChangesOnlyItsRepairedStatement()
    {
        var original = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + Repaired + ",\n    " + UntouchedB + ",\n    " + UntouchedC + "\n  ]\n}\n";
        var result = Fix(original);

        Assert.True(result.Changed);
        var before = original.Substring(0, original.IndexOf(Repaired, StringComparison.Ordinal));
        var after = original.Substring(original.IndexOf(Repaired, StringComparison.Ordinal) + Repaired.Length);
        Assert.StartsWith(before, result.PolicyDocument, StringComparison.Ordinal);
        Assert.EndsWith(after, result.PolicyDocument, StringComparison.Ordinal);

        // The repaired statement and the one added after it are written in the file's indentation
        // (two spaces a level, the statements four deep), separated as the file separates statements.
        var middle = result.PolicyDocument.Substring(before.Length, result.PolicyDocument.Length - before.Length - after.Length);
        Assert.StartsWith("{\n      \"Sid\": \"A\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"ec2:DeleteVolume\"\n      ],", middle, StringComparison.Ordinal);
        Assert.Contains("\n    },\n    {\n      \"Sid\": ", middle, StringComparison.Ordinal);
        Assert.EndsWith("\n    }", middle, StringComparison.Ordinal);
        Assert.DoesNotContain("\t", middle, StringComparison.Ordinal);
        Assert.Equal(4, RepairTestSupport.StatementCount(result.PolicyDocument));
    }

    [Fact]
    public void OnlyTheRepairedLinesDifferInAFourSpaceCrlfFile()
    {
        var original = "{\r\n    \"Version\": \"2012-10-17\",\r\n    \"Statement\": [\r\n        " + UntouchedB + ",\r\n        " + UntouchedC + ",\r\n        " + Repaired + "\r\n    ]\r\n}\r\n";
        var result = Fix(original);

        var originalLines = original.Split(new[] { "\r\n" }, StringSplitOptions.None);
        var repairedLines = result.PolicyDocument.Split(new[] { "\r\n" }, StringSplitOptions.None);
        Assert.DoesNotContain("\n", result.PolicyDocument.Replace("\r\n", ""), StringComparison.Ordinal);
        // Lines 0-4 (up to and with B and C) and the closing two lines are the original's, byte for byte.
        Assert.Equal(originalLines.Take(5), repairedLines.Take(5));
        Assert.Equal(originalLines.Reverse().Take(3), repairedLines.Reverse().Take(3));
        Assert.Equal("        {", repairedLines[5]);
        Assert.Equal("            \"Sid\": \"A\",", repairedLines[6]);
        // The added statement follows with the separator the file puts between statements.
        Assert.Contains("\r\n        },\r\n        {\r\n            \"Sid\": ", result.PolicyDocument, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOnOneLineStaysOnOneLineWithItsUntouchedStatementsAsWritten()
    {
        var original = "{\"Version\": \"2012-10-17\", \"Statement\": [" + UntouchedB + ", " + Repaired + "]}";
        var result = Fix(original);

        Assert.DoesNotContain("\n", result.PolicyDocument, StringComparison.Ordinal);
        Assert.StartsWith("{\"Version\": \"2012-10-17\", \"Statement\": [" + UntouchedB + ", {\"Sid\":\"A\"", result.PolicyDocument, StringComparison.Ordinal);
        // The added statement is separated as the file separates statements (", ").
        Assert.Contains("}, {\"Sid\":", result.PolicyDocument, StringComparison.Ordinal);
        Assert.EndsWith("}]}", result.PolicyDocument, StringComparison.Ordinal);
    }

    [Fact]
    public void AStatementObjectBecomesAListInTheFilesIndentationAndTheRestIsKept()
    {
        var original = "{\n\t\"Version\" : \"2012-10-17\",\n\t\"Id\" : \"kept\",\n\t\"Statement\" : " + Repaired + "\n}";
        var result = Fix(original);

        Assert.StartsWith("{\n\t\"Version\" : \"2012-10-17\",\n\t\"Id\" : \"kept\",\n\t\"Statement\" : [\n\t\t{\n\t\t\t\"Sid\": \"A\",", result.PolicyDocument, StringComparison.Ordinal);
        Assert.EndsWith("\n\t\t}\n\t]\n}", result.PolicyDocument, StringComparison.Ordinal);
        Assert.Equal(2, RepairTestSupport.StatementCount(result.PolicyDocument));
    }

    [Fact]
    public void EscapesAndSpacingOfUntouchedStatementsAreKept()
    {
        var untouched = "{ \"Sid\" : \"E\" , \"Effect\":\"Allow\", \"Action\" : \"s3:\\u0047etObject\", \"Resource\": \"arn:aws:s3:::a\\/b\" }";
        var original = "{\"Version\":\"2012-10-17\",\"Statement\":[\n" + untouched + ",\n" + Repaired + "\n]}";
        var result = Fix(original);

        Assert.StartsWith("{\"Version\":\"2012-10-17\",\"Statement\":[\n" + untouched + ",\n", result.PolicyDocument, StringComparison.Ordinal);
    }
}
