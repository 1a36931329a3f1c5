using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text;
using System;
using CsCheck;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Repair;
using Xunit.Abstractions;
using Xunit;

namespace PolicyTools.Tests;

/// <summary>
/// Property-based tests of the repair over generated policies and the real corpus: idempotence,
/// no widening, untouched statements kept, valid unique Sids, and no error of a repaired code
/// left without a reason.
/// </summary>
public sealed class RepairPropertyTests
{
    private readonly ITestOutputHelper _output;

    public RepairPropertyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void GeneratedPoliciesKeepEveryInvariant()
    {
        // How often each kind of repair happened: a green run proves little if one never did.
        var kinds = new Dictionary<string, int>
        {
            ["changed"] = 0, ["star in place"] = 0, ["companion"] = 0, ["wildcard split"] = 0, ["deny"] = 0,
            ["required types in place"] = 0, ["required types statement"] = 0, ["condition dropped"] = 0, ["not repaired"] = 0,
            ["kept from another service"] = 0,
        };
        PolicyGen.Json.Sample(json =>
        {
            var options = RepairTestSupport.Unlimited();
            var result = RepairTestSupport.Repair(json, options);
            RepairInvariants.Check(json, result, options);
            var changes = string.Join("\n", result.Changes);
            void Count(string kind, bool happened) { if (happened) kinds[kind]++; }
            Count("changed", result.Changed);
            Count("star in place", changes.Contains("so its Resource is now \"*\"", StringComparison.Ordinal));
            Count("companion", changes.Contains("with \"Resource\": \"*\" and the same Effect", StringComparison.Ordinal));
            Count("wildcard split", changes.Contains("was split into exact actions", StringComparison.Ordinal));
            Count("deny", result.Changed && RepairTestSupport.Analyze(json).Any(f => f.Effect == "Deny" && f.Severity == FindingSeverity.Error && f.Code == FindingCodes.ResourceLevelPermissionsNotSupported));
            Count("required types in place", changes.Contains("every required resource type; added \"", StringComparison.Ordinal));
            Count("required types statement", changes.Contains("every required resource type; added new statement", StringComparison.Ordinal));
            Count("condition dropped", changes.Contains("it leaves out the Condition", StringComparison.Ordinal));
            Count("not repaired", result.Unrepaired.Any(u => u.Message.Contains("Not repaired: requests for", StringComparison.Ordinal) || u.Message.Contains("NotResource", StringComparison.Ordinal)));
            Count("kept from another service", KeptFromAnotherService(result));
        }, iter: 300, threads: 1, print: j => j, writeLine: _output.WriteLine);
        foreach (var kind in kinds) _output.WriteLine($"{kind.Key}: {kind.Value}");
        Assert.All(kinds, k => Assert.True(k.Value >= 3, $"Only {k.Value} of 300 generated policies had '{k.Key}'."));
    }

    [Fact]
    public void GeneratedPoliciesWidenNothingInAnyServiceOfAMultiServiceMap()
    {
        // The same properties with ssm, ebs, ec2-instance-connect, route53 and vpce known to the
        // map: their actions are then judged by their resource types, not as unknown.
        var map = RepairTestSupport.WithNeighbours;
        var kept = 0;
        PolicyGen.Json.Sample(json =>
        {
            var options = RepairTestSupport.Unlimited();
            var result = RepairTestSupport.Repair(json, options, map: map);
            RepairInvariants.Check(json, result, options, map);
            if (KeptFromAnotherService(result)) kept++;
        }, iter: 200, threads: 1, print: j => j, writeLine: _output.WriteLine);
        _output.WriteLine($"kept from another service: {kept}");
        Assert.True(kept >= 3, $"Only {kept} of 200 generated policies kept an ARN from another service's action.");
    }

    // A required-type ARN went to a new statement because another service's action (or a pattern
    // reaching services the map does not know) beside the fixed one could have acted on it.
    private static bool KeptFromAnotherService(PolicyRepairResult result) =>
        result.Changes.Any(c => c.IndexOf("would also grant", StringComparison.Ordinal) is var at and >= 0
            && System.Text.RegularExpressions.Regex.IsMatch(c.Substring(at), @"(ssm|ebs|ec2-instance-connect|vpce|route53|s3|iam):|'\*'|NotAction leaves"));

    [Fact]
    public void GeneratedPoliciesWithoutScopeConditionsKeepEveryInvariant()
    {
        PolicyGen.Json.Sample(json =>
        {
            var options = RepairTestSupport.Unlimited(scope: false);
            var result = RepairTestSupport.Repair(json, options);
            RepairInvariants.Check(json, result, options);
        }, iter: 100, threads: 1, print: j => j, writeLine: _output.WriteLine);
    }

    [Fact]
    public void GeneratedPoliciesWithCompactActionsKeepEveryInvariant()
    {
        PolicyGen.Json.Sample(json =>
        {
            var options = new RepairOptions { SizeLimit = int.MaxValue, CompactActions = true };
            var result = RepairTestSupport.Repair(json, options);
            RepairInvariants.Check(json, result, options);
        }, iter: 100, threads: 1, print: j => j, writeLine: _output.WriteLine);
    }

    [Fact]
    public void GeneratedPoliciesWithIamSizeLimitsStayWithinThemOrUnchanged()
    {
        PolicyGen.Json.Sample(json =>
        {
            var options = new RepairOptions();
            var result = RepairTestSupport.Repair(json, options, new PolicySource("arn:aws:iam::123456789012:policy/p", "arn:aws:iam::123456789012:policy/p"));
            if (result.Changed)
            {
                Assert.True(PolicySizeLimit.Count(result.PolicyDocument) <= PolicySizeLimit.ManagedPolicy);
            }
            else if (result.Changes.Count > 0)
            {
                Assert.StartsWith("Not changed: ", result.Changes[0], StringComparison.Ordinal);
                Assert.Equal(result.OriginalDocument, result.PolicyDocument);
            }
            RepairInvariants.Check(json, result, options);
        }, iter: 100, threads: 1, print: j => j, writeLine: _output.WriteLine);
    }

    public static IEnumerable<object[]> Corpus() =>
        RepairTestSupport.CorpusFiles().Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Corpus))]
    public void RealPoliciesKeepEveryInvariant(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "corpus", "real", file));
        var options = RepairTestSupport.Unlimited();
        var result = RepairTestSupport.Repair(text, options);
        RepairInvariants.Check(text, result, options);
    }

    [Fact]
    public void RealPoliciesWidenNothingInAnyServiceOfAMultiServiceMap()
    {
        // As written, and (where they name one of the map's other services) broken the way people
        // break them (see the test above).
        var map = RepairTestSupport.WithNeighbours;
        var neighbours = map.Services.Where(s => s.Prefix != "ec2").Select(s => "\"" + s.Prefix + ":").ToList();
        foreach (var file in RepairTestSupport.CorpusFiles())
        {
            var text = File.ReadAllText(file);
            var namesNeighbour = neighbours.Any(n => text.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0);
            foreach (var json in new[] { text, namesNeighbour ? Break(text) : null })
            {
                if (json is null) continue;
                var options = RepairTestSupport.Unlimited();
                var result = RepairTestSupport.Repair(json, options, map: map);
                RepairInvariants.Check(json, result, options, map);
            }
        }
    }

    [Fact]
    public void RealPoliciesChangeOnlyWhereTheAnalyzerReportsARepairableError()
    {
        foreach (var file in RepairTestSupport.CorpusFiles())
        {
            var text = File.ReadAllText(file);
            var repairable = RepairTestSupport.Analyze(text).Any(f => f.Severity == FindingSeverity.Error
                && (f.Code == FindingCodes.ResourceLevelPermissionsNotSupported || f.Code == FindingCodes.RequiredResourceTypeMissing));
            var result = RepairTestSupport.Repair(text);
            if (!repairable) Assert.False(result.Changed, Path.GetFileName(file));
        }
    }

    [Fact]
    public void RealPoliciesWithEc2StatementsBroadenedIntoBrokenOnesAreRepaired()
    {
        // Mutate real policies the way people break them: scope every Describe statement to one
        // region's instances, and drop the required types of RunInstances.
        var count = 0;
        foreach (var file in RepairTestSupport.CorpusFiles())
        {
            var text = File.ReadAllText(file);
            var broken = Break(text);
            if (broken is null) continue;
            count++;
            var options = RepairTestSupport.Unlimited();
            var result = RepairTestSupport.Repair(broken, options);
            RepairInvariants.Check(broken, result, options);
        }
        Assert.True(count > 10, $"Only {count} corpus policies could be broken.");
    }

    // Every statement naming an ec2 Describe action, or ec2:RunInstances, gets one regional instance ARN.
    private static string? Break(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("Statement", out var statements) || statements.ValueKind != JsonValueKind.Array) return null;
        var changed = false;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name != "Statement")
                {
                    property.WriteTo(writer);
                    continue;
                }
                writer.WritePropertyName("Statement");
                writer.WriteStartArray();
                foreach (var statement in statements.EnumerateArray())
                {
                    var actions = RepairTestSupport.Strings(statement, "Action");
                    var target = actions.Any(a => a.StartsWith("ec2:Describe", StringComparison.OrdinalIgnoreCase) || a.Equals("ec2:RunInstances", StringComparison.OrdinalIgnoreCase));
                    if (!target || !statement.TryGetProperty("Resource", out _))
                    {
                        statement.WriteTo(writer);
                        continue;
                    }
                    changed = true;
                    writer.WriteStartObject();
                    foreach (var element in statement.EnumerateObject())
                    {
                        if (element.Name == "Resource") writer.WriteString("Resource", "arn:aws:ec2:eu-central-1:123456789012:instance/*");
                        else element.WriteTo(writer);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return changed ? Encoding.UTF8.GetString(stream.ToArray()) : null;
    }
}

/// <summary>Generates IAM policies with the EC2 mistakes the repair is for, and much it must leave alone.</summary>
internal static class PolicyGen
{
    private static readonly string[] s_actions =
    {
        "ec2:DescribeVolumes", "ec2:DescribeInstances", "ec2:DescribeSubnets", "EC2:describeimages",
        "ec2:RunInstances", "ec2:AttachVolume", "ec2:TerminateInstances", "ec2:StartInstances",
        "ec2:DescribeInstanceAttribute", "ec2:CreateTags", "ec2:DeleteVolume", "ec2:CreateVolume",
        "ec2:Describe*", "ec2:*Volume*", "ec2:Get*", "ec2:*Instances", "ec2:Describe?olumes", "ec2:DescribeVolumes*",
        "s3:GetObject", "iam:PassRole", "ec2:DescribeVolume", "*",
    };

    // Other services' actions beside EC2 ones, in the statements users write: their resource types
    // use EC2 ARN formats (ssm and ec2-instance-connect instances, ebs snapshots, route53 VPCs, vpce
    // endpoints), so an EC2 ARN added to their statement would grant them something new.
    private static readonly string[] s_neighbourActions =
    {
        "ssm:StartSession", "ssm:SendCommand", "ssm:GetDocument", "ssm:*", "ebs:*", "ebs:ListSnapshotBlocks",
        "ec2-instance-connect:SendSSHPublicKey", "vpce:AllowMultiRegion", "route53:AssociateVPCWithHostedZone", "route53:*",
    };

    private static readonly string[] s_types =
    {
        "instance/*", "volume/*", "subnet/*", "security-group/sg-0abc", "network-interface/*", "snapshot/*", "image/*", "instance/i-0123456789abcdef0",
        "vpc/*", "vpc-endpoint/*",
    };

    private static readonly string[] s_regions = { "us-east-1", "eu-west-1", "*" };

    private static readonly string[] s_accounts = { "123456789012", "210987654321", "*", "AWS_ACCOUNT_ID" };

    private static readonly string[] s_conditions =
    {
        "{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1\"}}",
        "{\"StringEquals\":{\"ec2:InstanceType\":[\"t3.micro\",\"t3.small\"]}}",
        "{\"StringLike\":{\"ec2:ResourceTag/Env\":\"dev*\"}}",
        "{\"Bool\":{\"aws:SecureTransport\":true}}",
        "{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}",
        "{\"NumericLessThanEquals\":{\"ec2:VolumeSize\":100}}",
        "{\"StringEqualsIfExists\":{\"ec2:Region\":\"eu-west-1\"}}",
    };

    private static Gen<string> Pick(string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<string> s_arn =
        Gen.Frequency(
            (8, Gen.Select(Pick(s_regions), Pick(s_accounts), Pick(s_types), (region, account, type) =>
                type.StartsWith("image/", StringComparison.Ordinal) || type.StartsWith("snapshot/", StringComparison.Ordinal)
                    ? $"arn:aws:ec2:{region}::{type}"
                    : $"arn:aws:ec2:{region}:{account}:{type}")),
            (1, Gen.Const("*")),
            (1, Gen.Const("arn:aws:s3:::my-bucket/*")),
            (1, Gen.Const("arn:aws:ssm:us-east-1::document/AWS-StartSSHSession")));

    private static readonly Gen<Statement> s_statement =
        Gen.Select(
            Gen.Select(Gen.Int[0, 3], Pick(s_actions).Array[1, 4], Gen.Int[0, 9], s_arn.Array[1, 3], Gen.Int[0, 9]),
            Gen.Select(Gen.Int[0, 9], Pick(s_conditions), Gen.Int[0, 9], Gen.Bool, Gen.Bool),
            Gen.Select(Gen.Int[0, 3], Pick(s_neighbourActions)),
            (a, b, c) => new Statement(
                Effect: a.Item1 == 0 ? "Deny" : "Allow",
                // One statement in four also names another service's action.
                Actions: (c.Item1 == 0 ? a.Item2.Append(c.Item2) : a.Item2).Distinct().ToArray(),
                NotAction: a.Item3 == 0,
                Resources: a.Item4.Distinct().ToArray(),
                NotResource: a.Item5 == 0,
                Condition: b.Item1 < 3 ? b.Item2 : null,
                SidKind: b.Item3,
                ActionAsString: b.Item4,
                Principal: b.Item5 && b.Item3 == 9));

    public static readonly Gen<string> Json =
        Gen.Select(s_statement.Array[1, 5], Gen.Int[0, 9], Gen.Int[0, 2], Gen.Bool, (statements, version, indent, single) =>
            Write(statements, version switch { 0 => null, 1 => "2008-10-17", _ => "2012-10-17" }, indent, single && statements.Length == 1));

    private static string Write(Statement[] statements, string? version, int indent, bool single)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indent > 0 }))
        {
            writer.WriteStartObject();
            if (version is not null) writer.WriteString("Version", version);
            if (indent == 2) writer.WriteString("Id", "generated");
            writer.WritePropertyName("Statement");
            if (!single) writer.WriteStartArray();
            for (var i = 0; i < statements.Length; i++)
            {
                var s = statements[i];
                writer.WriteStartObject();
                if (s.SidKind < 5) writer.WriteString("Sid", "S" + i);
                else if (s.SidKind == 5) writer.WriteString("Sid", "Stmt-" + i);
                else if (s.SidKind == 6) writer.WriteString("Sid", i == 0 ? "S1AnyResource" : "S" + i);
                writer.WriteString("Effect", s.Effect);
                if (s.Principal)
                {
                    writer.WritePropertyName("Principal");
                    writer.WriteStartObject();
                    writer.WriteString("AWS", "arn:aws:iam::123456789012:root");
                    writer.WriteEndObject();
                }
                writer.WritePropertyName(s.NotAction ? "NotAction" : "Action");
                if (s.ActionAsString && s.Actions.Length == 1) writer.WriteStringValue(s.Actions[0]);
                else
                {
                    writer.WriteStartArray();
                    foreach (var action in s.Actions) writer.WriteStringValue(action);
                    writer.WriteEndArray();
                }
                writer.WritePropertyName(s.NotResource ? "NotResource" : "Resource");
                if (s.Resources.Length == 1 && s.ActionAsString) writer.WriteStringValue(s.Resources[0]);
                else
                {
                    writer.WriteStartArray();
                    foreach (var resource in s.Resources) writer.WriteStringValue(resource);
                    writer.WriteEndArray();
                }
                if (s.Condition is not null)
                {
                    writer.WritePropertyName("Condition");
                    using var condition = JsonDocument.Parse(s.Condition);
                    condition.RootElement.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            if (!single) writer.WriteEndArray();
            writer.WriteEndObject();
        }
        var text = Encoding.UTF8.GetString(stream.ToArray());
        return indent == 2 ? text.Replace("\n", "\r\n") : text;
    }

    internal sealed record Statement(string Effect, string[] Actions, bool NotAction, string[] Resources, bool NotResource, string? Condition, int SidKind, bool ActionAsString, bool Principal);
}
