namespace PolicyTools.Inputs;

/// <summary>Where a document came from; copied onto every finding and repair result.</summary>
internal sealed class PolicySource
{
    public PolicySource(string name, string? policyArn = null, string? versionId = null, PolicyOwner? owner = null, string? policyName = null, string? file = null, bool? isDefaultVersion = null)
    {
        Name = name ?? "";
        PolicyArn = policyArn;
        VersionId = versionId;
        Owner = owner;
        PolicyName = policyName;
        File = file;
        IsDefaultVersion = isDefaultVersion;
    }

    /// <summary>
    /// The policy, named the same whatever the input form: a managed policy's ARN (the version is
    /// in <see cref="VersionId"/>), <c>role/MyRole/MyPolicy</c> for an inline policy, the path of a
    /// file that holds one policy, <c>&lt;string&gt;</c> or <c>&lt;object&gt;</c> for piped text and objects.
    /// </summary>
    public string Name { get; }

    /// <summary>The full path of the file the document was read from (a policy file or an authorization-details file); null for piped objects and text.</summary>
    public string? File { get; }

    /// <summary>Whether this managed policy version is the one in effect; null where the input does not say (files, text, inline policies).</summary>
    public bool? IsDefaultVersion { get; }

    public string? PolicyArn { get; }

    public string? VersionId { get; }

    /// <summary>The user, group or role an inline policy is embedded in; null for managed policies and files.</summary>
    public PolicyOwner? Owner { get; }

    /// <summary>Name of the managed or inline policy, where known.</summary>
    public string? PolicyName { get; }

    public override string ToString() => Name;
}

/// <summary>The IAM identity that embeds an inline policy.</summary>
internal sealed class PolicyOwner
{
    public PolicyOwner(PolicyOwnerKind kind, string name)
    {
        Kind = kind;
        Name = name ?? "";
    }

    public PolicyOwnerKind Kind { get; }

    public string Name { get; }

    public override string ToString() => Kind.ToString().ToLowerInvariant() + "/" + Name;
}

public enum PolicyOwnerKind
{
    User,
    Group,
    Role,
}
