using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using PolicyTools.Analysis;
using PolicyTools.Analysis.Rules;
using PolicyTools.Reports;
using PolicyTools.Repair;

namespace PolicyTools.Tests.Analysis;

/// <summary>
/// Every finding code has one home, its rule, and everything else about it is found from its name:
/// the rule in Analysis/Rules/&lt;Code&gt;Rule.cs with its severity, title, description, help and
/// "not repaired" reason; its repair in Repair/&lt;Code&gt;Repair.cs where it has one; its tests in
/// &lt;Code&gt;Tests; its entries in about_PolicyTools and the README.
/// </summary>
public class FindingCodeHomeTests
{
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var rule in PolicyRules.All) data.Add(rule.Finding.Code);
        return data;
    }

    [Fact]
    public void TheCodeListIsTheRegisteredRules()
    {
        var constants = typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (Name: f.Name, Value: (string)f.GetRawConstantValue()!))
            .ToList();
        Assert.All(constants, c => Assert.Equal(c.Name, c.Value));
        Assert.Equal(PolicyRules.All.Select(r => r.Finding.Code), FindingCodes.All);
        Assert.Equal(FindingCodes.All.OrderBy(c => c, StringComparer.Ordinal), constants.Select(c => c.Value).OrderBy(c => c, StringComparer.Ordinal));
        Assert.Equal(FindingCodes.All.Length, FindingCodes.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(PolicyRules.All.Select(r => r.Finding), FindingRules.All);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void TheRuleCarriesEverythingAboutItsCode(string code)
    {
        var rule = PolicyRules.Find(code)!;
        Assert.Equal(code + "Rule", rule.GetType().Name);
        Assert.Equal("PolicyTools.Analysis.Rules", rule.GetType().Namespace);
        Assert.Same(rule.Finding, FindingRules.Find(code));
        Assert.True(File.Exists(Source($"src/PolicyTools.Core/Analysis/Rules/{code}Rule.cs")), $"{code}Rule is not in Analysis/Rules/{code}Rule.cs");
        var finding = rule.Finding;
        foreach (var (name, text) in new[] { ("title", finding.Title), ("description", finding.Description), ("help", finding.Help), ("not-repaired reason", finding.NotRepaired) })
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{code} has no {name}");
        }
        Assert.EndsWith(".", finding.Title, StringComparison.Ordinal);
        Assert.NotEqual(FindingRule.NoRepairForCode, finding.NotRepaired);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void TheRepairOfACodeIsNamedAfterIt(string code)
    {
        var repairs = FindingRepairs.All.Where(r => r.Code == code).ToList();
        Assert.True(repairs.Count <= 1, $"{code} has {repairs.Count} repairs");
        if (repairs.Count == 0) return;
        Assert.Equal(code + "Repair", repairs[0].GetType().Name);
        Assert.True(File.Exists(Source($"src/PolicyTools.Core/Repair/{code}Repair.cs")), $"{code}Repair is not in Repair/{code}Repair.cs");
        Assert.True(FindingRepairs.Repairs(code));
    }

    [Fact]
    public void EveryRepairIsForARegisteredCode()
    {
        Assert.All(FindingRepairs.All, r => Assert.NotNull(PolicyRules.Find(r.Code)));
        Assert.False(FindingRepairs.Repairs("NoSuchCode"));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void TheCodeHasItsTests(string code)
    {
        Assert.NotNull(typeof(FindingCodeHomeTests).Assembly.GetType($"PolicyTools.Tests.Analysis.{code}Tests"));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void TheHelpTablesListTheCodeWithItsSeverity(string code)
    {
        var severity = PolicyRules.Find(code)!.Finding.DefaultSeverity.ToString();
        var about = File.ReadAllText(Source("module/en-US/about_PolicyTools.help.txt"));
        Assert.Matches(new Regex($@"(?m)^\s+{code} \({severity}\b"), about);
        var readme = File.ReadAllText(Source("README.md"));
        Assert.Matches(new Regex($@"(?m)^\| `{code}` \| {severity}\b"), readme);
    }

    [Fact]
    public void TheHelpTablesListNoCodeThatIsNotRegistered()
    {
        // The other direction of the test above: a code renamed or removed leaves no row behind.
        var registered = PolicyRules.All.Select(r => r.Finding.Code).OrderBy(c => c, StringComparer.Ordinal).ToList();
        var about = Regex.Match(File.ReadAllText(Source("module/en-US/about_PolicyTools.help.txt")), @"(?ms)^FINDING CODES\s*$(.*?)(?=^\S)");
        Assert.True(about.Success, "about_PolicyTools has no FINDING CODES section");
        var aboutCodes = Regex.Matches(about.Groups[1].Value, @"(?m)^ {4}(\w+) \(").Select(m => m.Groups[1].Value);
        Assert.Equal(registered, aboutCodes.OrderBy(c => c, StringComparer.Ordinal));
        var readme = Regex.Match(File.ReadAllText(Source("README.md")), @"(?ms)^### Finding codes\s*$(.*?)(?=^#)");
        Assert.True(readme.Success, "the README has no '### Finding codes' table");
        var readmeCodes = Regex.Matches(readme.Groups[1].Value, @"(?m)^\| `(\w+)` \|").Select(m => m.Groups[1].Value);
        Assert.Equal(registered, readmeCodes.OrderBy(c => c, StringComparer.Ordinal));
    }

    private static string Source(string relative) => TestFiles.Repository(relative);
}
