using System;

namespace PolicyTools.Inputs;

/// <summary>One policy document to analyse, with where it came from; plain or URL-encoded JSON text.</summary>
internal sealed class PolicyInput
{
    public PolicyInput(PolicySource source, string text)
        : this(source, text, 0, false)
    {
    }

    /// <summary>A document inside a larger file: <paramref name="line"/> is where its value starts there.</summary>
    public PolicyInput(PolicySource source, string text, int line, bool isOneLine)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Line = line;
        IsOneLine = isOneLine;
    }

    /// <summary>A file that is one document: <paramref name="utf8"/> is the file's bytes, UTF-8 without a BOM, that <paramref name="text"/> was decoded from.</summary>
    internal PolicyInput(PolicySource source, string text, byte[] utf8)
        : this(source, text, 0, false)
    {
        Utf8 = utf8;
    }

    public PolicySource Source { get; }

    public string Text { get; }

    /// <summary>
    /// <see cref="Text"/> as the UTF-8 bytes it was read from, when the document is a whole file in
    /// UTF-8 without a BOM; else null. The parser reads them instead of encoding the text again.
    /// </summary>
    internal byte[]? Utf8 { get; }

    /// <summary>1-based line in <see cref="PolicySource.File"/> where the document's value starts; 0 when the document is the whole input.</summary>
    public int Line { get; }

    /// <summary>True when the document is one string value of the file (URL-encoded): every statement is on <see cref="Line"/>.</summary>
    public bool IsOneLine { get; }

    /// <summary>The line in the input of a line of the document's own text.</summary>
    public int InputLine(int documentLine)
    {
        if (Line <= 0 || documentLine <= 0) return documentLine;
        return IsOneLine ? Line : Line + documentLine - 1;
    }
}

/// <summary>Which documents of an account's authorization details to take.</summary>
internal sealed class AuthorizationDetailsOptions
{
    /// <summary>Every stored version of customer managed policies, not only the default.</summary>
    public bool AllVersions { get; set; }

    /// <summary>AWS managed policies too (arn:aws:iam::aws:policy/…).</summary>
    public bool IncludeAwsManaged { get; set; }
}
