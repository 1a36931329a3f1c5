using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;

namespace PolicyTools.Tests.EveryService;

/// <summary>
/// The two promises over every AWS managed policy (tests/corpus/aws-managed, the default versions of
/// 1,594 policies, from build.ps1 -Task ManagedPolicies), checked with every service of the embedded
/// map: an Error is a statement that cannot work, and a repair grants nothing new.
/// </summary>
public class AwsManagedPolicyTests
{
    private const string CorpusFile = "corpus/aws-managed/account-authorization-details.json";
    private const string ReviewedErrorsFile = "corpus/aws-managed/reviewed-errors.txt";

    private static readonly Lazy<IReadOnlyList<PolicyInput>> s_policies = new(() =>
        AuthorizationDetails.TryFromJson(File.ReadAllText(TestFiles.PathOf(CorpusFile)), CorpusFile, new AuthorizationDetailsOptions { IncludeAwsManaged = true })!.Inputs);

    private static readonly Lazy<IReadOnlyList<(PolicyInput Policy, IReadOnlyList<PolicyFinding> Findings)>> s_analyzed = new(() =>
    {
        var analyzer = PolicyAnalyzer.For(CapabilityMap.Default);
        return s_policies.Value.Select(p => (p, analyzer.Analyze(global::PolicyTools.Policies.PolicyParser.Parse(p.Text), p.Source))).ToList();
    });

    private static readonly string[] s_malformedArnReasons =
    {
        "must start with lower-case 'arn:'", "is neither \"*\" nor an ARN", "of the six parts of an ARN", "which does not exist, so it matches nothing",
        "writes the service as", "which is not a region name", "which is not a 12-digit account id",
    };

    private static string ServiceOf(string action) => action.Substring(0, action.IndexOf(':'));

    private static string Text(PolicyFinding f) =>
        $"{f.StatementIndex}|{f.Severity}|{f.Code}|{string.Join(",", f.Actions)}|{string.Join(",", f.Resources)}|{f.Message}";

    private static string Line(PolicyInput policy, PolicyFinding finding) =>
        $"{policy.Source.Name.Replace("arn:aws:iam::aws:policy/", "")}\t{finding.StatementIndex}\t{finding.Code}\t{string.Join(",", finding.Actions)}";

    [Fact]
    public void Every_managed_policy_of_the_corpus_is_read_and_parsed()
    {
        Assert.Equal(1594, s_policies.Value.Count);
        Assert.All(s_policies.Value, p => Assert.StartsWith("arn:aws:iam::aws:policy/", p.Source.Name));
        Assert.True(s_analyzed.Value.Sum(a => a.Findings.Count) > 500);
    }

    [Fact]
    public void An_Error_outside_EC2_rests_on_AWS_documentation_or_on_a_malformed_ARN()
    {
        var evidence = ServiceEvidence.Embedded;
        var unfounded = new List<string>();
        foreach (var (policy, findings) in s_analyzed.Value)
        {
            foreach (var finding in findings.Where(f => f.Severity == FindingSeverity.Error && f.Actions.Count > 0))
            {
                var service = evidence.For(ServiceOf(finding.Actions[0]));
                if (service.TrustReference is not null) continue;
                var founded = finding.Code switch
                {
                    FindingCodes.ResourceLevelPermissionsNotSupported => finding.Actions.All(a => service.StarOnlyEvidence(a) is not null),
                    FindingCodes.ResourceTypeMismatch => finding.Actions.All(a => service.ResourceTypeEvidence(a) is not null),
                    FindingCodes.RequiredResourceTypeMissing => service.RequiredTypesAllNeeded is not null,
                    FindingCodes.InvalidArn => s_malformedArnReasons.Any(r => finding.Message.Contains(r)) || finding.Actions.All(a => service.ResourceTypeEvidence(a) is not null),
                    _ => false,
                };
                if (!founded) unfounded.Add(Line(policy, finding) + "\t" + finding.Message);
            }
        }
        Assert.True(unfounded.Count == 0, string.Join("\n", unfounded));
    }

    /// <summary>
    /// Every Error on an AWS managed policy was read and defended (the file says why, per group); a
    /// change that adds one, or loses one, fails here until the list is reviewed again.
    /// </summary>
    [Fact]
    public void The_Errors_are_exactly_the_reviewed_ones()
    {
        var reviewed = File.ReadAllLines(TestFiles.PathOf(ReviewedErrorsFile))
            .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToList();
        var actual = s_analyzed.Value
            .SelectMany(a => a.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => Line(a.Policy, f)))
            .ToList();
        var added = actual.Except(reviewed, StringComparer.Ordinal).ToList();
        var gone = reviewed.Except(actual, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && gone.Count == 0,
            $"Errors not reviewed ({added.Count}):\n{string.Join("\n", added)}\nReviewed Errors no longer reported ({gone.Count}):\n{string.Join("\n", gone)}");
    }

    [Fact]
    public void The_check_skips_only_services_in_which_the_rules_find_nothing()
    {
        // AnalyzeForRepair runs every rule on every service the document names (NothingToFind skips none there).
        var analyzer = PolicyAnalyzer.For(CapabilityMap.Default);
        var skipped = 0;
        foreach (var (policy, findings) in s_analyzed.Value)
        {
            var document = global::PolicyTools.Policies.PolicyParser.Parse(policy.Text);
            using var all = analyzer.AnalyzeForRepair(document, policy.Source);
            Assert.Equal(all.Findings.Select(Text), findings.Select(Text));
            skipped += analyzer.ServicesFor(document).Count(NothingToFind.For(document, CapabilityMap.Default, ServiceScope.All).In);
        }
        Assert.True(skipped > 5000, $"only {skipped} services were skipped");
    }

    [Fact]
    public void Repairing_with_every_service_grants_nothing_new_and_changes_only_policies_with_a_repairable_Error()
    {
        var repairable = new HashSet<string>(global::PolicyTools.Repair.FindingRepairs.All.Select(r => r.Code), StringComparer.Ordinal);
        var changed = 0;
        foreach (var (policy, findings) in s_analyzed.Value)
        {
            var options = RepairTestSupport.Unlimited();
            var result = RepairTestSupport.Repair(policy.Text, options, policy.Source, CapabilityMap.Default);
            if (!result.Changed) continue;
            changed++;
            Assert.True(findings.Any(f => f.Severity == FindingSeverity.Error && repairable.Contains(f.Code)), policy.Source.Name + " changed without a repairable Error");
            RepairInvariants.Check(policy.Text, result, options, CapabilityMap.Default);
        }
        Assert.True(changed >= 10, $"only {changed} managed policies were repaired");
    }
}
