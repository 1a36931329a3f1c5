using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace PolicyTools.Tests;

/// <summary>
/// The error ids are one list, <see cref="ErrorIds"/>: about_PolicyTools lists every one of them
/// and nothing else, and the source writes no id that is not in the list.
/// </summary>
public class ErrorIdTests
{
    private static readonly IReadOnlyList<(string Name, string Value)> s_ids = typeof(ErrorIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
        .ToList();

    // A string literal of C# source (regular, verbatim or interpolated); its text is group 1.
    private static readonly Regex s_literal = new(@"@?\$?""((?:[^""\\\n]|\\.)*)""", RegexOptions.Compiled);

    // What an error id looks like: one PascalCase word.
    private static readonly Regex s_idLike = new("^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$", RegexOptions.Compiled);

    [Fact]
    public void EachIdIsNamedAsItsValueAndListedOnce()
    {
        Assert.True(s_ids.Count >= 50, $"only {s_ids.Count} ids");
        Assert.All(s_ids, id => Assert.Equal(id.Name, id.Value));
        Assert.Equal(s_ids.Count, s_ids.Select(id => id.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void AboutPolicyToolsListsEveryId()
    {
        var section = ErrorIdsSection();
        var missing = s_ids.Where(id => !Regex.IsMatch(section, $@"(?m)^ +{id.Value}(?: |$)")).Select(id => id.Value).ToList();
        Assert.True(missing.Count == 0, "about_PolicyTools' ERROR IDS does not list " + string.Join(", ", missing));
    }

    [Fact]
    public void AboutPolicyToolsListsNoOtherId()
    {
        var listed = Regex.Matches(ErrorIdsSection(), @"(?m)^ {8}(\S+)").Select(m => m.Groups[1].Value).Where(s => s_idLike.IsMatch(s)).ToList();
        Assert.True(listed.Count >= s_ids.Count, $"only {listed.Count} ids found in ERROR IDS");
        var unknown = listed.Except(s_ids.Select(id => id.Value), StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, "about_PolicyTools lists ids that ErrorIds does not have: " + string.Join(", ", unknown));
    }

    [Fact]
    public void TheSourceWritesNoIdAsALiteral()
    {
        var values = new HashSet<string>(s_ids.Select(id => id.Value), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (file, text) in SourceFiles())
        {
            // Anywhere: an id spelled out instead of named. In a statement that writes an error: any
            // literal that looks like an id (a new id written in place, or built from pieces).
            foreach (Match literal in s_literal.Matches(text))
            {
                if (values.Contains(literal.Groups[1].Value)) problems.Add($"{file}: \"{literal.Groups[1].Value}\" is ErrorIds.{literal.Groups[1].Value}");
            }
            foreach (var statement in Statements(text).Where(WritesAnError))
            {
                foreach (Match literal in s_literal.Matches(statement))
                {
                    if (s_idLike.IsMatch(literal.Groups[1].Value)) problems.Add($"{file}: \"{literal.Groups[1].Value}\" in: {Regex.Replace(statement.Trim(), @"\s+", " ")}");
                }
            }
        }
        Assert.True(problems.Count == 0, "error ids written in place of ErrorIds:\n" + string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void EveryIdIsUsed()
    {
        var source = string.Join("\n", SourceFiles().Select(f => f.Text));
        var unused = s_ids.Where(id => !Regex.IsMatch(source, $@"\bErrorIds\.{id.Name}\b")).Select(id => id.Name).ToList();
        Assert.True(unused.Count == 0, "ErrorIds that no source uses: " + string.Join(", ", unused));
    }

    [Fact]
    public void TheLiteralCheckFindsAnIdWrittenInPlace()
    {
        // The check above must be able to fail: these are the shapes the cmdlets used to have.
        var samples = new[]
        {
            "WriteError(new ErrorRecord(ex, \"SomethingFailed\", ErrorCategory.InvalidData, Path));",
            "ThrowTerminatingError(new ErrorRecord(e,\n    MyInvocation.MyCommand.Name.Replace(\"-\", \"\") + \"QuietWithPassThru\",\n    ErrorCategory.InvalidArgument, null));",
            "ReportUnreadable(ex, \"PolicyFileGone\", ErrorCategory.ObjectNotFound, path, \"\");",
        };
        foreach (var sample in samples)
        {
            Assert.Contains(Statements(sample).Where(WritesAnError).SelectMany(s => s_literal.Matches(s)), m => s_idLike.IsMatch(m.Groups[1].Value));
        }
    }

    private static bool WritesAnError(string statement) =>
        statement.Contains("ErrorRecord(") || statement.Contains("ErrorCategory.") || statement.Contains("PolicyErrorKind.");

    // Statements, roughly: text between ';', '{' and '}' outside string literals.
    private static IEnumerable<string> Statements(string text)
    {
        var start = 0;
        var masked = s_literal.Replace(text, m => new string('"', m.Length));
        for (var i = 0; i < masked.Length; i++)
        {
            if (masked[i] is ';' or '{' or '}')
            {
                yield return text.Substring(start, i - start);
                start = i + 1;
            }
        }
        yield return text.Substring(start);
    }

    private static IEnumerable<(string File, string Text)> SourceFiles()
    {
        var src = TestFiles.Repository("src");
        var list = Path.Combine(src, "PolicyTools.Core", "ErrorIds.cs");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (file == list || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")) continue;
            // Comments left out: they may name ids in prose.
            var code = Regex.Replace(File.ReadAllText(file), @"(?m)^\s*//.*$", "");
            yield return (Path.GetRelativePath(src, file), code);
        }
    }

    private static string ErrorIdsSection()
    {
        var about = File.ReadAllText(TestFiles.Repository("module/en-US/about_PolicyTools.help.txt"));
        var match = Regex.Match(about, @"(?ms)^ERROR IDS\s*$(.*?)(?=^\S)");
        Assert.True(match.Success, "about_PolicyTools has no ERROR IDS section");
        return match.Groups[1].Value;
    }
}
