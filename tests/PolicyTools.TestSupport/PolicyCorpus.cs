using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PolicyTools.Testing;

/// <summary>The real policies in tests/corpus/real (146 documents from public repositories).</summary>
public static class PolicyCorpus
{
    /// <summary>
    /// The corpus folder: <c>corpus/real</c> next to the calling assembly (test projects copy it
    /// there), else <c>tests/corpus/real</c> found by walking up from <paramref name="start"/>
    /// (default: the current directory, then the assembly's folder).
    /// </summary>
    public static string RealDirectory(string? start = null)
    {
        var baseDirectory = AppDomain.CurrentDomain.BaseDirectory;
        var copied = Path.Combine(baseDirectory, "corpus", "real");
        if (start is null && Directory.Exists(copied)) return copied;

        foreach (var origin in new[] { start, Directory.GetCurrentDirectory(), baseDirectory })
        {
            for (var dir = origin is null ? null : new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "corpus", "real");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException("Cannot find tests/corpus/real from " + (start ?? Directory.GetCurrentDirectory()) + " or " + baseDirectory + ".");
    }

    /// <summary>The corpus files, sorted by name so that every run sees the same order.</summary>
    public static IReadOnlyList<string> RealFiles(string? start = null) =>
        Directory.GetFiles(RealDirectory(start), "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();

    /// <summary>(file name, text) of every corpus policy.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Real(string? start = null) =>
        RealFiles(start).Select(f => new KeyValuePair<string, string>(Path.GetFileName(f), File.ReadAllText(f))).ToArray();
}
