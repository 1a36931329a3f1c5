using System.Management.Automation;
using System.Text;

namespace PolicyTools.Commands.Input;

/// <summary>
/// The lines of one file as <c>Get-Content</c> without <c>-Raw</c> sends them: each a string tagged
/// with the file's PSPath and its line number (ReadCount 1, 2, …). Users pipe files that way all the
/// time; read line by line, a policy is a string of JSON fragments, one error each. Consecutive lines
/// of one file are put back together and checked as that file.
/// </summary>
internal sealed class GetContentLines
{
    private readonly StringBuilder _text = new();
    private long _lastLine;

    private GetContentLines(string psPath, object first)
    {
        PSPath = psPath;
        First = first;
    }

    /// <summary>The provider path Get-Content read (<c>Microsoft.PowerShell.Core\FileSystem::/p/policy.json</c>).</summary>
    public string PSPath { get; }

    /// <summary>The first line's pipeline object, the target of errors about the whole text.</summary>
    public object First { get; }

    public string Text => _text.ToString();

    /// <summary>A line from Get-Content: a string with PSPath and ReadCount; null for anything else.</summary>
    public static (string PSPath, long Line, string Text)? TryRead(object? input)
    {
        if (input is not PSObject wrapper || wrapper.BaseObject is not string text) return null;
        if (wrapper.Properties["PSPath"]?.Value is not string psPath || psPath.Length == 0) return null;
        var readCount = wrapper.Properties["ReadCount"]?.Value;
        if (readCount is null) return null;
        try
        {
            return (psPath, System.Convert.ToInt64(readCount, System.Globalization.CultureInfo.InvariantCulture), text);
        }
        catch (System.Exception ex) when (ex is System.FormatException or System.InvalidCastException or System.OverflowException)
        {
            return null;
        }
    }

    public static GetContentLines Start((string PSPath, long Line, string Text) line, object input)
    {
        var lines = new GetContentLines(line.PSPath, input);
        lines.Append(line);
        return lines;
    }

    /// <summary>The next line of the same file (Get-Content -Raw sends each file as one "line 1").</summary>
    public bool Continues((string PSPath, long Line, string Text) line) =>
        line.Line == _lastLine + 1 && line.Line > 1 && string.Equals(line.PSPath, PSPath, System.StringComparison.Ordinal);

    public void Append((string PSPath, long Line, string Text) line)
    {
        if (_text.Length > 0 || _lastLine > 0) _text.Append('\n');
        _text.Append(line.Text);
        _lastLine = line.Line;
    }
}
