using System;
using System.Text;
using System.Text.Json;

namespace PolicyTools.Inputs;

/// <summary>
/// JSON files that hold what AWS writes about policies rather than one policy: an account's
/// authorization details (<c>aws iam get-account-authorization-details</c>), a policy version
/// (<c>get-policy-version</c>), an inline policy (<c>get-role-policy</c> …). Walked by
/// <see cref="DetailsWalker"/>; inline policies are named <c>role/&lt;RoleName&gt;/&lt;PolicyName&gt;</c>.
/// </summary>
internal static class AuthorizationDetails
{
    private static readonly string[] s_keys = { "\"UserDetailList\"", "\"GroupDetailList\"", "\"RoleDetailList\"", "\"Policies\"", "\"PolicyVersion\"", "\"PolicyDocument\"", "\"Document\"", "\"Versions\"" };

    /// <summary>True when a JSON text may be AWS output rather than a policy: a plain policy never has these keys.</summary>
    public static bool LooksLike(string json)
    {
        foreach (var key in s_keys)
        {
            if (json.IndexOf(key, StringComparison.Ordinal) >= 0) return true;
        }
        return false;
    }

    public static bool IsAwsManaged(string? arn) =>
        arn is not null && arn.IndexOf(":iam::aws:policy/", StringComparison.Ordinal) > 0;

    /// <summary>
    /// The documents of AWS CLI JSON (documents as JSON objects, or URL-encoded strings), parsing the
    /// text once, with lines in the file; null when the JSON is none of AWS's shapes (or not JSON:
    /// the policy parser then reports the error with its line).
    /// </summary>
    public static DetailsContent? TryFromJson(string json, string? fileName, AuthorizationDetailsOptions options)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        JsonDocument document;
        JsonLines lines;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            lines = JsonLines.Index(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            return DetailsWalker.Read(new JsonDetailsNode(root, "", lines), fileName, options);
        }
    }

    /// <summary>The Source name of an inline policy: <c>role/MyRole/MyPolicy</c>.</summary>
    public static string InlineName(PolicyOwnerKind kind, string owner, string policyName) =>
        kind.ToString().ToLowerInvariant() + "/" + owner + "/" + policyName;
}
