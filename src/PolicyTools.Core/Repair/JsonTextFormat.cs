using System;
using System.Text.Json;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// The layout of a JSON document, so a rewritten one looks like the original: compact or indented,
/// the indent unit (two or four spaces, or a tab), CRLF or LF.
/// </summary>
internal sealed class JsonTextFormat
{
    private JsonTextFormat(bool indented, string indent, string newLine)
    {
        Indented = indented;
        Indent = indent;
        NewLine = newLine;
    }

    /// <summary>False for a document written on one line.</summary>
    public bool Indented { get; }

    public string Indent { get; }

    public string NewLine { get; }

    public static JsonTextFormat Detect(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var body = text.TrimEnd();
        var crlf = 0;
        var lf = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            if (i > 0 && text[i - 1] == '\r') crlf++;
            else lf++;
        }
        var newLine = crlf > lf ? "\r\n" : "\n";
        if (body.IndexOf('\n') < 0) return new JsonTextFormat(false, "", newLine);
        return new JsonTextFormat(true, DetectIndent(body), newLine);
    }

    /// <summary>
    /// Options that make <see cref="Utf8JsonWriter"/> write in this layout: the indent unit and line
    /// end of the document, or one line for a compact document.
    /// </summary>
    public JsonWriterOptions WriterOptions => new()
    {
        Indented = Indented,
        IndentCharacter = Indent.Length > 0 && Indent[0] == '\t' ? '\t' : ' ',
        IndentSize = Indent.Length == 0 ? 2 : Indent.Length,
        NewLine = NewLine,
        Encoder = JsonStrings.Encoder,
    };

    // The first indented line is one level deep: its leading white space is the unit.
    private static string DetectIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.Trim().Length == 0) continue;
            if (line[0] == '\t') return "\t";
            var spaces = 0;
            while (spaces < line.Length && line[spaces] == ' ') spaces++;
            if (spaces == 0) continue;
            return new string(' ', Math.Min(spaces, 8));
        }
        return "  ";
    }
}
