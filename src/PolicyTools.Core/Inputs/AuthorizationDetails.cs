using System;
using System.Collections.Generic;
using System.Text.Json;
using PolicyTools.Analysis;

namespace PolicyTools.Inputs;

/// <summary>
/// The documents inside an account's authorization details: customer managed policies (default
/// version, or all), AWS managed policies on request, and every inline policy of users, groups
/// and roles, named like <c>role/&lt;RoleName&gt;/&lt;PolicyName&gt;</c>.
/// </summary>
public static class AuthorizationDetails
{
    private static readonly string[] s_listNames = { "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies" };

    /// <summary>True when a JSON object has the shape of <c>aws iam get-account-authorization-details</c> output.</summary>
    public static bool LooksLike(string json)
    {
        // Cheap test first: a plain policy never has these keys.
        foreach (var name in s_listNames)
        {
            if (json.IndexOf("\"" + name + "\"", StringComparison.Ordinal) >= 0) return true;
        }
        return false;
    }

    public static bool IsAwsManaged(string? arn) =>
        arn is not null && arn.IndexOf(":iam::aws:policy/", StringComparison.Ordinal) > 0;

    /// <summary>
    /// Expands CLI JSON (documents as JSON objects, or URL-encoded strings) into inputs, parsing the
    /// text once; null when the JSON is not authorization details (or not JSON: the policy parser
    /// then reports the error with its line).
    /// </summary>
    public static IReadOnlyList<PolicyInput>? TryFromJson(string json, string fileName, AuthorizationDetailsOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            return HasShape(root) ? Expand(root, fileName, options) : null;
        }
    }

    private static bool HasShape(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("Statement", out _)) return false;
        foreach (var name in s_listNames)
        {
            if (root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array) return true;
        }
        return false;
    }

    private static IReadOnlyList<PolicyInput> Expand(JsonElement root, string fileName, AuthorizationDetailsOptions options)
    {
        var inputs = new List<PolicyInput>();
        foreach (var policy in Items(root, "Policies"))
        {
            var arn = Text(policy, "Arn");
            if (IsAwsManaged(arn) && !options.IncludeAwsManaged) continue;
            var name = Text(policy, "PolicyName");
            var defaultVersion = Text(policy, "DefaultVersionId");
            foreach (var version in Items(policy, "PolicyVersionList"))
            {
                var versionId = Text(version, "VersionId");
                var isDefault = version.TryGetProperty("IsDefaultVersion", out var d) && d.ValueKind == JsonValueKind.True
                    || (versionId is not null && versionId == defaultVersion);
                if (!isDefault && !options.AllVersions) continue;
                var text = DocumentText(version, "Document");
                if (text is null) continue;
                inputs.Add(new PolicyInput(new PolicySource(Label(fileName, arn ?? name ?? "policy", versionId, !isDefault || options.AllVersions), arn, versionId, null, name), text));
            }
        }
        AddInline(root, "UserDetailList", "UserName", "UserPolicyList", PolicyOwnerKind.User, fileName, inputs);
        AddInline(root, "GroupDetailList", "GroupName", "GroupPolicyList", PolicyOwnerKind.Group, fileName, inputs);
        AddInline(root, "RoleDetailList", "RoleName", "RolePolicyList", PolicyOwnerKind.Role, fileName, inputs);
        return inputs;
    }

    /// <summary>The Source name of an inline policy: <c>role/MyRole/MyPolicy</c>.</summary>
    public static string InlineName(PolicyOwnerKind kind, string owner, string policyName) =>
        kind.ToString().ToLowerInvariant() + "/" + owner + "/" + policyName;

    /// <summary>The Source name of a managed policy version: its ARN, with the version where several are analysed.</summary>
    public static string ManagedName(string arn, string? versionId, bool withVersion) =>
        withVersion && versionId is not null ? arn + " (" + versionId + ")" : arn;

    private static string Label(string fileName, string arn, string? versionId, bool withVersion) =>
        fileName + ": " + ManagedName(arn, versionId, withVersion);

    private static void AddInline(JsonElement root, string listName, string ownerKey, string policyListKey, PolicyOwnerKind kind, string fileName, List<PolicyInput> inputs)
    {
        foreach (var entity in Items(root, listName))
        {
            var owner = Text(entity, ownerKey) ?? "(unnamed)";
            foreach (var policy in Items(entity, policyListKey))
            {
                var policyName = Text(policy, "PolicyName") ?? "(unnamed)";
                var text = DocumentText(policy, "PolicyDocument");
                if (text is null) continue;
                inputs.Add(new PolicyInput(new PolicySource(fileName + ": " + InlineName(kind, owner, policyName), null, null, new PolicyOwner(kind, owner), policyName), text));
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray()) if (item.ValueKind == JsonValueKind.Object) yield return item;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? DocumentText(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => value.GetRawText(),
            _ => null,
        };
    }
}
