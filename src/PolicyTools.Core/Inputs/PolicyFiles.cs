using System;
using System.Collections.Generic;
using System.Text.Json;
using PolicyTools.Analysis;
using PolicyTools.Policies;

namespace PolicyTools.Inputs;

/// <summary>Turns a file's bytes into the documents it holds: one policy, or a whole account's authorization details.</summary>
public static class PolicyFiles
{
    public static IReadOnlyList<PolicyInput> Read(string path, byte[] bytes, AuthorizationDetailsOptions options)
    {
        var text = PolicyText.FromBytes(bytes);
        if (AuthorizationDetails.LooksLike(text) && IsAuthorizationDetails(text))
            return AuthorizationDetails.FromJson(text, path, options);
        return new[] { new PolicyInput(new PolicySource(path), text) };
    }

    private static bool IsAuthorizationDetails(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("Statement", out _)) return false;
            foreach (var name in new[] { "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies" })
            {
                if (root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array) return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false; // the policy parser reports the JSON error with its line
        }
    }
}
