using System;
using System.Collections.Generic;
using System.Text;

namespace PolicyTools.Formatting;

/// <summary>
/// Lays out the text of the default views (module/PolicyTools.format.ps1xml) so that they read the
/// same in any console of 80 columns or more: lines are broken between words, never inside one.
/// PowerShell's own table and custom-control wrapping breaks words in most cultures (it word-wraps
/// only for en, fr, de, it, pt and es, and the invariant culture of a C.UTF-8 terminal is none of
/// them), so the views hand it lines that already fit. Identifiers (finding codes, action names,
/// ARNs) are single words and are therefore never split by this layout.
/// </summary>
public static class ConsoleText
{
    /// <summary>The widest line the views write: one less than an 80-column console, so nothing wraps there.</summary>
    public const int Width = 79;

    /// <summary>The indentation of the text under a view's first line (a message, a list).</summary>
    public const int BodyIndent = 4;

    /// <summary>
    /// Breaks <paramref name="text"/> into lines of at most <paramref name="width"/> characters at
    /// spaces (line breaks in the text are kept; a line that fits is kept as written). A word longer
    /// than the width (a path, an ARN) is broken after a '/' or ':', or else left whole.
    /// </summary>
    public static string Wrap(string? text, int width) => string.Join("\n", Lines(text, width));

    /// <summary>
    /// <paramref name="text"/> wrapped to fit <see cref="Width"/> after <paramref name="indent"/>
    /// spaces, each line indented; for the message or list under a view's first line.
    /// </summary>
    public static string Indent(string? text, int indent = BodyIndent)
    {
        var pad = new string(' ', indent);
        var builder = new StringBuilder();
        foreach (var line in Lines(text, Math.Max(20, Width - indent)))
        {
            if (builder.Length > 0) builder.Append('\n');
            builder.Append(pad).Append(line);
        }
        return builder.ToString();
    }

    /// <summary>
    /// A row of a list laid out like a table without cutting anything: <paramref name="lead"/> (an
    /// action name with its padding) and <paramref name="text"/> on one line where they fit in
    /// <see cref="Width"/>; otherwise the lead alone, and the text wrapped and indented below it.
    /// </summary>
    public static string Row(string? lead, string? text)
    {
        lead ??= "";
        text ??= "";
        if (lead.Length + text.Length <= Width && text.IndexOf('\n') < 0) return (lead + text).TrimEnd();
        var body = Indent(text);
        return body.Length == 0 ? lead.TrimEnd() : lead.TrimEnd() + "\n" + body;
    }

    // The length of the longest head of the word, at most room long, that ends with '/' or ':'; 0 if none.
    private static int BreakAfter(string word, int room)
    {
        for (var i = Math.Min(room, word.Length) - 1; i > 0; i--)
        {
            if (word[i] == '/' || word[i] == ':') return i + 1;
        }
        return 0;
    }

    private static List<string> Lines(string? text, int width)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text)) return lines;
        if (width < 1) width = 1;
        foreach (var paragraph in text!.Replace("\r\n", "\n").Split('\n'))
        {
            if (paragraph.Length <= width)
            {
                // Kept as written (with its alignment) where it fits.
                lines.Add(paragraph.TrimEnd());
                continue;
            }
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                var rest = word;
                // A path or ARN longer than the line is broken after a '/' or ':', never inside a name.
                while (line.Length + rest.Length > width && BreakAfter(rest, width - line.Length) is var cut && cut > 0)
                {
                    lines.Add(line.Append(rest, 0, cut).ToString());
                    line.Clear();
                    rest = rest.Substring(cut);
                }
                line.Append(rest);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }
}
