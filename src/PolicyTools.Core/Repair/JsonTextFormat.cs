using System;
using System.Text;

namespace PolicyTools.Repair;

/// <summary>
/// The layout of a JSON document, so a rewritten one looks like the original: compact or indented,
/// the indent unit (two or four spaces, or a tab), CRLF or LF, and a final newline.
/// </summary>
internal sealed class JsonTextFormat
{
    private JsonTextFormat(bool indented, string indent, string newLine, bool finalNewLine)
    {
        Indented = indented;
        Indent = indent;
        NewLine = newLine;
        FinalNewLine = finalNewLine;
    }

    public static JsonTextFormat Default { get; } = new(true, "  ", "\n", false);

    /// <summary>False for a document written on one line.</summary>
    public bool Indented { get; }

    public string Indent { get; }

    public string NewLine { get; }

    public bool FinalNewLine { get; }

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
        var finalNewLine = text.EndsWith("\n", StringComparison.Ordinal);
        if (body.IndexOf('\n') < 0) return new JsonTextFormat(false, "", newLine, finalNewLine);
        return new JsonTextFormat(true, DetectIndent(body), newLine, finalNewLine);
    }

    /// <summary>
    /// Turns <c>Utf8JsonWriter</c> output (two-space indent) into this layout. Safe line by line:
    /// the writer escapes every newline inside strings, so each line's leading spaces are indentation.
    /// </summary>
    public string Apply(string writerOutput)
    {
        var text = writerOutput.Replace("\r\n", "\n");
        if (!Indented) return FinalNewLine ? text + NewLine : text;
        var lines = text.Split('\n');
        var builder = new StringBuilder(text.Length + text.Length / 4);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) builder.Append(NewLine);
            var line = lines[i];
            var spaces = 0;
            while (spaces < line.Length && line[spaces] == ' ') spaces++;
            for (var level = 0; level < spaces / 2; level++) builder.Append(Indent);
            if (spaces % 2 == 1) builder.Append(' ');
            builder.Append(line, spaces, line.Length - spaces);
        }
        if (FinalNewLine) builder.Append(NewLine);
        return builder.ToString();
    }

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
