using System;
using System.Text;
using System.Text.Json;

namespace PolicyTools.Policies;

/// <summary>
/// Turns what users hand us into JSON text: strips a BOM, and decodes URL-encoded documents
/// (what the IAM API and AWS.Tools return) exactly once, so a literal '%' in a condition survives.
/// </summary>
internal static class PolicyText
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsUrlEncoded(string text)
    {
        var trimmed = TrimStart(text);
        return trimmed.Length > 0 && trimmed[0] == '%';
    }

    /// <summary>Returns the JSON text of a document given as plain or URL-encoded JSON.</summary>
    public static string Decode(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var trimmed = TrimStart(text);
        if (trimmed.Length == 0)
            throw new PolicyParseException(ErrorIds.PolicyInputEmpty, PolicyErrorKind.InvalidData, "The policy text is empty.");
        // Plain JSON keeps its leading lines so that statement line numbers stay true.
        if (trimmed[0] == '{' || trimmed[0] == '[') return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        // Other JSON values ("text", 42, null) go to the parser, which says they are not a policy.
        if (trimmed[0] != '%' && IsJsonValue(trimmed)) return text[0] == '\uFEFF' ? text.Substring(1) : text;
        if (trimmed[0] != '%' && ForeignDocument.DescribeText(trimmed) is { } what)
            throw new PolicyParseException(ErrorIds.PolicyNotAPolicy, PolicyErrorKind.InvalidData, what, 1);
        if (trimmed[0] != '%')
            throw new PolicyParseException(ErrorIds.PolicyJsonInvalid, PolicyErrorKind.InvalidData,
                $"The text is neither JSON nor URL-encoded JSON (it starts with \"{Preview(trimmed)}\")." + (LooksLikePath(trimmed) ? " To read the file it names, use -Path." : ""), 1);

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(trimmed.Trim());
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException)
        {
            throw new PolicyParseException(ErrorIds.PolicyUrlDecodingFailed, PolicyErrorKind.InvalidData, "The URL-encoded document cannot be decoded: " + ex.Message, 0, ex);
        }
        var json = TrimStart(decoded);
        if (json.Length == 0 || json[0] != '{' || decoded.IndexOf('\uFFFD') >= 0)
            throw new PolicyParseException(ErrorIds.PolicyUrlDecodingFailed, PolicyErrorKind.InvalidData,
                $"The URL-encoded document decodes to text that is not a JSON policy (it starts with \"{Preview(json)}\").", 0);
        return json;
    }

    // A file name piped or passed as text (where the file's content was meant): one short line naming a path.
    private static bool LooksLikePath(string text)
    {
        var line = text.Trim();
        return line.Length < 260 && line.IndexOf('\n') < 0
            && (line.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || line.IndexOf('/') >= 0 || line.IndexOf('\\') >= 0);
    }

    /// <summary>Turns file bytes into text: BOMs for UTF-8/16/32 are honoured, otherwise the bytes must be valid UTF-8.</summary>
    public static string FromBytes(byte[] bytes)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        var encoding = DetectEncoding(bytes, out var bomLength, out _);
        try
        {
            return encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? ex.Index + bomLength : -1;
            var line = offset >= 0 ? LineAt(bytes, offset) : 0;
            throw new PolicyParseException(ErrorIds.PolicyEncodingInvalid, PolicyErrorKind.InvalidEncoding,
                offset >= 0 ? $"The file is not valid UTF-8 text: byte {offset} cannot be decoded." : "The file is not valid UTF-8 text.", line, ex);
        }
    }

    /// <summary>
    /// How file bytes are encoded, the one rule for reading and for rewriting a file in kind: a BOM
    /// decides (UTF-8, UTF-16, UTF-32); JSON starts with ASCII, so UTF-16 without a BOM shows a zero
    /// byte beside the first character; otherwise UTF-8. The encodings throw on invalid bytes and
    /// have no preamble of their own; <paramref name="bomLength"/> is 0 when there is no BOM.
    /// </summary>
    internal static Encoding DetectEncoding(byte[] b, out int bomLength, out string name)
    {
        bomLength = 0;
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return Bom(4, new UTF32Encoding(false, false, true), "UTF-32 LE with BOM", out bomLength, out name);
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return Bom(4, new UTF32Encoding(true, false, true), "UTF-32 BE with BOM", out bomLength, out name);
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return Bom(3, s_strictUtf8, "UTF-8 with BOM", out bomLength, out name);
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return Bom(2, new UnicodeEncoding(false, false, true), "UTF-16 LE with BOM", out bomLength, out name);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return Bom(2, new UnicodeEncoding(true, false, true), "UTF-16 BE with BOM", out bomLength, out name);
        name = "UTF-8";
        if (b.Length < 4 || b.Length % 2 != 0) return s_strictUtf8;
        if (b[0] != 0 && b[1] == 0 && b[3] == 0)
        {
            name = "UTF-16 LE";
            return new UnicodeEncoding(false, false, true);
        }
        if (b[0] == 0 && b[1] != 0 && b[2] == 0)
        {
            name = "UTF-16 BE";
            return new UnicodeEncoding(true, false, true);
        }
        return s_strictUtf8;

        static Encoding Bom(int length, Encoding encoding, string what, out int bomLength, out string name)
        {
            bomLength = length;
            name = what;
            return encoding;
        }
    }

    private static bool IsJsonValue(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static long LineAt(byte[] bytes, int offset)
    {
        long line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++) if (bytes[i] == (byte)'\n') line++;
        return line;
    }

    private static string TrimStart(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF')) i++;
        return i == 0 ? text : text.Substring(i);
    }

    private static string Preview(string text)
    {
        var preview = text.Length > 24 ? text.Substring(0, 24) + "…" : text;
        var builder = new StringBuilder(preview.Length);
        foreach (var c in preview) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString();
    }
}
