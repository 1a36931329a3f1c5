using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PolicyTools.Testing;

/// <summary>
/// A deterministic generator of realistic IAM policy documents (plain JSON, indented like files
/// and the AWS console write them): mostly sound EC2 statements, with the mistakes people really
/// make mixed in at a fixed rate (Describe* scoped to ARNs, RunInstances missing required types,
/// placeholder accounts, typos, unsupported condition keys), plus statements about other services.
/// The same seed gives the same documents on every runtime.
/// </summary>
public sealed class PolicyGenerator
{
    private static readonly string[] s_regions = { "us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "*" };
    private static readonly string[] s_accounts = { "123456789012", "210987654321", "555566667777", "*" };
    private static readonly string[] s_environments = { "prod", "staging", "dev", "test" };

    private static readonly string[] s_describe =
    {
        "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:DescribeImages",
        "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeTags",
        "ec2:DescribeNetworkInterfaces", "ec2:DescribeAvailabilityZones", "ec2:DescribeRegions",
        "ec2:DescribeKeyPairs", "ec2:DescribeLaunchTemplates", "ec2:DescribeRouteTables", "ec2:DescribeInstanceStatus",
    };

    private static readonly string[] s_describeWildcards = { "ec2:Describe*", "ec2:Get*", "ec2:DescribeInstance*", "ec2:DescribeVolume*", "ec2:List*" };

    private static readonly (string Action, string[] Types)[] s_scoped =
    {
        ("ec2:StartInstances", new[] { "instance" }),
        ("ec2:StopInstances", new[] { "instance" }),
        ("ec2:RebootInstances", new[] { "instance" }),
        ("ec2:TerminateInstances", new[] { "instance" }),
        ("ec2:AttachVolume", new[] { "instance", "volume" }),
        ("ec2:DetachVolume", new[] { "instance", "volume" }),
        ("ec2:DeleteVolume", new[] { "volume" }),
        ("ec2:CreateSnapshot", new[] { "snapshot", "volume" }),
        ("ec2:DeleteSnapshot", new[] { "snapshot" }),
        ("ec2:ModifyInstanceAttribute", new[] { "instance" }),
        ("ec2:AuthorizeSecurityGroupIngress", new[] { "security-group" }),
        ("ec2:RevokeSecurityGroupIngress", new[] { "security-group" }),
        ("ec2:CreateTags", new[] { "instance", "volume", "snapshot", "security-group" }),
        ("ec2:DeleteTags", new[] { "instance", "volume" }),
        ("ec2:AssociateAddress", new[] { "instance", "elastic-ip" }),
        ("ec2:CreateNetworkInterface", new[] { "network-interface", "subnet", "security-group" }),
        ("ec2:DeleteNetworkInterface", new[] { "network-interface" }),
    };

    private static readonly string[] s_runInstancesTypes = { "image", "instance", "network-interface", "security-group", "subnet", "volume", "key-pair" };

    private static readonly (string Action, string Resource)[] s_otherServices =
    {
        ("s3:GetObject", "arn:aws:s3:::example-bucket/*"),
        ("s3:ListBucket", "arn:aws:s3:::example-bucket"),
        ("iam:PassRole", "arn:aws:iam::123456789012:role/app-*"),
        ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/app/*"),
        ("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/*"),
        ("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:queue-*"),
        ("autoscaling:SetDesiredCapacity", "*"),
        ("elasticloadbalancing:RegisterTargets", "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"),
    };

    private static readonly string[] s_typos = { "ec2:DescribeVolume", "ec2:Descibe*", "ec2:StartInstance", "ec2:AttachVolumes" };

    private ulong _state;
    private int _documents;

    public PolicyGenerator(int seed = 1)
    {
        _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x2545F4914F6CDD1DUL);
    }

    /// <summary>Documents generated so far.</summary>
    public int Count => _documents;

    /// <summary>A typical document: one to eight statements, most of them two to four.</summary>
    public string Next() => Next(TypicalStatementCount());

    /// <summary>A document of exactly <paramref name="statements"/> statements.</summary>
    public string Next(int statements)
    {
        if (statements < 1) throw new ArgumentOutOfRangeException(nameof(statements));
        _documents++;
        var json = new StringBuilder(256 * statements);
        json.Append("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        for (var i = 0; i < statements; i++)
        {
            if (i > 0) json.Append(",\n");
            AppendStatement(json, i);
        }
        json.Append("\n  ]\n}\n");
        return json.ToString();
    }

    /// <summary>
    /// <paramref name="count"/> typical documents, generated lazily: a pipeline can stream millions
    /// without holding them (PowerShell enumerates the result one item at a time).
    /// </summary>
    public IEnumerable<string> Documents(int count)
    {
        for (var i = 0; i < count; i++) yield return Next();
    }

    /// <summary><paramref name="count"/> typical documents from a fixed seed, as an array.</summary>
    public static string[] Typical(int count, int seed = 1)
    {
        var generator = new PolicyGenerator(seed);
        var documents = new string[count];
        for (var i = 0; i < count; i++) documents[i] = generator.Next();
        return documents;
    }

    /// <summary>One document of about <paramref name="bytes"/> bytes (many statements).</summary>
    public string OfSize(int bytes)
    {
        var builder = new StringBuilder(bytes + 1024);
        builder.Append("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        var i = 0;
        while (builder.Length < bytes)
        {
            if (i > 0) builder.Append(",\n");
            AppendStatement(builder, i++);
        }
        builder.Append("\n  ]\n}\n");
        _documents++;
        return builder.ToString();
    }

    private int TypicalStatementCount()
    {
        // 1:10%, 2:20%, 3:25%, 4:20%, 5:10%, 6-8:15%
        var r = Int(100);
        if (r < 10) return 1;
        if (r < 30) return 2;
        if (r < 55) return 3;
        if (r < 75) return 4;
        if (r < 85) return 5;
        return 6 + Int(3);
    }

    private void AppendStatement(StringBuilder json, int index)
    {
        var r = Int(100);
        string effect = "Allow";
        var actions = new List<string>();
        var resources = new List<string>();
        string? condition = null;
        var notAction = false;

        if (r < 22)
        {
            // Read-only EC2, correctly on "*".
            Pick(s_describe, 1 + Int(5), actions);
            if (Int(4) == 0) actions.Add(Of(s_describeWildcards));
            resources.Add("*");
        }
        else if (r < 30)
        {
            // The classic mistake: Describe scoped to ARNs.
            Pick(s_describe, 1 + Int(3), actions);
            resources.Add(Arn(Of(new[] { "volume", "instance", "snapshot" })));
        }
        else if (r < 52)
        {
            // Scoped lifecycle actions on their own resource types, often tag-conditioned.
            var (action, types) = Of(s_scoped);
            actions.Add(action);
            if (Int(2) == 0)
            {
                var (second, secondTypes) = Of(s_scoped);
                if (second != action) actions.Add(second);
                types = Concat(types, secondTypes);
            }
            foreach (var type in types) if (resources.Count < 4 && Int(5) != 0 && !resources.Contains(Arn(type, stable: true))) resources.Add(Arn(type, stable: true));
            if (resources.Count == 0) resources.Add(Arn(types[0]));
            if (Int(3) == 0) condition = TagCondition();
        }
        else if (r < 60)
        {
            // RunInstances: all required types, or (a third of the time) only some.
            actions.Add("ec2:RunInstances");
            var complete = Int(3) != 0;
            foreach (var type in s_runInstancesTypes)
            {
                if (!complete && Int(2) == 0) continue;
                resources.Add(type is "image" or "snapshot" ? $"arn:aws:ec2:{Of(s_regions)}::{type}/*" : Arn(type));
            }
            if (resources.Count == 0) resources.Add(Arn("instance"));
            if (Int(2) == 0) condition = "\"StringEquals\": { \"aws:RequestedRegion\": \"" + Of(s_regions, excludeStar: true) + "\" }";
        }
        else if (r < 80)
        {
            // Another service.
            var (action, resource) = Of(s_otherServices);
            actions.Add(action);
            resources.Add(resource);
        }
        else if (r < 86)
        {
            // Tagging on create.
            actions.Add("ec2:CreateTags");
            resources.Add($"arn:aws:ec2:{Of(s_regions)}:{Of(s_accounts)}:*/*");
            condition = "\"StringEquals\": { \"ec2:CreateAction\": [\"RunInstances\", \"CreateVolume\"] }";
        }
        else if (r < 92)
        {
            // SCP-style Deny.
            effect = "Deny";
            if (Int(2) == 0)
            {
                notAction = true;
                actions.Add("iam:*");
                actions.Add("sts:*");
                actions.Add("support:*");
                resources.Add("*");
                condition = "\"StringNotEquals\": { \"aws:RequestedRegion\": [\"us-east-1\", \"eu-west-1\"] }";
            }
            else
            {
                actions.Add(Of(new[] { "ec2:DeleteVpc", "ec2:DeleteFlowLogs", "ec2:DisableEbsEncryptionByDefault", "ec2:ModifyVpcAttribute" }));
                resources.Add(Int(2) == 0 ? "*" : Arn("vpc"));
            }
        }
        else if (r < 95)
        {
            // Placeholder account or a typo in the action.
            if (Int(2) == 0)
            {
                actions.Add(Of(s_scoped).Action);
                resources.Add("arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:instance/*");
            }
            else
            {
                actions.Add(Of(s_typos));
                resources.Add("*");
            }
        }
        else if (r < 98)
        {
            // A condition key the action never carries.
            actions.Add("ec2:DescribeInstances");
            resources.Add("*");
            condition = "\"StringEquals\": { \"ec2:ResourceTag/Team\": \"platform\" }";
        }
        else
        {
            actions.Add("ec2:*");
            resources.Add(Int(2) == 0 ? "*" : Arn("instance"));
        }

        json.Append("    {\n");
        if (Int(3) != 0) json.Append("      \"Sid\": \"Stmt").Append(index.ToString(CultureInfo.InvariantCulture)).Append(Int(100000).ToString(CultureInfo.InvariantCulture)).Append("\",\n");
        json.Append("      \"Effect\": \"").Append(effect).Append("\",\n");
        json.Append(notAction ? "      \"NotAction\": " : "      \"Action\": ");
        AppendList(json, actions);
        json.Append(",\n      \"Resource\": ");
        AppendList(json, resources);
        if (condition is not null) json.Append(",\n      \"Condition\": { ").Append(condition).Append(" }");
        json.Append("\n    }");
    }

    private static void AppendList(StringBuilder json, List<string> items)
    {
        if (items.Count == 1)
        {
            json.Append('"').Append(items[0]).Append('"');
            return;
        }
        json.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) json.Append(", ");
            json.Append('"').Append(items[i]).Append('"');
        }
        json.Append(']');
    }

    private string TagCondition() =>
        Int(2) == 0
            ? "\"StringEquals\": { \"aws:ResourceTag/Environment\": \"" + Of(s_environments) + "\" }"
            : "\"StringLike\": { \"ec2:ResourceTag/Owner\": \"${aws:username}\" }";

    private string Arn(string type, bool stable = false)
    {
        var region = Of(s_regions);
        var account = Of(s_accounts);
        var id = stable || Int(3) != 0 ? "*" : Prefix(type) + "-" + Hex(8) + (Int(2) == 0 ? Hex(9) : "");
        return $"arn:aws:ec2:{region}:{account}:{type}/{id}";
    }

    private static string Prefix(string type) => type switch
    {
        "instance" => "i",
        "volume" => "vol",
        "snapshot" => "snap",
        "security-group" => "sg",
        "subnet" => "subnet",
        "network-interface" => "eni",
        "image" => "ami",
        "vpc" => "vpc",
        "elastic-ip" => "eipalloc",
        _ => "r",
    };

    private string Hex(int digits)
    {
        var chars = new char[digits];
        for (var i = 0; i < digits; i++) chars[i] = "0123456789abcdef"[Int(16)];
        return new string(chars);
    }

    private static string[] Concat(string[] a, string[] b)
    {
        var list = new List<string>(a);
        foreach (var item in b) if (!list.Contains(item)) list.Add(item);
        return list.ToArray();
    }

    private void Pick(string[] pool, int count, List<string> into)
    {
        for (var i = 0; i < count; i++)
        {
            var item = Of(pool);
            if (!into.Contains(item)) into.Add(item);
        }
    }

    private T Of<T>(T[] pool) => pool[Int(pool.Length)];

    private string Of(string[] pool, bool excludeStar)
    {
        string item;
        do item = Of(pool); while (excludeStar && item == "*");
        return item;
    }

    // SplitMix64: small, fast and the same on every runtime (System.Random's seeded sequence is not a contract).
    private int Int(int bound)
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)bound);
    }
}
