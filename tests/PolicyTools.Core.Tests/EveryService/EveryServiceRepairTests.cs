using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Repair;
using static PolicyTools.Tests.Policy;

namespace PolicyTools.Tests.EveryService;

/// <summary>Outside EC2 the repair fixes what AWS documents and nothing else: a Warning never becomes a grant.</summary>
public class EveryServiceRepairTests
{
    private static readonly PolicyRepairer s_repairer = new(MultiServiceMap.Analyzer);

    private static PolicyRepairResult Repair(string json) =>
        s_repairer.Repair(new PolicyInput(new PolicySource("test-policy"), json), new RepairOptions { ScopeConditions = false });

    [Fact]
    public void Only_the_documented_action_moves_to_star_and_the_Warning_stays_unrepaired()
    {
        var result = Repair(Document(Allow(new[] { "s3:ListAllMyBuckets", "s3:GetAccountPublicAccessBlock", "s3:GetObject" }, "arn:aws:s3:::my-bucket/*")));
        Assert.True(result.Changed);
        using var json = JsonDocument.Parse(result.PolicyDocument);
        var statements = json.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        var star = Assert.Single(statements, s => s.GetProperty("Resource").ToString() == "*" || s.GetProperty("Resource").ToString() == "[\"*\"]");
        Assert.Contains("s3:ListAllMyBuckets", star.GetProperty("Action").ToString());
        Assert.DoesNotContain("GetAccountPublicAccessBlock", star.GetProperty("Action").ToString());
        var left = Assert.Single(result.Unrepaired);
        Assert.Equal(FindingSeverity.Warning, left.Severity);
        Assert.Equal(new[] { "s3:GetAccountPublicAccessBlock" }, left.Actions);
        Assert.Contains("Not repaired: a Warning", left.Message);
    }

    [Fact]
    public void A_statement_with_only_Warnings_is_left_as_written()
    {
        var json = Document(Allow(new[] { "sagemaker:ListEndpoints", "lambda:ListFunctions" }, new[] { "arn:aws:sagemaker:us-east-1:123456789012:endpoint/*", "arn:aws:lambda:us-east-1:123456789012:function:*" }));
        var result = Repair(json);
        Assert.False(result.Changed);
        Assert.Equal(json, result.PolicyDocument);
        Assert.All(result.Unrepaired, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
    }

    [Fact]
    public void No_action_outside_EC2_gains_star_unless_an_Error_called_for_it_over_the_corpus_and_mixed_policies()
    {
        var documents = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(TestFiles.PathOf("corpus"), "*.json", System.IO.SearchOption.AllDirectories))
            documents.Add(System.IO.File.ReadAllText(file));
        documents.Add(Document(Allow(new[] { "s3:*", "kms:List*", "ec2:Describe*" }, new[] { "arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:aws:kms:us-east-1:123456789012:key/*", "arn:aws:ec2:us-east-1:123456789012:volume/*" })));
        documents.Add(Document(Deny(new[] { "kms:*", "s3:List*" }, "arn:aws:kms:*:*:key/*"), Allow("*", "arn:aws:s3:::b/*")));
        documents.Add(Document(Statement("Allow", "NotAction", new[] { "iam:*" }, "Resource", new[] { "arn:aws:s3:::b", "arn:aws:kms:us-east-1:123456789012:key/k" })));
        var checkedRepairs = 0;
        foreach (var json in documents)
        {
            PolicyDocument original;
            try { original = PolicyParser.Parse(json); }
            catch (PolicyParseException) { continue; }
            var result = Repair(json);
            if (!result.Changed) continue;
            checkedRepairs++;
            var repaired = PolicyParser.Parse(result.PolicyDocument);
            var errors = MultiServiceMap.Analyzer.Analyze(original, new PolicySource("x"))
                .Where(f => f.Code == FindingCodes.ResourceLevelPermissionsNotSupported && f.Severity == FindingSeverity.Error)
                .SelectMany(f => f.Actions).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var service in MultiServiceMap.Map.Services.Where(s => s.Prefix != "ec2"))
            {
                foreach (var effect in new[] { PolicyEffect.Allow, PolicyEffect.Deny })
                {
                    var before = OnStar(original, service, effect);
                    foreach (var action in OnStar(repaired, service, effect))
                    {
                        if (before.Contains(action)) continue;
                        Assert.True(errors.Contains(action), $"{action} gained \"*\" in a {effect} without an Error calling for it:\n{json}\n->\n{result.PolicyDocument}");
                    }
                }
            }
        }
        Assert.True(checkedRepairs > 0);
    }

    // The service's actions that some statement of the effect applies to "Resource": "*".
    private static HashSet<string> OnStar(PolicyDocument document, PolicyTools.Capabilities.ServiceCapabilities service, PolicyEffect effect)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in document.Statements)
        {
            if (statement.Effect != effect || statement.IsNotResource || !statement.Resources.Contains("*")) continue;
            var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pattern in statement.Actions) foreach (var a in service.Match(pattern)) reached.Add(a.FullName);
            if (statement.IsNotAction) { foreach (var a in service.Actions) if (!reached.Contains(a.FullName)) result.Add(a.FullName); }
            else result.UnionWith(reached);
        }
        return result;
    }
}
