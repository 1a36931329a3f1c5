using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Principals;
using PolicyTools.Repair;

namespace PolicyTools.Tests.Principals;

/// <summary>
/// The trust properties in an account, over the real corpus combined into roles: judging a policy
/// with its principals never adds an Error the policy alone does not have, and repairing in the
/// account never changes a policy the repair alone would leave, nor differently when it makes
/// every fix.
/// </summary>
public class AccountInvariantTests
{
    private static readonly PolicyAnalyzer s_analyzer = PolicyAnalyzer.For(TestMaps.Ec2);

    // Real policies, and on every other one the "Resource": "*" statements scoped to volumes: the
    // classic mistake, so that there is something to repair and to cover.
    private static string Document(string file, int index)
    {
        var text = File.ReadAllText(file);
        return index % 2 == 0 ? text : Regex.Replace(text, "\"Resource\"\\s*:\\s*\"\\*\"", "\"Resource\": \"arn:aws:ec2:us-east-1:111122223333:volume/*\"");
    }

    private static AccountAnalysis CorpusAccount()
    {
        var files = Directory.GetFiles(TestFiles.PathOf("corpus/real"), "*.json").OrderBy(f => f, System.StringComparer.Ordinal).ToArray();
        var json = new StringBuilder("{\"Policies\":[");
        for (var i = 0; i < files.Length; i++)
        {
            if (i > 0) json.Append(',');
            json.Append($"{{\"Arn\":\"arn:aws:iam::111122223333:policy/P{i}\",\"DefaultVersionId\":\"v1\",\"PolicyVersionList\":[{{\"VersionId\":\"v1\",\"IsDefaultVersion\":true,\"Document\":{Document(files[i], i)}}}]}}");
        }
        json.Append("],\"RoleDetailList\":[");
        // Every tenth policy stays unattached; the others are attached in threes to overlapping roles.
        for (var r = 0; r < files.Length; r++)
        {
            if (r > 0) json.Append(',');
            var attached = new[] { r, (r + 1) % files.Length, (r + 7) % files.Length }.Where(i => i % 10 != 0)
                .Select(i => $"{{\"PolicyArn\":\"arn:aws:iam::111122223333:policy/P{i}\"}}");
            json.Append($"{{\"RoleName\":\"r{r}\",\"Arn\":\"arn:aws:iam::111122223333:role/r{r}\",\"RolePolicyList\":[],\"AttachedManagedPolicies\":[{string.Join(",", attached)}]}}");
        }
        json.Append("]}");
        var content = AuthorizationDetails.TryFromJson(json.ToString(), null, new AuthorizationDetailsOptions());
        Assert.NotNull(content?.Account);
        Assert.Equal(files.Length, content!.Account!.Inputs.Count);
        return AccountAnalysis.Run(s_analyzer, content.Account);
    }

    [Fact]
    public void An_account_never_adds_an_Error_that_the_policy_alone_does_not_have()
    {
        var account = CorpusAccount();
        var downgraded = 0;
        foreach (var input in account.Account.Inputs)
        {
            var alone = PolicyCheck.Run(s_analyzer, input);
            var placed = account.FindingsFor(input);
            Assert.Equal(alone.Count, placed.Count);
            for (var i = 0; i < alone.Count; i++)
            {
                Assert.Equal((alone[i].StatementIndex, alone[i].Code), (placed[i].StatementIndex, placed[i].Code));
                if (placed[i].Severity == FindingSeverity.Error) Assert.Equal(FindingSeverity.Error, alone[i].Severity);
                if (alone[i].Severity == FindingSeverity.Error && placed[i].Severity != FindingSeverity.Error) downgraded++;
            }
        }
        // Scoped and unscoped copies of similar policies share roles: some Errors are covered.
        Assert.True(downgraded > 0);
    }

    [Fact]
    public void Repair_in_an_account_changes_only_what_the_repair_alone_changes()
    {
        var account = CorpusAccount();
        var repairer = new PolicyRepairer(s_analyzer);
        var changedAlone = 0;
        foreach (var input in account.Account.Inputs)
        {
            var alone = repairer.Repair(input);
            var inAccount = repairer.Repair(input, null, account);
            if (alone.Changed) changedAlone++;
            if (!inAccount.Changed) continue;
            Assert.True(alone.Changed, $"{input.Source.Name} was changed in the account but not alone");
            var heldBack = inAccount.Unrepaired.Any(f => f.Message.Contains("but the fix would also reach"))
                || inAccount.Changes.Any(c => c.Contains("not changed: every principal"));
            if (!heldBack) Assert.Equal(alone.PolicyDocument, inAccount.PolicyDocument);
        }
        Assert.True(changedAlone > 0);
    }
}
