using System;
using System.Text;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// How a text file is encoded (UTF-8, UTF-16 or UTF-32, with or without a byte order mark), so
/// that a rewritten file keeps it. Line endings live in the text itself (see <see cref="JsonTextFormat"/>).
/// </summary>
internal sealed class TextFileFormat
{
    private TextFileFormat(Encoding encoding, bool byteOrderMark, string name)
    {
        Encoding = encoding;
        ByteOrderMark = byteOrderMark;
        Name = name;
    }

    /// <summary>The encoding, without a preamble of its own (see <see cref="ByteOrderMark"/>).</summary>
    public Encoding Encoding { get; }

    public bool ByteOrderMark { get; }

    /// <summary>e.g. "UTF-8 with BOM", "UTF-16 LE".</summary>
    public string Name { get; }

    /// <summary>The same rules as reading: a BOM decides; UTF-16 without a BOM shows zero bytes beside ASCII; otherwise UTF-8.</summary>
    public static TextFileFormat Detect(byte[] bytes)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        var encoding = PolicyText.DetectEncoding(bytes, out var bomLength, out var name);
        return new(encoding, bomLength > 0, name);
    }

    /// <summary>The bytes of the text in this format, with the byte order mark where the original had one.</summary>
    public byte[] Encode(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var body = Encoding.GetBytes(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
        if (!ByteOrderMark) return body;
        // The encodings above are made without preambles; the BOM is the encoded U+FEFF.
        var bom = Encoding.GetBytes("\uFEFF");
        var result = new byte[bom.Length + body.Length];
        Buffer.BlockCopy(bom, 0, result, 0, bom.Length);
        Buffer.BlockCopy(body, 0, result, bom.Length, body.Length);
        return result;
    }

    public override string ToString() => Name;
}
