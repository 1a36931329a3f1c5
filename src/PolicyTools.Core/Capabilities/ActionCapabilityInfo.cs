using System;
using System.Linq;

namespace PolicyTools.Capabilities;

/// <summary>
/// What one IAM action accepts, as <c>Get-Ec2ActionCapability</c> writes it: immutable, with the
/// resource types' ARN formats and condition keys resolved. The property names are a contract.
/// </summary>
public sealed class ActionCapabilityInfo
{
    private ActionCapabilityInfo(ServiceCapabilities service, ActionCapability action)
    {
        Action = action.FullName;
        Service = action.Service;
        Name = action.Name;
        AccessLevel = action.AccessLevel;
        SupportsResourceLevelPermissions = action.SupportsResourceLevelPermissions;
        ResourceTypes = new ResourceTypeInfoList(action.ResourceTypes.Select(pair => ResourceTypeInfo.From(service, action, pair)));
        RequiredResourceTypes = new ValueList(action.RequiredResourceTypes.Select(t => t.Name));
        ConditionKeys = new ValueList(action.ConditionKeys);
        DependentActions = action.DependentActions is null ? null : new ValueList(action.DependentActions);
    }

    /// <summary>Canonical name, e.g. <c>ec2:RunInstances</c>.</summary>
    public string Action { get; }

    /// <summary>Service prefix, e.g. <c>ec2</c>.</summary>
    public string Service { get; }

    /// <summary>Action name without the prefix, e.g. <c>RunInstances</c>.</summary>
    public string Name { get; }

    /// <summary><c>List</c>, <c>Read</c>, <c>Write</c>, <c>Permissions management</c> or <c>Tagging</c>.</summary>
    public string AccessLevel { get; }

    /// <summary>False when only <c>"Resource": "*"</c> can grant the action (<c>ec2:DescribeVolumes</c>).</summary>
    public bool SupportsResourceLevelPermissions { get; }

    /// <summary>The resource types the action can be scoped to; empty for <c>*</c>-only actions.</summary>
    public ResourceTypeInfoList ResourceTypes { get; }

    /// <summary>Names of the resource types every request carries (each must be allowed).</summary>
    public ValueList RequiredResourceTypes { get; }

    /// <summary>Condition keys of the action whatever the resource.</summary>
    public ValueList ConditionKeys { get; }

    /// <summary>Actions the caller also needs; null when the map does not know.</summary>
    public ValueList? DependentActions { get; }

    public override string ToString() => Action;

    /// <summary>The description of an action of a service of a map.</summary>
    internal static ActionCapabilityInfo From(ServiceCapabilities service, ActionCapability action)
    {
        if (service is null) throw new ArgumentNullException(nameof(service));
        if (action is null) throw new ArgumentNullException(nameof(action));
        return new ActionCapabilityInfo(service, action);
    }
}
