using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyTools.Capabilities;

/// <summary>What one IAM action accepts: its resource types, condition keys and access level.</summary>
internal sealed class ActionCapability
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

    /// <summary>
    /// The action as <see cref="ServiceCapabilities"/> places it: a new object with its position
    /// and its types' indexes in the service, so that an action handed to two services is never
    /// re-indexed by the second.
    /// </summary>
    internal ActionCapability(ActionCapability action, int index, IReadOnlyList<ResourceTypeCapability> serviceTypes, Dictionary<string, int> typeIndex)
    {
        Service = action.Service;
        Name = action.Name;
        FullName = action.FullName;
        AccessLevel = action.AccessLevel;
        ConditionKeys = action.ConditionKeys;
        DependentActions = action.DependentActions;
        Index = index;
        ServiceResourceTypes = serviceTypes;
        var pairs = new ActionResourceType[action.ResourceTypes.Count];
        var indexes = new List<int>(pairs.Length);
        var required = new List<ActionResourceType>();
        var requiredIndexes = new List<int>();
        TypeSet = new ResourceTypeSet(serviceTypes.Count);
        RequiredTypeSet = new ResourceTypeSet(serviceTypes.Count);
        for (var i = 0; i < pairs.Length; i++)
        {
            var pair = action.ResourceTypes[i];
            var k = typeIndex.TryGetValue(pair.Name, out var found) ? found : -1;
            pairs[i] = new ActionResourceType(pair, k);
            if (pair.Required == true) required.Add(pairs[i]);
            if (k < 0) continue;
            indexes.Add(k);
            TypeSet.Add(k);
            if (pair.Required == true)
            {
                requiredIndexes.Add(k);
                RequiredTypeSet.Add(k);
            }
        }
        ResourceTypes = pairs;
        RequiredResourceTypes = required.ToArray();
        ResourceTypeIndexes = indexes.ToArray();
        RequiredTypeIndexes = requiredIndexes.ToArray();
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

    /// <summary>Position in the service's action list; -1 for an action not placed in a service.</summary>
    internal int Index { get; } = -1;

    /// <summary>Indexes of <see cref="ResourceTypes"/> in the service's resource type list (types it defines, in the action's order).</summary>
    internal int[] ResourceTypeIndexes { get; } = new int[0];

    internal int[] RequiredTypeIndexes { get; } = new int[0];

    /// <summary><see cref="ResourceTypeIndexes"/> as a set; filled when the action is placed, never changed.</summary>
    internal ResourceTypeSet TypeSet { get; } = new(0);

    /// <summary><see cref="RequiredTypeIndexes"/> as a set; filled when the action is placed, never changed.</summary>
    internal ResourceTypeSet RequiredTypeSet { get; } = new(0);

    /// <summary>The service's resource types, which <see cref="ResourceTypeIndexes"/> point into.</summary>
    internal IReadOnlyList<ResourceTypeCapability> ServiceResourceTypes { get; } = Array.Empty<ResourceTypeCapability>();

    // The key sets are built on first use: only statements with conditions ask, and building all
    // 800 of them when the map loads cost a tenth of a fresh session's first result. Racing
    // threads build equal sets; either may win.
    private ConditionKeySet? _ownConditionKeys;
    private ConditionKeySet? _supportedConditionKeys;

    /// <summary>Keys a request for this action carries whatever the resource.</summary>
    internal ConditionKeySet OwnConditionKeys => _ownConditionKeys ??= new ConditionKeySet(ConditionKeys);

    /// <summary>Every key a request for this action can carry: its own, its pairs', its resource types'.</summary>
    internal ConditionKeySet SupportedConditionKeys => _supportedConditionKeys ??= new ConditionKeySet(AllConditionKeys());

    // Loops, not SelectMany over the int indexes: LINQ over a value type is framework code that
    // only the JIT can compile, on the first statement with a condition of every session.
    private List<string> AllConditionKeys()
    {
        var keys = new List<string>(ConditionKeys);
        foreach (var type in ResourceTypes) keys.AddRange(type.ConditionKeys);
        foreach (var index in ResourceTypeIndexes) keys.AddRange(ServiceResourceTypes[index].ConditionKeys);
        return keys;
    }

    public override string ToString() => FullName;
}
