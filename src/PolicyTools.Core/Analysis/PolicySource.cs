namespace PolicyTools.Analysis;

/// <summary>Where a document came from; copied onto every finding and repair result.</summary>
public sealed class PolicySource
{
    public PolicySource(string name, string? policyArn = null, string? versionId = null, PolicyOwner? owner = null, string? policyName = null)
    {
        Name = name ?? "";
        PolicyArn = policyArn;
        VersionId = versionId;
        Owner = owner;
        PolicyName = policyName;
    }

    /// <summary>File path, policy ARN, or a name such as <c>role/MyRole/MyPolicy</c>.</summary>
    public string Name { get; }

    public string? PolicyArn { get; }

    public string? VersionId { get; }

    /// <summary>The user, group or role an inline policy is embedded in; null for managed policies and files.</summary>
    public PolicyOwner? Owner { get; }

    /// <summary>Name of the managed or inline policy, where known.</summary>
    public string? PolicyName { get; }

    public override string ToString() => Name;
}

/// <summary>The IAM identity that embeds an inline policy.</summary>
public sealed class PolicyOwner
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
