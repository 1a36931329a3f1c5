using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Testing;

namespace PolicyTools.Tests.EveryService;

/// <summary>Test-Ec2PolicyResourceSupport is the every-service engine scoped to ec2: the same findings as the EC2 view of the same map.</summary>
public class Ec2UnchangedTests
{
    [Fact]
    public void The_corpus_gives_the_same_EC2_findings_with_the_multi_service_map_scoped_to_ec2()
    {
        var ec2Only = PolicyAnalyzer.For(MultiServiceMap.Map.Only("ec2"));
        var every = MultiServiceMap.Analyzer;
        var compared = 0;
        foreach (var file in System.IO.Directory.GetFiles(TestFiles.PathOf("corpus"), "*.json", System.IO.SearchOption.AllDirectories))
        {
            PolicyDocument document;
            try { document = PolicyParser.Parse(System.IO.File.ReadAllText(file)); }
            catch (PolicyParseException) { continue; }
            var source = new PolicySource(file);
            var expected = ec2Only.Analyze(document, source).Select(Text).ToList();
            var actual = every.Analyze(document, source, ServiceScope.Only("ec2")).Select(Text).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{file}:\n{string.Join("\n", expected)}\n---\n{string.Join("\n", actual)}");
            compared++;
        }
        Assert.True(compared > 100);
    }

    [Fact]
    public void Generated_policies_give_the_same_EC2_findings_with_the_multi_service_map_scoped_to_ec2()
    {
        var generator = new PolicyGenerator(7);
        var ec2Only = PolicyAnalyzer.For(MultiServiceMap.Map.Only("ec2"));
        for (var i = 0; i < 300; i++)
        {
            var json = generator.Next();
            var document = PolicyParser.Parse(json);
            var source = new PolicySource("generated");
            var expected = ec2Only.Analyze(document, source).Select(Text).ToList();
            var actual = MultiServiceMap.Analyzer.Analyze(document, source, ServiceScope.Only("ec2")).Select(Text).ToList();
            Assert.True(expected.SequenceEqual(actual), json);
        }
    }

    private static string Text(PolicyFinding f) => $"{f.StatementIndex} {f.Severity} {f.Code} {string.Join(",", f.Actions)} | {string.Join(",", f.Resources)} | {f.Message}";
}
