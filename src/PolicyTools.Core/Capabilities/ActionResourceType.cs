using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyTools.Capabilities;

/// <summary>A resource type an action can be scoped to, as that action uses it.</summary>
internal sealed class ActionResourceType
{
    public ActionResourceType(string name, bool? required, IEnumerable<string>? conditionKeys, IEnumerable<string>? dependentActions = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Required = required;
        ConditionKeys = (conditionKeys ?? Enumerable.Empty<string>()).ToArray();
        DependentActions = (dependentActions ?? Enumerable.Empty<string>()).ToArray();
    }

    // The same pair placed in its service: the type's index in the service's list.
    internal ActionResourceType(ActionResourceType pair, int typeIndex)
    {
        Name = pair.Name;
        Required = pair.Required;
        ConditionKeys = pair.ConditionKeys;
        DependentActions = pair.DependentActions;
        TypeIndex = typeIndex;
    }

    public string Name { get; }

    /// <summary>True when every request carries an ARN of this type; null when the source does not say.</summary>
    public bool? Required { get; }

    /// <summary>Condition keys of this action and resource pair.</summary>
    public IReadOnlyList<string> ConditionKeys { get; }

    public IReadOnlyList<string> DependentActions { get; }

    /// <summary>Index of the type in the service's resource type list; -1 until the pair is placed in a service (or when the service does not define the type).</summary>
    internal int TypeIndex { get; } = -1;

    /// <summary>Keys a request carries for this action and resource pair.</summary>
    internal ConditionKeySet PairConditionKeys => _pairConditionKeys ??= new ConditionKeySet(ConditionKeys);

    private ConditionKeySet? _pairConditionKeys;

    public override string ToString() => Required == true ? Name + "*" : Name;
}
