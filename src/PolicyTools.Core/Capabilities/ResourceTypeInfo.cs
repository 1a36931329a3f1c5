using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using PolicyTools.Analysis;

namespace PolicyTools.Capabilities;

/// <summary>
/// A resource type as one action uses it, with the type's ARN formats and condition keys resolved
/// from the service. What <c>Get-Ec2ActionCapability</c> lists under <c>ResourceTypes</c>.
/// </summary>
public sealed class ResourceTypeInfo
{
    private ResourceTypeInfo(string action, ActionResourceType pair, ResourceTypeCapability? type)
    {
        Action = action;
        Name = pair.Name;
        Required = pair.Required;
        ArnFormats = new ValueList(type?.ArnFormats ?? Enumerable.Empty<string>());
        ConditionKeys = new ValueList(type?.ConditionKeys ?? Enumerable.Empty<string>());
        ConditionKeysForAction = new ValueList(pair.ConditionKeys);
        DependentActions = new ValueList(pair.DependentActions);
    }

    /// <summary>The action this row belongs to, e.g. <c>ec2:RunInstances</c>.</summary>
    public string Action { get; }

    /// <summary>The resource type, e.g. <c>instance</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// True when every request for the action carries an ARN of this type (the policy must allow
    /// one); false when optional; null when the map does not know (treated as optional).
    /// </summary>
    public bool? Required { get; }

    /// <summary>ARN templates of the type, e.g. <c>arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}</c>.</summary>
    public ValueList ArnFormats { get; }

    /// <summary>Condition keys of the resource type itself.</summary>
    public ValueList ConditionKeys { get; }

    /// <summary>Condition keys the action lists for this resource type.</summary>
    public ValueList ConditionKeysForAction { get; }

    /// <summary>Dependent actions the action lists for this resource type.</summary>
    public ValueList DependentActions { get; }

    /// <summary>The name, with <c>*</c> after a required type (as in AWS's documentation).</summary>
    public override string ToString() => Required == true ? Name + "*" : Name;

    internal static ResourceTypeInfo From(ServiceCapabilities service, ActionCapability action, ActionResourceType pair) =>
        new(action.FullName, pair, service.GetResourceType(pair.Name));
}

/// <summary>A read-only list of resource types whose text form is their names (<c>image*, instance*, key-pair</c>).</summary>
public sealed class ResourceTypeInfoList : ReadOnlyCollection<ResourceTypeInfo>
{
    public ResourceTypeInfoList(IEnumerable<ResourceTypeInfo> items)
        : base((items ?? throw new ArgumentNullException(nameof(items))).ToArray())
    {
    }

    public override string ToString() => string.Join(", ", this);
}
