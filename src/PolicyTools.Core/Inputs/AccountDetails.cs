using System.Collections.Generic;

namespace PolicyTools.Inputs;

/// <summary>
/// An account as its authorization details describe it (one or several pages, or lists piped
/// alone): the documents to report on, and who has which policy, for principal-level analysis.
/// </summary>
internal sealed class AccountDetails
{
    private readonly Dictionary<string, ManagedPolicyEntry> _managed = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, GroupEntry> _groups = new(System.StringComparer.Ordinal);

    /// <summary>The documents to report on, in the order they were read.</summary>
    public List<PolicyInput> Inputs { get; } = new();

    public List<PrincipalEntry> Users { get; } = new();

    public List<PrincipalEntry> Roles { get; } = new();

    public IReadOnlyDictionary<string, ManagedPolicyEntry> Managed => _managed;

    public IReadOnlyDictionary<string, GroupEntry> Groups => _groups;

    /// <summary>The file the details were read from; null for piped objects.</summary>
    public string? File { get; set; }

    public int DocumentCount => Inputs.Count;

    internal void AddManaged(ManagedPolicyEntry entry) => _managed[entry.Arn] = entry;

    internal void AddGroup(GroupEntry group) => _groups[group.Name] = group;

    /// <summary>Adds another page (or list item) of the same account.</summary>
    public void Add(AccountDetails other)
    {
        Inputs.AddRange(other.Inputs);
        Users.AddRange(other.Users);
        Roles.AddRange(other.Roles);
        foreach (var entry in other._managed) _managed[entry.Key] = entry.Value;
        foreach (var entry in other._groups) _groups[entry.Key] = entry.Value;
        File ??= other.File;
    }
}

/// <summary>A managed policy: its ARN and the document of its default version (also for AWS managed policies not reported on).</summary>
internal sealed class ManagedPolicyEntry
{
    public ManagedPolicyEntry(string arn, string? name, PolicyInput? defaultVersion)
    {
        Arn = arn;
        Name = name;
        DefaultVersion = defaultVersion;
    }

    public string Arn { get; }

    public string? Name { get; }

    public PolicyInput? DefaultVersion { get; }
}

/// <summary>A group: its inline policies and the ARNs of its attached managed policies.</summary>
internal sealed class GroupEntry
{
    public GroupEntry(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public List<PolicyInput> Inline { get; } = new();

    public List<string> Attached { get; } = new();
}

/// <summary>A user or a role: the identity policies IAM evaluates together for its requests.</summary>
internal sealed class PrincipalEntry
{
    public PrincipalEntry(string arn, string name)
    {
        Arn = arn;
        Name = name;
    }

    /// <summary>The principal's ARN (or <c>user/Name</c> when the input did not carry it).</summary>
    public string Arn { get; }

    public string Name { get; }

    public List<PolicyInput> Inline { get; } = new();

    public List<string> Attached { get; } = new();

    /// <summary>The names of a user's groups.</summary>
    public List<string> Groups { get; } = new();

    /// <summary>The ARN of the permissions boundary, if one is set.</summary>
    public string? BoundaryArn { get; set; }
}
