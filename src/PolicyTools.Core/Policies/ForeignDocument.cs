using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyTools.Policies;

/// <summary>
/// Recognises the files people hand us instead of a policy document (a YAML file, a CloudFormation
/// template, a Terraform plan or state, JSON with comments) so that the error says what the file is
/// and how to get the policies out of it, rather than what the JSON reader tripped over.
/// </summary>
internal static class ForeignDocument
{
    private const string NotAPolicy = ", not an IAM policy document.";

    private static readonly Regex s_yamlKey = new(@"^(---\s*$|[A-Za-z_][\w.-]*\s*:(\s|$))", RegexOptions.CultureInvariant);

    /// <summary>What a JSON object without a Statement is, when it is a template or a plan; null otherwise.</summary>
    public static string? DescribeJson(ReadOnlySpan<byte> utf8)
    {
        var keys = TopLevelKeys(utf8);
        if (keys.Contains("AWSTemplateFormatVersion") || (keys.Contains("Resources") && utf8.IndexOf("\"AWS::"u8) >= 0))
            return "This is a CloudFormation template" + NotAPolicy + CloudFormationHint("template.json");
        if (keys.Contains("format_version") && (keys.Contains("planned_values") || keys.Contains("resource_changes")))
            return "This is a Terraform plan (terraform show -json)" + NotAPolicy
                + " Its policies are the 'policy' values of aws_iam_policy and aws_iam_role_policy resources: (terraform show -json plan.tfplan | ConvertFrom-Json).planned_values.root_module.resources | Where-Object type -Like 'aws_iam*policy' | ForEach-Object { $_.values.policy } | Test-Ec2PolicyResourceSupport";
        if (keys.Contains("terraform_version") && keys.Contains("resources"))
            return "This is a Terraform state file" + NotAPolicy
                + " Its policies are the 'policy' attributes of aws_iam_policy and aws_iam_role_policy resources: (Get-Content terraform.tfstate -Raw | ConvertFrom-Json).resources | Where-Object type -Like 'aws_iam*policy' | ForEach-Object { $_.instances.attributes.policy } | Test-Ec2PolicyResourceSupport";
        return null;
    }

    /// <summary>What a text that is not JSON is, when it is YAML; null otherwise.</summary>
    public static string? DescribeText(string trimmed)
    {
        var firstLine = FirstContentLine(trimmed);
        if (firstLine is null || !s_yamlKey.IsMatch(firstLine)) return null;
        if (Regex.IsMatch(trimmed, @"(?m)^(AWSTemplateFormatVersion\s*:|Resources\s*:)") && trimmed.IndexOf("AWS::", StringComparison.Ordinal) >= 0)
            return "This is a CloudFormation template in YAML" + NotAPolicy
                + " Convert it to JSON first (cfn-flip template.yaml template.json), then:" + CloudFormationHint("template.json");
        return "This is a YAML file" + NotAPolicy
            + " IAM reads policies as JSON only: convert it first, e.g. with ConvertFrom-Yaml (module powershell-yaml) | ConvertTo-Json -Depth 20.";
    }

    /// <summary>The 1-based line of the first comment in the JSON, or 0 when it has none.</summary>
    public static int CommentLine(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Allow, MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.Comment) continue;
                var line = 1;
                var end = (int)reader.TokenStartIndex;
                for (var i = 0; i < end; i++)
                {
                    if (utf8[i] == (byte)'\n') line++;
                }
                return line;
            }
        }
        catch (JsonException)
        {
            // Broken in another way as well: the caller reports the JSON error.
        }
        return 0;
    }

    public const string CommentMessage =
        "The policy has a comment, and IAM does not accept comments in a policy document: remove it (JSON has no comments).";

    private static string CloudFormationHint(string file) =>
        $" Its policies are the PolicyDocument of its AWS::IAM::ManagedPolicy, AWS::IAM::Policy and AWS::IAM::Role resources: (Get-Content {file} -Raw | ConvertFrom-Json).Resources.<Name>.Properties.PolicyDocument | ConvertTo-Json -Depth 20 | Test-Ec2PolicyResourceSupport.";

    private static HashSet<string> TopLevelKeys(ReadOnlySpan<byte> utf8)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return keys;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                keys.Add(reader.GetString()!);
                reader.Skip();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // What was read so far is enough to tell.
        }
        return keys;
    }

    private static string? FirstContentLine(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
            return line;
        }
        return null;
    }
}
