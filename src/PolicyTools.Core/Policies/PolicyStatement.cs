using System;
using System.Collections.Generic;

namespace PolicyTools.Policies;

/// <summary>One statement of a policy, with every element normalised to lists.</summary>
internal sealed class PolicyStatement
{
    private static readonly IReadOnlyList<string> s_none = Array.Empty<string>();
    private ActionsByService? _actionsByService;

    public PolicyStatement(
        int index,
        string? sid,
        PolicyEffect effect,
        IReadOnlyList<string>? actions,
        bool isNotAction,
        IReadOnlyList<string>? resources,
        bool isNotResource,
        IReadOnlyList<ConditionClause>? conditions,
        bool hasPrincipal,
        int line)
    {
        Index = index;
        Sid = sid;
        Effect = effect;
        Actions = actions ?? s_none;
        IsNotAction = isNotAction;
        HasResourceElement = resources is not null;
        Resources = resources ?? s_none;
        IsNotResource = isNotResource;
        Conditions = conditions ?? Array.Empty<ConditionClause>();
        HasPrincipal = hasPrincipal;
        Line = line;
    }

    /// <summary>0-based position in the document.</summary>
    public int Index { get; }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    /// <summary>The <c>Action</c> or, when <see cref="IsNotAction"/>, the <c>NotAction</c> patterns.</summary>
    public IReadOnlyList<string> Actions { get; }

    public bool IsNotAction { get; }

    /// <summary>The <see cref="Actions"/> patterns that can name an action of the service (every other pattern matches none of them).</summary>
    internal IReadOnlyList<string> ActionsAbout(string servicePrefix) => ActionsByService.For(servicePrefix);

    /// <summary>The <see cref="Actions"/> patterns grouped by the service they name, worked out once.</summary>
    internal ActionsByService ActionsByService =>
        System.Threading.Volatile.Read(ref _actionsByService) ?? Publish.Once(ref _actionsByService, new ActionsByService(Actions));

    /// <summary>The <c>Resource</c> or, when <see cref="IsNotResource"/>, the <c>NotResource</c> entries.</summary>
    public IReadOnlyList<string> Resources { get; }

    public bool IsNotResource { get; }

    /// <summary>False for statements without Resource or NotResource (trust policies).</summary>
    public bool HasResourceElement { get; }

    public IReadOnlyList<ConditionClause> Conditions { get; }

    public bool HasPrincipal { get; }

    /// <summary>1-based line where the statement starts; 0 when unknown.</summary>
    public int Line { get; }
}

public enum PolicyEffect
{
    Allow,
    Deny,
}

/// <summary>One key test of a Condition block: <c>"StringEquals": { "aws:RequestedRegion": [...] }</c>.</summary>
internal sealed class ConditionClause
{
    public ConditionClause(string @operator, string key, IReadOnlyList<string> values)
    {
        Operator = @operator;
        Key = key;
        Values = values;
    }

    public string Operator { get; }

    public string Key { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// True when a request that lacks the key can still satisfy the test: <c>...IfExists</c>,
    /// <c>Null</c> with <c>true</c>, <c>ForAllValues:</c> (vacuously true) and negated operators
    /// such as <c>StringNotEquals</c> (IAM evaluates them to true when the key is absent).
    /// <c>ForAnyValue:</c> over a missing key is false, whatever the operator.
    /// </summary>
    public bool ToleratesMissingKey
    {
        get
        {
            var op = Operator;
            if (op.EndsWith("IfExists", StringComparison.Ordinal)) return true;
            if (op.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase)) return true;
            if (op.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase)) return false;
            if (op == "Null")
            {
                foreach (var value in Values) if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)) return true;
                return false;
            }
            return op.StartsWith("StringNot", StringComparison.Ordinal)
                || op.StartsWith("ArnNot", StringComparison.Ordinal)
                || op is "NumericNotEquals" or "DateNotEquals" or "NotIpAddress" or "BinaryNotEquals";
        }
    }
}
