using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Reports;
using Xunit;

namespace PolicyTools.Tests.Reports;

public sealed class PolicyReportBuilderTests
{
    [Fact]
    public void Groups_loose_findings_into_documents_in_arrival_order()
    {
        var a = ReportFixtures.Analyse(ReportFixtures.Classic, "/p/a.json");
        var b = ReportFixtures.Analyse(ReportFixtures.Typo, "/p/b.json");
        var builder = new PolicyReportBuilder();
        builder.Add(a.Findings[0]);
        builder.Add(b.Findings[0]);
        builder.Add(a.Findings[1]);

        var docs = builder.Build();
        Assert.Equal(new[] { "/p/a.json", "/p/b.json" }, docs.Select(d => d.Source));
        Assert.Equal(a.Findings, docs[0].Findings);
        Assert.Equal(PolicyTestStatus.Failed, docs[0].Status);
        Assert.Equal(PolicyTestStatus.Passed, docs[1].Status);
        Assert.Equal(1, docs[1].WarningCount);
        Assert.Equal(3, builder.FindingCount);
    }

    [Fact]
    public void Keeps_documents_without_findings_and_does_not_count_a_finding_twice()
    {
        var a = ReportFixtures.Analyse(ReportFixtures.Classic, "/p/a.json");
        var clean = ReportFixtures.Analyse(ReportFixtures.Clean, "/p/clean.json");
        var builder = new PolicyReportBuilder();
        builder.Add(a);
        builder.Add(clean);
        foreach (var finding in a.Findings) builder.Add(finding);

        var docs = builder.Build();
        Assert.Equal(2, docs.Count);
        Assert.Equal(2, docs[0].Findings.Count);
        Assert.Empty(docs[1].Findings);
        Assert.True(docs[1].Passed);
    }

    [Fact]
    public void Separates_versions_of_one_policy_and_keeps_unreadable_documents()
    {
        const string arn = "arn:aws:iam::123456789012:policy/Ops";
        var builder = new PolicyReportBuilder();
        builder.Add(ReportFixtures.Analyse(ReportFixtures.Classic, arn, arn, "v1"));
        builder.Add(ReportFixtures.Analyse(ReportFixtures.Classic, arn, arn, "v2"));
        builder.Add(ReportFixtures.Unreadable("/p/bad.json"));

        var docs = builder.Build();
        Assert.Equal(new[] { "v1", "v2", null }, docs.Select(d => d.VersionId));
        Assert.Equal(PolicyTestStatus.Unreadable, docs[2].Status);
        Assert.False(docs[2].Passed);
        Assert.Equal("PolicyJsonInvalid", docs[2].InputErrorId);
        Assert.Equal(1, docs[2].InputErrorLine);
    }

    [Fact]
    public void Describes_every_finding_code()
    {
        Assert.Equal(FindingCodes.All, FindingRules.All.Select(r => r.Code));
        Assert.Null(FindingRules.Find("NoSuchCode"));
        Assert.Same(FindingRules.All[0], FindingRules.Find(FindingCodes.All[0].ToLowerInvariant()));
    }
}
