using System.Collections.Generic;
using PolicyTools.Capabilities;

namespace PolicyTools.Analysis;

/// <summary>
/// An action whose required resource types the policy's Allow statements do not all allow: which
/// they do allow, and under which statements. Worked out once per document and service by
/// <see cref="Rules.RequiredResourceTypeMissingRule"/> (<see cref="AnalysisContext.UnmetRequiredTypes"/>),
/// which reports it, and read by the repair, which adds what is missing.
/// </summary>
internal sealed class UnmetRequiredTypes
{
    private readonly List<StatementView> _granting = new(1);

    public UnmetRequiredTypes(ActionCapability action, StatementView firstGranting, int typeCount)
    {
        Action = action;
        _granting.Add(firstGranting);
        Allowed = new ResourceTypeSet(typeCount);
    }

    public ActionCapability Action { get; }

    /// <summary>
    /// The Allow statements that apply the action (effective for it, no condition key it never
    /// carries), in document order; the finding is about the first.
    /// </summary>
    public IReadOnlyList<StatementView> Granting => _granting;

    /// <summary>Required types some granting statement allows, with a Condition that can hold for them.</summary>
    public ResourceTypeSet Allowed { get; }

    /// <summary>Condition keys that kept a named type from counting (requests never carry them for it); null when none did.</summary>
    public List<string>? BlockingKeys { get; set; }

    /// <summary>
    /// Set when every required type is allowed, but only by statements whose Conditions never hold
    /// together on one request: the conflict in words (see <see cref="RequiredTypeCombination"/>).
    /// </summary>
    public string? Conflict { get; set; }

    /// <summary>Whether every required type is allowed after all.</summary>
    public bool IsMet => Allowed.IsSupersetOf(Action.RequiredTypeSet);

    /// <summary>The required types no granting statement allows, as indexes into the service's types, in the action's order.</summary>
    public List<int> MissingTypeIndexes()
    {
        var missing = new List<int>();
        foreach (var t in Action.RequiredTypeIndexes) if (!Allowed[t]) missing.Add(t);
        return missing;
    }

    internal void AddGranting(StatementView view) => _granting.Add(view);
}
