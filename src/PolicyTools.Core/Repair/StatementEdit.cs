using System;
using System.Collections.Generic;

namespace PolicyTools.Repair;

/// <summary>
/// What the repair does to one statement of the original document: its own elements change in
/// place, and new statements follow it. Everything not named here is written as it was.
/// </summary>
internal sealed class StatementEdit
{
    public StatementEdit(int index) => Index = index;

    /// <summary>0-based position of the statement in the original document.</summary>
    public int Index { get; }

    /// <summary>The new Action (or NotAction) list; null keeps it as written.</summary>
    public List<string>? Actions { get; set; }

    /// <summary>Replace the Resource element with <c>"*"</c>.</summary>
    public bool ResourceStar { get; set; }

    /// <summary>ARNs appended to the Resource element.</summary>
    public List<string> AddedResources { get; } = new();

    /// <summary>Condition tests added to the statement's Condition.</summary>
    public List<ConditionAddition> AddedConditions { get; } = new();

    /// <summary>New statements written right after this one, in order.</summary>
    public List<NewStatement> Following { get; } = new();

    public bool ChangesStatement => Actions is not null || ResourceStar || AddedResources.Count > 0 || AddedConditions.Count > 0;

    public bool IsEmpty => !ChangesStatement && Following.Count == 0;
}

/// <summary>
/// A statement the repair adds after an original one. It copies the original's Effect and every
/// element the repair does not set (Principal and other unknown elements verbatim, in their order);
/// Action, Resource, Sid and Condition are its own. A one-item Action or Resource is written as a
/// string where the original wrote that element as a string.
/// </summary>
internal sealed class NewStatement
{
    public NewStatement(string? sid, IReadOnlyList<string> actions, IReadOnlyList<string> resources)
    {
        Sid = sid;
        Actions = actions ?? throw new ArgumentNullException(nameof(actions));
        Resources = resources ?? throw new ArgumentNullException(nameof(resources));
    }

    public string? Sid { get; }

    public IReadOnlyList<string> Actions { get; }

    public IReadOnlyList<string> Resources { get; }

    /// <summary>Condition tests of the original statement left out, as "operator\nkey" (ordinal).</summary>
    public HashSet<string> DroppedConditions { get; } = new(StringComparer.Ordinal);

    /// <summary>Condition tests added.</summary>
    public List<ConditionAddition> AddedConditions { get; } = new();

    public static string ConditionId(string op, string key) => op + "\n" + key;
}

/// <summary>One condition test the repair adds: <c>"StringEquals": { "aws:RequestedRegion": "us-east-1" }</c>.</summary>
internal sealed class ConditionAddition
{
    public ConditionAddition(string @operator, string key, string value)
    {
        Operator = @operator;
        Key = key;
        Value = value;
    }

    public string Operator { get; }

    public string Key { get; }

    public string Value { get; }

    public override string ToString() => $"{Key} = {Value}";
}
