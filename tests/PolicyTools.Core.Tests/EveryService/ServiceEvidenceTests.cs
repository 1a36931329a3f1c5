using System;
using System.IO;
using System.Linq;
using PolicyTools.Analysis;

namespace PolicyTools.Tests.EveryService;

public class ServiceEvidenceTests
{
    [Fact]
    public void The_embedded_evidence_loads_and_every_claim_has_a_link_and_a_quote()
    {
        var evidence = ServiceEvidence.Embedded;
        Assert.Contains(evidence.Services, s => s.Prefix == "ec2" && s.TrustReference is not null && s.RequiredTypesAllNeeded is not null);
        foreach (var service in evidence.Services)
        {
            foreach (var entry in service.StarOnly.Concat(service.ResourceTypes).Concat(service.RequestForms))
            {
                Assert.StartsWith("https://docs.aws.amazon.com/", entry.Evidence.Url);
                Assert.True(entry.Evidence.Quote.Length > 40, $"{service.Prefix}: a quote that says something");
            }
        }
    }

    [Fact]
    public void Only_ec2_is_trusted_and_only_ec2_needs_all_required_types()
    {
        var trusted = ServiceEvidence.Embedded.Services.Where(s => s.TrustReference is not null).Select(s => s.Prefix).ToList();
        var allRequired = ServiceEvidence.Embedded.Services.Where(s => s.RequiredTypesAllNeeded is not null).Select(s => s.Prefix).ToList();
        Assert.Equal(new[] { "ec2" }, trusted);
        Assert.Equal(new[] { "ec2" }, allRequired);
    }

    [Fact]
    public void Every_action_the_evidence_names_exists_in_the_reference()
    {
        var map = MultiServiceMap.Map;
        foreach (var service in ServiceEvidence.Embedded.Services)
        {
            var capabilities = map.GetService(service.Prefix);
            Assert.True(capabilities is not null, $"the fixture map has no '{service.Prefix}'");
            foreach (var entry in service.StarOnly.Concat(service.ResourceTypes).Concat(service.RequestForms))
                foreach (var action in entry.Actions)
                    Assert.True(capabilities!.Match(action).Count > 0, $"'{action}' matches no action of {service.Prefix}");
        }
    }

    [Fact]
    public void Star_only_evidence_names_actions_the_reference_lists_without_resource_types()
    {
        // An Error claim for an action that does have resource types would contradict the reference.
        foreach (var service in ServiceEvidence.Embedded.Services)
            foreach (var entry in service.StarOnly)
                foreach (var action in entry.Actions.SelectMany(a => MultiServiceMap.Map.GetService(service.Prefix)!.Match(a)))
                    Assert.False(action.SupportsResourceLevelPermissions, $"{action.FullName} has resource types in the reference");
    }

    [Theory]
    [InlineData("services:\n  s3:\n    starOnly:\n      - actions: [\"s3:ListAllMyBuckets\"]\n        url: https://docs.aws.amazon.com/x\n", "quote")]
    [InlineData("services:\n  s3:\n    starOnly:\n      - actions: [\"s3:ListAllMyBuckets\"]\n        quote: words\n", "https url")]
    [InlineData("services:\n  s3:\n    starOnly:\n      - actions: [\"kms:ListKeys\"]\n        url: https://docs.aws.amazon.com/x\n        quote: words\n", "not an action of 's3'")]
    [InlineData("services:\n  s3:\n    requestForms:\n      - actions: [\"s3:ListAllMyBuckets\"]\n        arns: [\"s3:::*\"]\n        url: https://docs.aws.amazon.com/x\n        quote: words\n", "not an ARN format")]
    [InlineData("services:\n  s3:\n    trustMe: {}\n", "unknown key 'trustMe'")]
    [InlineData("nothing: here\n", "'services'")]
    public void A_claim_without_evidence_or_with_a_typo_is_refused(string yaml, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ServiceEvidenceSet.Read(new StringReader(yaml), "test.yaml"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("test.yaml", ex.Message);
    }

    [Fact]
    public void A_service_the_file_does_not_name_has_no_evidence()
    {
        var none = ServiceEvidence.Embedded.For("sagemaker");
        Assert.False(none.HasAnything);
        Assert.Null(none.StarOnlyEvidence("sagemaker:ListEndpoints"));
    }
}
