using System.Collections.Generic;
using System.IO;
using System.Linq;
using System;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Tests;

/// <summary>Every real policy in tests/corpus/real parses and analyses; findings are fine, exceptions are not.</summary>
public class CorpusTests
{
    private static string CorpusDirectory => TestFiles.PathOf("corpus/real");

    public static IEnumerable<object[]> RealPolicies() =>
        Directory.Exists(CorpusDirectory)
            ? Directory.GetFiles(CorpusDirectory, "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) })
            : Enumerable.Empty<object[]>();

    [Fact]
    public void The_corpus_holds_145_real_policies()
    {
        Assert.True(Directory.Exists(CorpusDirectory), $"the corpus was not copied to {CorpusDirectory}");
        Assert.Equal(145, Directory.GetFiles(CorpusDirectory, "*.json").Length);
    }

    [Theory]
    [MemberData(nameof(RealPolicies))]
    public void A_real_policy_parses_and_analyses(string file)
    {
        var text = PolicyText.FromBytes(File.ReadAllBytes(Path.Combine(CorpusDirectory, file)));
        var document = PolicyParser.Parse(text);
        Assert.NotEmpty(document.Statements);

        var findings = PolicyAnalyzer.For(TestMaps.Ec2).Analyze(document, new PolicySource(file));

        foreach (var finding in findings)
        {
            Assert.Contains(finding.Code, FindingCodes.All);
            Assert.Equal(file, finding.Source);
            Assert.InRange(finding.StatementIndex, 0, document.Statements.Count - 1);
            Assert.Equal(document.Statements[finding.StatementIndex].Line, finding.Line);
            Assert.NotEmpty(finding.Actions);
            Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        }
        Assert.Equal(findings.OrderBy(f => f.StatementIndex).Select(f => f.StatementIndex), findings.Select(f => f.StatementIndex));
        Assert.Equal(findings.Count, findings.Select(f => (f.StatementIndex, f.Code, f.Severity)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RealPolicies))]
    public void A_real_policy_reads_the_same_URL_encoded(string file)
    {
        var text = PolicyText.FromBytes(File.ReadAllBytes(Path.Combine(CorpusDirectory, file)));
        var plain = PolicyParser.Parse(text);
        var encoded = PolicyParser.Parse(Uri.EscapeDataString(text));

        Assert.Equal(plain.Statements.Count, encoded.Statements.Count);
        Assert.Equal(plain.Statements.SelectMany(s => s.Actions.Concat(s.Resources)), encoded.Statements.SelectMany(s => s.Actions.Concat(s.Resources)));
    }
}
