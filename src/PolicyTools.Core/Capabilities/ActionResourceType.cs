using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyTools.Capabilities;

/// <summary>A resource type an action can be scoped to, as that action uses it.</summary>
public sealed class ActionResourceType
{
    public ActionResourceType(string name, bool? required, IEnumerable<string>? conditionKeys, IEnumerable<string>? dependentActions = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Required = required;
        ConditionKeys = (conditionKeys ?? Enumerable.Empty<string>()).ToArray();
        DependentActions = (dependentActions ?? Enumerable.Empty<string>()).ToArray();
    }

    public string Name { get; }

    /// <summary>True when every request carries an ARN of this type; null when the source does not say.</summary>
    public bool? Required { get; }

    /// <summary>Condition keys of this action and resource pair.</summary>
    public IReadOnlyList<string> ConditionKeys { get; }

    public IReadOnlyList<string> DependentActions { get; }

    public override string ToString() => Required == true ? Name + "*" : Name;
}
