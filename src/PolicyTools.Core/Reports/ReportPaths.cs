using System;
using System.IO;
using System.Linq;

namespace PolicyTools.Reports;

/// <summary>Turns a finding's <c>Source</c> into what reports print: a path relative to the base folder, or a URI.</summary>
internal static class ReportPaths
{
    private static readonly bool s_windows = Path.DirectorySeparatorChar == '\\';

    private static StringComparison PathComparison => s_windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// True when the source names a file: files are read with full paths, while IAM documents are
    /// named by ARN (<c>arn:aws:iam::…</c>), <c>role/Name/Policy</c> or <c>&lt;string&gt;</c>.
    /// </summary>
    public static bool IsFile(string source)
    {
        if (string.IsNullOrEmpty(source) || source.StartsWith("arn:", StringComparison.Ordinal)) return false;
        try
        {
            return Path.IsPathRooted(source) && (source[0] == '/' || source[0] == '\\' || (source.Length > 2 && source[1] == ':'));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The full base folder: the given one, or the current directory.</summary>
    public static string Base(string? basePath) =>
        Path.GetFullPath(string.IsNullOrEmpty(basePath) ? Directory.GetCurrentDirectory() : basePath);

    /// <summary>The path of <paramref name="file"/> under <paramref name="basePath"/> with '/' separators, or null when it is not under it.</summary>
    public static string? Relative(string file, string basePath)
    {
        string full, root;
        try
        {
            full = Path.GetFullPath(file);
            root = Path.GetFullPath(basePath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        if (root.Length == 0) return null;
        var last = root[root.Length - 1];
        if (last != Path.DirectorySeparatorChar && last != Path.AltDirectorySeparatorChar) root += Path.DirectorySeparatorChar;
        if (full.Length <= root.Length || !full.StartsWith(root, PathComparison)) return null;
        return full.Substring(root.Length).Replace('\\', '/');
    }

    /// <summary>A relative path as a URI reference: each segment percent-encoded, '/' kept.</summary>
    public static string ToUriReference(string relativePath) =>
        string.Join("/", relativePath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>An absolute path as a file URI (<c>file:///home/ana/p.json</c>).</summary>
    public static string ToFileUri(string path, bool directory = false)
    {
        var full = Path.GetFullPath(path);
        if (directory && !full.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) && !full.EndsWith("/", StringComparison.Ordinal))
            full += Path.DirectorySeparatorChar;
        return new Uri(full).AbsoluteUri;
    }
}
