namespace PolicyTools.Analysis;

/// <summary>Where a document came from; copied onto every finding.</summary>
public sealed class PolicySource
{
    public PolicySource(string name, string? policyArn = null, string? versionId = null)
    {
        Name = name ?? "";
        PolicyArn = policyArn;
        VersionId = versionId;
    }

    /// <summary>File path, policy ARN, or a name such as <c>role/MyRole/MyPolicy</c>.</summary>
    public string Name { get; }

    public string? PolicyArn { get; }

    public string? VersionId { get; }

    public override string ToString() => Name;
}
