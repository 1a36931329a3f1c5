using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyTools.Capabilities;

/// <summary>What one IAM action accepts: its resource types, condition keys and access level.</summary>
public sealed class ActionCapability
{
    public ActionCapability(
        string service,
        string name,
        string accessLevel,
        IEnumerable<ActionResourceType> resourceTypes,
        IEnumerable<string> conditionKeys,
        IEnumerable<string>? dependentActions)
    {
        Service = service ?? throw new ArgumentNullException(nameof(service));
        Name = name ?? throw new ArgumentNullException(nameof(name));
        FullName = service + ":" + name;
        AccessLevel = accessLevel ?? "";
        ResourceTypes = (resourceTypes ?? Enumerable.Empty<ActionResourceType>()).ToArray();
        ConditionKeys = (conditionKeys ?? Enumerable.Empty<string>()).ToArray();
        DependentActions = dependentActions?.ToArray();
        RequiredResourceTypes = ResourceTypes.Where(t => t.Required == true).ToArray();
    }

    /// <summary>Service prefix, e.g. <c>ec2</c>.</summary>
    public string Service { get; }

    /// <summary>Action name without the prefix, e.g. <c>RunInstances</c>.</summary>
    public string Name { get; }

    /// <summary>Canonical name, e.g. <c>ec2:RunInstances</c>.</summary>
    public string FullName { get; }

    public string AccessLevel { get; }

    public IReadOnlyList<ActionResourceType> ResourceTypes { get; }

    public IReadOnlyList<ActionResourceType> RequiredResourceTypes { get; }

    /// <summary>Condition keys the action carries whatever the resource.</summary>
    public IReadOnlyList<string> ConditionKeys { get; }

    /// <summary>Null where the source did not say (actions newer than the dependent-action snapshot).</summary>
    public IReadOnlyList<string>? DependentActions { get; }

    /// <summary>False for actions that only <c>"Resource": "*"</c> can grant.</summary>
    public bool SupportsResourceLevelPermissions => ResourceTypes.Count > 0;

    /// <summary>Position in the service's action list; set once by <see cref="ServiceCapabilities"/>.</summary>
    internal int Index { get; set; }

    /// <summary>Indexes of <see cref="ResourceTypes"/> in the service's resource type list.</summary>
    internal int[] ResourceTypeIndexes { get; set; } = new int[0];

    internal int[] RequiredTypeIndexes { get; set; } = new int[0];

    /// <summary><see cref="ResourceTypeIndexes"/> as a set; set once by <see cref="ServiceCapabilities"/>.</summary>
    internal ResourceTypeSet TypeSet { get; set; } = new(0);

    /// <summary><see cref="RequiredTypeIndexes"/> as a set; set once by <see cref="ServiceCapabilities"/>.</summary>
    internal ResourceTypeSet RequiredTypeSet { get; set; } = new(0);

    /// <summary>The service's resource types, which <see cref="ResourceTypeIndexes"/> point into; set once by <see cref="ServiceCapabilities"/>.</summary>
    internal IReadOnlyList<ResourceTypeCapability> ServiceResourceTypes { get; set; } = Array.Empty<ResourceTypeCapability>();

    // The key sets are built on first use: only statements with conditions ask, and building all
    // 800 of them when the map loads cost a tenth of a fresh session's first result. Racing
    // threads build equal sets; either may win.
    private ConditionKeySet? _ownConditionKeys;
    private ConditionKeySet? _supportedConditionKeys;

    /// <summary>Keys a request for this action carries whatever the resource.</summary>
    internal ConditionKeySet OwnConditionKeys => _ownConditionKeys ??= new ConditionKeySet(ConditionKeys);

    /// <summary>Every key a request for this action can carry: its own, its pairs', its resource types'.</summary>
    internal ConditionKeySet SupportedConditionKeys => _supportedConditionKeys ??= new ConditionKeySet(
        ConditionKeys
            .Concat(ResourceTypes.SelectMany(t => t.ConditionKeys))
            .Concat(ResourceTypeIndexes.SelectMany(k => ServiceResourceTypes[k].ConditionKeys)));

    public override string ToString() => FullName;
}
