using System;
using System.IO;
using System.Linq;
using System.Text;
using PolicyTools.Policies;
using PolicyTools.Repair;
using Xunit;

namespace PolicyTools.Tests;

/// <summary>Keeping a file's encoding, byte order mark, line endings and indentation, and replacing it atomically.</summary>
public sealed class RepairFileTests
{
    private const string Broken = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": [\"ec2:DescribeVolumes\", \"ec2:DeleteVolume\"], \"Resource\": \"arn:aws:ec2:us-east-1:123456789012:volume/*\"}\n  ]\n}\n";

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "UTF-8", Encoding.UTF8.GetBytes(Broken) },
        { "UTF-8 with BOM", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Broken.Replace("\n", "\r\n"))).ToArray() },
        { "UTF-16 LE with BOM", new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(Broken)).ToArray() },
        { "UTF-16 BE with BOM", new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes(Broken.Replace("\n", "\r\n"))).ToArray() },
        { "UTF-16 LE", Encoding.Unicode.GetBytes(Broken) },
        { "UTF-32 LE with BOM", new byte[] { 0xFF, 0xFE, 0, 0 }.Concat(new UTF32Encoding(false, false).GetBytes(Broken)).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ARepairedFileKeepsItsEncodingBomAndLineEndings(string name, byte[] bytes)
    {
        var format = TextFileFormat.Detect(bytes);
        Assert.Equal(name, format.Name);

        var text = PolicyText.FromBytes(bytes);
        Assert.Equal(bytes, format.Encode(text));

        var result = RepairTestSupport.Repair(text);
        Assert.True(result.Changed);
        var written = format.Encode(result.PolicyDocument);
        Assert.Equal(TextFileFormat.Detect(written).Name, name);
        var back = PolicyText.FromBytes(written);
        Assert.Equal(result.PolicyDocument, back);
        var crlf = text.Contains("\r\n", StringComparison.Ordinal);
        Assert.Equal(crlf, back.Contains("\r\n", StringComparison.Ordinal));
        if (crlf) Assert.DoesNotContain("\n", back.Replace("\r\n", ""), StringComparison.Ordinal);
        Assert.EndsWith(crlf ? "}\r\n" : "}\n", back, StringComparison.Ordinal);
        Assert.Contains((crlf ? "\r\n" : "\n") + "  \"Statement\": [", back, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomicReplaceSwapsTheContentAndLeavesNoTemporaryFile()
    {
        var directory = Directory.CreateTempSubdirectory("policytools-repair-");
        try
        {
            var path = Path.Combine(directory.FullName, "p.json");
            File.WriteAllText(path, "old");
            AtomicFile.Replace(path, Encoding.UTF8.GetBytes("new"));
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void AtomicReplaceOfAMissingDirectoryFailsAndLeavesNothing()
    {
        var path = Path.Combine(Path.GetTempPath(), "policytools-no-such-dir-" + Guid.NewGuid().ToString("N"), "p.json");
        Assert.ThrowsAny<IOException>(() => AtomicFile.Replace(path, new byte[] { 1 }));
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("{\"a\":1}", false, "", "\n")]
    [InlineData("{\n  \"a\": 1\n}\n", true, "  ", "\n")]
    [InlineData("{\r\n    \"a\": 1\r\n}", true, "    ", "\r\n")]
    [InlineData("{\n\t\"a\": 1\n}", true, "\t", "\n")]
    public void TheLayoutOfADocumentIsDetected(string text, bool indented, string indent, string newLine)
    {
        var format = JsonTextFormat.Detect(text);
        Assert.Equal((indented, indent, newLine), (format.Indented, format.Indent, format.NewLine));
    }

    [Theory]
    [InlineData("{\r\n    \"a\": 1\r\n}\r\n", "{\r\n    \"a\": [\r\n        \"x  y\\n  z\"\r\n    ]\r\n}")]
    [InlineData("{\n\t\"a\": 1\n}", "{\n\t\"a\": [\n\t\t\"x  y\\n  z\"\n\t]\n}")]
    [InlineData("{\"a\":1}", "{\"a\":[\"x  y\\n  z\"]}")]
    public void TheWriterIsSetToTheDocumentsLayout(string document, string expected)
    {
        var format = JsonTextFormat.Detect(document);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, format.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("a");
            writer.WriteStringValue("x  y\n  z");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Theory]
    [InlineData("Stmt1", true)]
    [InlineData("Stmt-1", false)]
    public void SidValidity(string sid, bool valid) => Assert.Equal(valid, SidAllocator.IsValid(sid));
}
