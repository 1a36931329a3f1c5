using System.Globalization;
using System;
using PolicyTools.Inputs;

namespace PolicyTools.Repair;

/// <summary>
/// IAM's size limits, counted as IAM counts them: characters of the document without white space
/// (white space inside strings counts). Managed policy 6,144; inline policies, per user 2,048, per
/// group 5,120, per role 10,240 (those are totals over all inline policies of the identity; only
/// the one document is known here, so it is measured alone).
/// </summary>
internal sealed class PolicySizeLimit
{
    public const int ManagedPolicy = 6144;
    public const int UserInline = 2048;
    public const int GroupInline = 5120;
    public const int RoleInline = 10240;

    private PolicySizeLimit(int characters, string description)
    {
        Characters = characters;
        Description = description;
    }

    /// <summary>The most non-whitespace characters allowed.</summary>
    public int Characters { get; }

    /// <summary>What the limit is, in words: "IAM's limit of 6,144 for a managed policy".</summary>
    public string Description { get; }

    /// <summary>The limit that applies to a document from the source, or the one the user gave.</summary>
    public static PolicySizeLimit For(PolicySource source, int? userLimit)
    {
        if (userLimit is { } limit) return new PolicySizeLimit(limit, $"the limit of {Number(limit)} given with -SizeLimit");
        switch (source?.Owner?.Kind)
        {
            case PolicyOwnerKind.Role: return new PolicySizeLimit(RoleInline, $"IAM's limit of {Number(RoleInline)} for a role's inline policies");
            case PolicyOwnerKind.User: return new PolicySizeLimit(UserInline, $"IAM's limit of {Number(UserInline)} for a user's inline policies");
            case PolicyOwnerKind.Group: return new PolicySizeLimit(GroupInline, $"IAM's limit of {Number(GroupInline)} for a group's inline policies");
        }
        return source?.PolicyArn is not null
            ? new PolicySizeLimit(ManagedPolicy, $"IAM's limit of {Number(ManagedPolicy)} for a managed policy")
            : new PolicySizeLimit(ManagedPolicy, $"IAM's limit of {Number(ManagedPolicy)} for a managed policy (the kind of this document is unknown; -SizeLimit sets another: {Number(RoleInline)} role, {Number(GroupInline)} group, {Number(UserInline)} user inline)");
    }

    /// <summary>Characters of a JSON text without the white space between tokens.</summary>
    public static int Count(string json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        var count = 0;
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            if (inString)
            {
                count++;
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"')
            {
                inString = true;
                count++;
            }
            else if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                count++;
            }
        }
        return count;
    }

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
