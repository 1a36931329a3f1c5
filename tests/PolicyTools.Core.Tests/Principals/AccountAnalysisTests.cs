using System;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Principals;

namespace PolicyTools.Tests.Principals;

/// <summary>Principal-level analysis: each user and role judged with all its identity policies together.</summary>
public class AccountAnalysisTests
{
    private const string Account = "arn:aws:iam::111122223333";
    private static readonly PolicyAnalyzer s_analyzer = PolicyAnalyzer.For(TestMaps.Ec2);

    private static string Doc(string action, string resource) =>
        $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"{action}\",\"Resource\":\"{resource}\"}}]}}";

    private static string Managed(string name, string document) =>
        $"{{\"Arn\":\"{Account}:policy/{name}\",\"PolicyName\":\"{name}\",\"DefaultVersionId\":\"v1\",\"PolicyVersionList\":[{{\"VersionId\":\"v1\",\"IsDefaultVersion\":true,\"Document\":{document}}}]}}";

    private static string Role(string name, string attached, string boundary = "") =>
        $"{{\"RoleName\":\"{name}\",\"Arn\":\"{Account}:role/{name}\",\"RolePolicyList\":[],\"AttachedManagedPolicies\":[{attached}]{boundary}}}";

    private static string Attached(string name) => $"{{\"PolicyName\":\"{name}\",\"PolicyArn\":\"{Account}:policy/{name}\"}}";

    private static AccountAnalysis Analyse(string json)
    {
        var content = AuthorizationDetails.TryFromJson(json, "gaad.json", new AuthorizationDetailsOptions());
        Assert.NotNull(content);
        Assert.NotNull(content!.Account);
        return AccountAnalysis.Run(s_analyzer, content.Account!);
    }

    private static PolicyFinding Only(AccountAnalysis analysis, string source) =>
        Assert.Single(analysis.Account.Inputs.Where(i => i.Source.Name == source).SelectMany(analysis.FindingsFor));

    // The issue's app-server: AttachVolume on volume/* in one policy, on instance/* in the other.
    private static readonly string s_volumes = Managed("Volumes", Doc("ec2:AttachVolume", "arn:aws:ec2:*:111122223333:volume/*"));
    private static readonly string s_instances = Managed("Instances", Doc("ec2:AttachVolume", "arn:aws:ec2:*:111122223333:instance/*"));

    [Fact]
    public void Policies_that_work_together_for_every_principal_are_Information_naming_the_cover()
    {
        var analysis = Analyse($"{{\"Policies\":[{s_volumes},{s_instances}],\"RoleDetailList\":[{Role("app-server", Attached("Volumes") + "," + Attached("Instances"))}]}}");
        var finding = Only(analysis, $"{Account}:policy/Volumes");
        Assert.Equal(FindingCodes.RequiredResourceTypeMissing, finding.Code);
        Assert.Equal(FindingSeverity.Information, finding.Severity);
        Assert.Empty(finding.AffectedPrincipals);
        Assert.Contains($"{Account}:role/app-server (through {Account}:policy/Instances)", finding.Message);
        Assert.Equal(FindingSeverity.Information, Only(analysis, $"{Account}:policy/Instances").Severity);
    }

    [Fact]
    public void An_Error_names_the_principals_it_holds_for()
    {
        var analysis = Analyse($"{{\"Policies\":[{s_volumes},{s_instances}],\"RoleDetailList\":[{Role("app-server", Attached("Volumes") + "," + Attached("Instances"))},{Role("volumes-only", Attached("Volumes"))}]}}");
        var finding = Only(analysis, $"{Account}:policy/Volumes");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(new[] { $"{Account}:role/volumes-only" }, finding.AffectedPrincipals);
        Assert.Equal(new[] { $"{Account}:role/app-server", $"{Account}:role/volumes-only" }, analysis.PrincipalsReaching(analysis.Account.Inputs[0]));
    }

    [Fact]
    public void A_missing_type_holds_for_every_policy_of_the_principal_that_reaches_the_action_whichever_the_finding_is_placed_on()
    {
        var one = Managed("One", Doc("ec2:AttachVolume", "arn:aws:ec2:*:111122223333:volume/*"));
        var two = Managed("Two", Doc("ec2:AttachVolume", "arn:aws:ec2:*:111122223333:volume/vol-1"));
        var analysis = Analyse($"{{\"Policies\":[{one},{two}],\"RoleDetailList\":[{Role("r", Attached("One") + "," + Attached("Two"))}]}}");
        foreach (var name in new[] { "One", "Two" })
        {
            var finding = Only(analysis, $"{Account}:policy/{name}");
            Assert.Equal(FindingSeverity.Error, finding.Severity);
            Assert.Equal(new[] { $"{Account}:role/r" }, finding.AffectedPrincipals);
        }
    }

    [Fact]
    public void A_policy_attached_to_nobody_is_judged_alone()
    {
        var analysis = Analyse($"{{\"Policies\":[{s_volumes}],\"RoleDetailList\":[]}}");
        var finding = Only(analysis, $"{Account}:policy/Volumes");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Empty(finding.AffectedPrincipals);
    }

    [Fact]
    public void A_users_groups_policies_count_as_its_own()
    {
        var json = $"{{\"Policies\":[{s_volumes},{s_instances}]," +
            $"\"GroupDetailList\":[{{\"GroupName\":\"ops\",\"GroupPolicyList\":[],\"AttachedManagedPolicies\":[{Attached("Instances")}]}}]," +
            $"\"UserDetailList\":[{{\"UserName\":\"ana\",\"Arn\":\"{Account}:user/ana\",\"GroupList\":[\"ops\"],\"UserPolicyList\":[],\"AttachedManagedPolicies\":[{Attached("Volumes")}]}}," +
            $"{{\"UserName\":\"bo\",\"Arn\":\"{Account}:user/bo\",\"GroupList\":[\"ops\"],\"UserPolicyList\":[],\"AttachedManagedPolicies\":[]}}]}}";
        var analysis = Analyse(json);
        Assert.Equal(FindingSeverity.Information, Only(analysis, $"{Account}:policy/Volumes").Severity);
        var instances = Only(analysis, $"{Account}:policy/Instances");
        Assert.Equal(FindingSeverity.Error, instances.Severity);
        Assert.Equal(new[] { $"{Account}:user/bo" }, instances.AffectedPrincipals);
    }

    [Fact]
    public void A_boundary_must_allow_by_itself_so_its_errors_hold_for_the_principals_it_bounds()
    {
        var boundary = Managed("Boundary", Doc("ec2:DescribeInstances", "arn:aws:ec2:*:111122223333:instance/*"));
        var star = Managed("Star", Doc("ec2:DescribeInstances", "*"));
        var analysis = Analyse($"{{\"Policies\":[{boundary},{star}],\"RoleDetailList\":[{Role("worker", Attached("Star"), $",\"PermissionsBoundary\":{{\"PermissionsBoundaryArn\":\"{Account}:policy/Boundary\"}}")}]}}");
        var finding = Only(analysis, $"{Account}:policy/Boundary");
        Assert.Equal(FindingCodes.ResourceLevelPermissionsNotSupported, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(new[] { $"{Account}:role/worker" }, finding.AffectedPrincipals);
    }

    [Fact]
    public void Lines_count_in_the_file_for_documents_as_objects_and_as_encoded_strings()
    {
        var encoded = Uri.EscapeDataString(Doc("ec2:DescribeVolumes", "arn:aws:ec2:*:111122223333:volume/*"));
        var json = "{\n  \"Policies\": [\n    {\n      \"Arn\": \"" + Account + ":policy/A\", \"DefaultVersionId\": \"v1\",\n      \"PolicyVersionList\": [\n        {\n          \"VersionId\": \"v1\", \"IsDefaultVersion\": true,\n          \"Document\": {\n            \"Version\": \"2012-10-17\",\n            \"Statement\": [\n              {\"Effect\": \"Allow\", \"Action\": \"ec2:DescribeVolumes\", \"Resource\": \"arn:aws:ec2:*:111122223333:volume/*\"}\n            ]\n          }\n        }\n      ]\n    },\n" +
            "    {\"Arn\": \"" + Account + ":policy/B\", \"DefaultVersionId\": \"v1\",\n     \"PolicyVersionList\": [{\"VersionId\": \"v1\", \"IsDefaultVersion\": true,\n       \"Document\": \"" + encoded + "\"}]}\n  ],\n  \"RoleDetailList\": []\n}\n";
        var analysis = Analyse(json);
        Assert.Equal(11, Only(analysis, $"{Account}:policy/A").Line);
        Assert.Equal(19, Only(analysis, $"{Account}:policy/B").Line);
        Assert.Equal("gaad.json", Only(analysis, $"{Account}:policy/B").File);
    }
}
