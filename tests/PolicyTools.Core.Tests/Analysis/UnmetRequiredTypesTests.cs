using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.Analysis;

/// <summary>
/// The one computation of what the Allow statements grant each action with required types: the
/// rule reports from it and the repair adds what it says is missing, from the statements it names.
/// </summary>
public class UnmetRequiredTypesTests
{
    private static DocumentAnalysis AnalyzeForRepair(string json) =>
        PolicyAnalyzer.For(TestMaps.Ec2).AnalyzeForRepair(PolicyParser.Parse(json), new PolicySource("test-policy"));

    [Fact]
    public void Names_the_granting_statements_the_allowed_types_and_the_missing_ones()
    {
        using var analysis = AnalyzeForRepair(Document(
            Allow("ec2:DescribeVolumes", "*"),
            Allow("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*"),
            Allow("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:subnet/*"),
            Allow("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:image/*", "{\"StringEquals\":{\"s3:prefix\":\"home/\"}}")));
        var context = Assert.Single(analysis.Contexts);
        var unmet = Assert.Single(context.UnmetRequiredTypes);
        var service = context.Service;

        Assert.Equal("ec2:RunInstances", unmet.Action.FullName);
        // Statement 3's condition key is never carried by RunInstances, so it grants nothing.
        Assert.Equal(new[] { 1, 2 }, unmet.Granting.Select(v => v.Statement.Index));
        Assert.Equal(new[] { "instance", "subnet" }, Enumerable.Range(0, service.ResourceTypes.Count).Where(t => unmet.Allowed[t]).Select(t => service.ResourceTypes[t].Name));
        Assert.Equal(new[] { "image", "network-interface", "security-group" }, unmet.MissingTypeIndexes().Select(t => service.ResourceTypes[t].Name));
        Assert.Same(unmet, context.UnmetRequiredTypesOf(unmet.Action));
    }

    [Fact]
    public void The_finding_is_typed_with_the_same_actions()
    {
        using var analysis = AnalyzeForRepair(Document(Allow(new[] { "ec2:AttachVolume", "ec2:RunInstances" }, "arn:aws:ec2:us-east-1:123456789012:instance/*")));
        var context = Assert.Single(analysis.Contexts);
        var analyzed = Assert.Single(context.Analyzed);
        Assert.Same(analysis.Findings.Single(), analyzed.Finding);
        Assert.Equal(FindingCodes.RequiredResourceTypeMissing, analyzed.Finding.Code);
        Assert.Equal(context.UnmetRequiredTypes.Select(u => u.Action), analyzed.Actions);
        Assert.Equal(analyzed.Finding.Actions, analyzed.Actions.Select(a => a.FullName));
        Assert.Same(context.Views[0], analyzed.View);
    }

    [Fact]
    public void An_action_whose_types_are_all_allowed_is_not_unmet()
    {
        using var analysis = AnalyzeForRepair(Document(
            Allow("ec2:AttachVolume", "arn:aws:ec2:us-east-1:123456789012:instance/*"),
            Allow("ec2:AttachVolume", "arn:aws:ec2:us-east-1:123456789012:volume/*")));
        var context = Assert.Single(analysis.Contexts);
        Assert.Empty(context.UnmetRequiredTypes);
        Assert.Null(context.UnmetRequiredTypesOf(context.Service.GetAction("ec2:AttachVolume")!));
    }

    [Fact]
    public void Plain_analysis_keeps_no_typed_findings()
    {
        var findings = AnalyzeStatements(Allow("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*"));
        Assert.Single(findings);
        using var analysis = AnalyzeForRepair(Document(Allow("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*")));
        Assert.Equal(findings.Select(f => f.Message), analysis.Findings.Select(f => f.Message));
    }
}
