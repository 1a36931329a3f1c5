using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PolicyTools.Capabilities;

/// <summary>
/// Where a capability map's facts come from, how old they are and what they cover, as
/// <c>Get-Ec2CapabilityMap</c>, <c>Get-IamCapabilityMap</c> and the conversion cmdlets write it.
/// </summary>
public sealed class CapabilityMapInfo : CapabilitySummary
{
    private CapabilityMapInfo(CapabilityMap map, DateTime today)
        : base(map, map.Services, today)
    {
        IsEmbedded = string.Equals(map.Path, CapabilityMap.EmbeddedPath, StringComparison.Ordinal);
        Services = new ValueList(map.ServicePrefixes);
    }

    public bool IsEmbedded { get; }

    /// <summary>Service prefixes the map covers, e.g. <c>ec2</c>.</summary>
    public ValueList Services { get; }

    public override string ToString() => $"{string.Join(", ", Services)} capability map dated {Date} ({Path})";

    internal static CapabilityMapInfo From(CapabilityMap map) => From(map, DateTime.UtcNow);

    internal static CapabilityMapInfo From(CapabilityMap map, DateTime today)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        return new CapabilityMapInfo(map, today);
    }
}

/// <summary>The source, date and counts that a map's and a service's descriptions share; the property names are a contract.</summary>
public abstract class CapabilitySummary
{
    private protected CapabilitySummary(CapabilityMap map, IEnumerable<ServiceCapabilities> services, DateTime today)
    {
        Source = map.Source;
        Date = map.Date;
        AgeInDays = CapabilityCounts.AgeInDays(map.Date, today);
        Path = map.Path;
        var counts = new CapabilityCounts(services);
        ActionCount = counts.ActionCount;
        StarOnlyActionCount = counts.StarOnlyActionCount;
        ResourceLevelActionCount = counts.ActionCount - counts.StarOnlyActionCount;
        ActionWithRequiredResourceTypeCount = counts.ActionWithRequiredResourceTypeCount;
        ResourceTypeCount = counts.ResourceTypeCount;
        ActionResourceTypeCount = counts.ActionResourceTypeCount;
        ConditionKeyCount = counts.ConditionKeyCount;
        RequiredFlagUnknownCount = counts.UnknownRequiredFlags.Count;
        UnknownRequiredFlags = new ValueList(counts.UnknownRequiredFlags);
    }

    /// <summary>Where the facts come from (the AWS Service Authorization Reference snapshot used).</summary>
    public string Source { get; }

    /// <summary>Date of the facts, <c>yyyy-MM-dd</c>.</summary>
    public string Date { get; }

    /// <summary>Days from <see cref="Date"/> to the day this object was made; null when the date is not <c>yyyy-MM-dd</c>.</summary>
    public int? AgeInDays { get; }

    /// <summary><c>(embedded)</c> for the map compiled into the module, otherwise the map file or folder.</summary>
    public string Path { get; }

    public int ActionCount { get; }

    /// <summary>Actions that support no resource-level permissions: only <c>"Resource": "*"</c> grants them.</summary>
    public int StarOnlyActionCount { get; }

    /// <summary>Actions that accept resource ARNs.</summary>
    public int ResourceLevelActionCount { get; }

    /// <summary>Actions with at least one required resource type.</summary>
    public int ActionWithRequiredResourceTypeCount { get; }

    public int ResourceTypeCount { get; }

    /// <summary>Action and resource type pairs (an action scoped to a type).</summary>
    public int ActionResourceTypeCount { get; }

    /// <summary>Distinct condition keys named by actions, their resource types and the types themselves.</summary>
    public int ConditionKeyCount { get; }

    /// <summary>Action and resource type pairs whose required flag nobody knew; they are treated as optional.</summary>
    public int RequiredFlagUnknownCount { get; }

    /// <summary>Those pairs, as <c>ec2:Action resource-type</c>.</summary>
    public ValueList UnknownRequiredFlags { get; }
}

/// <summary>What a set of services holds, counted once for <see cref="CapabilityMapInfo"/> and <see cref="ServiceCapabilityInfo"/>.</summary>
internal sealed class CapabilityCounts
{
    public CapabilityCounts(IEnumerable<ServiceCapabilities> services)
    {
        var unknown = new List<string>();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in services)
        {
            ActionCount += service.Actions.Count;
            StarOnlyActionCount += service.ResourceLevelOnlyStarCount;
            ResourceTypeCount += service.ResourceTypes.Count;
            foreach (var type in service.ResourceTypes) keys.UnionWith(type.ConditionKeys);
            foreach (var action in service.Actions)
            {
                keys.UnionWith(action.ConditionKeys);
                if (action.RequiredResourceTypes.Count > 0) ActionWithRequiredResourceTypeCount++;
                foreach (var pair in action.ResourceTypes)
                {
                    ActionResourceTypeCount++;
                    keys.UnionWith(pair.ConditionKeys);
                    if (pair.Required is null) unknown.Add(action.FullName + " " + pair.Name);
                }
            }
        }
        ConditionKeyCount = keys.Count;
        UnknownRequiredFlags = unknown;
    }

    public int ActionCount { get; }
    public int StarOnlyActionCount { get; }
    public int ActionWithRequiredResourceTypeCount { get; }
    public int ResourceTypeCount { get; }
    public int ActionResourceTypeCount { get; }
    public int ConditionKeyCount { get; }
    public IReadOnlyList<string> UnknownRequiredFlags { get; }

    /// <summary>Days from a <c>yyyy-MM-dd</c> date to <paramref name="today"/>; null for any other text.</summary>
    public static int? AgeInDays(string date, DateTime today) =>
        DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? (int)(today.Date - parsed.Date).TotalDays
            : null;
}
