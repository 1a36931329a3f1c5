using System;
using PolicyTools.Analysis;

namespace PolicyTools.Capabilities;

/// <summary>
/// What a capability map holds for one service, as <c>Get-IamCapabilityMap -Service</c> writes it:
/// immutable; the property names are a contract.
/// </summary>
public sealed class ServiceCapabilityInfo
{
    private ServiceCapabilityInfo(CapabilityMap map, ServiceCapabilities service, DateTime today)
    {
        Service = service.Prefix;
        ServiceName = service.ServiceName;
        Source = map.Source;
        Date = map.Date;
        AgeInDays = CapabilityCounts.AgeInDays(map.Date, today);
        Path = map.Path;
        var counts = new CapabilityCounts(new[] { service });
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

    /// <summary>Service prefix, e.g. <c>s3</c>.</summary>
    public string Service { get; }

    /// <summary>The service's name in AWS's reference, e.g. <c>Amazon S3</c>.</summary>
    public string ServiceName { get; }

    /// <summary>Where the map's facts come from.</summary>
    public string Source { get; }

    /// <summary>Date of the map's facts, <c>yyyy-MM-dd</c>.</summary>
    public string Date { get; }

    /// <summary>Days from <see cref="Date"/> to the day this object was made; null when the date is not <c>yyyy-MM-dd</c>.</summary>
    public int? AgeInDays { get; }

    /// <summary><c>(embedded)</c> or the map file or folder.</summary>
    public string Path { get; }

    public int ActionCount { get; }

    /// <summary>Actions only <c>"Resource": "*"</c> grants.</summary>
    public int StarOnlyActionCount { get; }

    public int ResourceLevelActionCount { get; }

    public int ActionWithRequiredResourceTypeCount { get; }

    public int ResourceTypeCount { get; }

    public int ActionResourceTypeCount { get; }

    /// <summary>Distinct condition keys of the service's actions, pairs and resource types.</summary>
    public int ConditionKeyCount { get; }

    /// <summary>Action and resource type pairs whose required flag nobody knew; treated as optional.</summary>
    public int RequiredFlagUnknownCount { get; }

    /// <summary>Those pairs, as <c>s3:Action resource-type</c>.</summary>
    public ValueList UnknownRequiredFlags { get; }

    public override string ToString() => $"{Service}: {ActionCount} actions, map dated {Date}";

    public static ServiceCapabilityInfo From(CapabilityMap map, ServiceCapabilities service) => From(map, service, DateTime.UtcNow);

    public static ServiceCapabilityInfo From(CapabilityMap map, ServiceCapabilities service, DateTime today)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        if (service is null) throw new ArgumentNullException(nameof(service));
        return new ServiceCapabilityInfo(map, service, today);
    }
}
