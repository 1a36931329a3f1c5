using System;
using System.Linq;
using System.Text;
using PolicyTools.Policies;

namespace PolicyTools.Tests.Policies;

public class PolicyTextTests
{
    // After decoding, the condition value really is "100%25-off%41": literal percent signs that must survive.
    private const string PolicyWithPercentSigns =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"*","Condition":{"StringLike":{"aws:userid":"100%25-off%41"}}}]}""";

    private static PolicyParseException DecodeFails(string text) => Assert.Throws<PolicyParseException>(() => PolicyText.Decode(text));

    [Fact]
    public void Plain_JSON_is_returned_untouched()
    {
        Assert.Same(PolicyWithPercentSigns, PolicyText.Decode(PolicyWithPercentSigns));
        Assert.False(PolicyText.IsUrlEncoded(PolicyWithPercentSigns));
    }

    [Fact]
    public void Plain_JSON_keeps_its_leading_blank_lines_so_statement_lines_stay_true()
    {
        var text = "\n\n" + PolicyWithPercentSigns;
        Assert.Equal(text, PolicyText.Decode(text));
        Assert.Equal(3, PolicyParser.Parse(text).Statements[0].Line);
    }

    [Fact]
    public void Percent_escapes_in_plain_JSON_are_kept_literally()
    {
        var clause = PolicyParser.Parse(PolicyWithPercentSigns).Statements[0].Conditions.Single();
        Assert.Equal("100%25-off%41", clause.Values.Single());
    }

    [Fact]
    public void URL_encoded_documents_are_decoded_exactly_once()
    {
        var encoded = Uri.EscapeDataString(PolicyWithPercentSigns);
        Assert.StartsWith("%7B%22Version%22", encoded);
        Assert.Contains("%2525", encoded);
        Assert.True(PolicyText.IsUrlEncoded(encoded));

        Assert.Equal(PolicyWithPercentSigns, PolicyText.Decode(encoded));
        var clause = PolicyParser.Parse(encoded).Statements[0].Conditions.Single();
        Assert.Equal("100%25-off%41", clause.Values.Single());
    }

    [Fact]
    public void URL_encoded_documents_with_surrounding_whitespace_are_decoded()
    {
        var encoded = "  \r\n" + Uri.EscapeDataString(PolicyWithPercentSigns) + "\n";
        Assert.Equal(PolicyWithPercentSigns, PolicyText.Decode(encoded));
    }

    [Fact]
    public void A_document_URL_encoded_twice_is_not_decoded_twice()
    {
        var twice = Uri.EscapeDataString(Uri.EscapeDataString(PolicyWithPercentSigns));
        Assert.Equal(ErrorIds.PolicyUrlDecodingFailed, DecodeFails(twice).ErrorId);
    }

    [Theory]
    [InlineData("%41%42%43")] // decodes to "ABC", not JSON
    [InlineData("%FF%FE%00")] // decodes to bytes that are not UTF-8
    [InlineData("%5B1%2C2%5D")] // decodes to [1,2], which is no policy object
    [InlineData("%20%20")] // decodes to nothing but blanks
    public void URL_encoded_garbage_fails_to_decode(string text)
    {
        var error = DecodeFails(text);
        Assert.Equal(ErrorIds.PolicyUrlDecodingFailed, error.ErrorId);
        Assert.Equal(PolicyErrorKind.InvalidData, error.Kind);
        Assert.Equal(ErrorIds.PolicyUrlDecodingFailed, Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text)).ErrorId);
    }

    [Fact]
    public void A_leading_BOM_character_is_stripped()
    {
        var text = "\uFEFF" + PolicyWithPercentSigns;
        Assert.Equal(PolicyWithPercentSigns, PolicyText.Decode(text));
        Assert.Single(PolicyParser.Parse(text).Statements);
    }

    [Fact]
    public void A_BOM_before_URL_encoded_text_is_stripped_too()
    {
        Assert.Equal(PolicyWithPercentSigns, PolicyText.Decode("\uFEFF" + Uri.EscapeDataString(PolicyWithPercentSigns)));
    }

    public static TheoryData<string, byte[]> EncodedFiles()
    {
        var text = PolicyWithPercentSigns + "\n";
        return new TheoryData<string, byte[]>
        {
            { "UTF-8", Encoding.UTF8.GetBytes(text) },
            { "UTF-8 with BOM", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray() },
            { "UTF-16 LE with BOM", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray() },
            { "UTF-16 BE with BOM", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray() },
            { "UTF-16 LE without BOM", Encoding.Unicode.GetBytes(text) },
            { "UTF-16 BE without BOM", Encoding.BigEndianUnicode.GetBytes(text) },
            { "UTF-32 LE with BOM", Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(text)).ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(EncodedFiles))]
    public void File_bytes_in_every_supported_encoding_give_the_same_text(string encoding, byte[] bytes)
    {
        var text = PolicyText.FromBytes(bytes);
        Assert.True(text == PolicyWithPercentSigns + "\n", $"{encoding} gave {text}");
        Assert.Single(PolicyParser.Parse(text).Statements);
    }

    [Fact]
    public void Non_ASCII_text_survives_UTF_16_without_BOM()
    {
        var json = """{"Statement":[{"Sid":"Müller","Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";
        Assert.Equal(json, PolicyText.FromBytes(Encoding.Unicode.GetBytes(json)));
        Assert.Equal(json, PolicyText.FromBytes(Encoding.BigEndianUnicode.GetBytes(json)));
        Assert.Equal(json, PolicyText.FromBytes(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Invalid_UTF_8_is_an_encoding_error_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"Statement\": [\n    {\"Sid\": \"")
            .Concat(new byte[] { 0xC3, 0x28 }) // a lead byte followed by no continuation byte
            .Concat(Encoding.UTF8.GetBytes("\", \"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}\n  ]\n}"))
            .ToArray();

        var error = Assert.Throws<PolicyParseException>(() => PolicyText.FromBytes(bytes));
        Assert.Equal(ErrorIds.PolicyEncodingInvalid, error.ErrorId);
        Assert.Equal(PolicyErrorKind.InvalidEncoding, error.Kind);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Invalid_UTF_8_after_a_BOM_is_an_encoding_error()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', 0xFF, (byte)'}' };
        Assert.Equal(ErrorIds.PolicyEncodingInvalid, Assert.Throws<PolicyParseException>(() => PolicyText.FromBytes(bytes)).ErrorId);
    }

    [Fact]
    public void Empty_text_is_empty_input()
    {
        Assert.Equal(ErrorIds.PolicyInputEmpty, DecodeFails(" \uFEFF\n").ErrorId);
    }

    [Fact]
    public void Text_that_is_not_a_document_says_to_use_Path()
    {
        var error = DecodeFails("C:\\policies\\policy.json");
        Assert.Equal(ErrorIds.PolicyJsonInvalid, error.ErrorId);
        Assert.Contains("-Path", error.Message);
    }
}
