using System;

namespace PolicyTools.Capabilities;

/// <summary>
/// What a capability map holds for one service, as <c>Get-IamCapabilityMap -Service</c> writes it:
/// immutable; the property names are a contract.
/// </summary>
public sealed class ServiceCapabilityInfo : CapabilitySummary
{
    private ServiceCapabilityInfo(CapabilityMap map, ServiceCapabilities service, DateTime today)
        : base(map, new[] { service }, today)
    {
        Service = service.Prefix;
        ServiceName = service.ServiceName;
    }

    /// <summary>Service prefix, e.g. <c>s3</c>.</summary>
    public string Service { get; }

    /// <summary>The service's name in AWS's reference, e.g. <c>Amazon S3</c>.</summary>
    public string ServiceName { get; }

    public override string ToString() => $"{Service}: {ActionCount} actions, map dated {Date}";

    internal static ServiceCapabilityInfo From(CapabilityMap map, ServiceCapabilities service) => From(map, service, DateTime.UtcNow);

    internal static ServiceCapabilityInfo From(CapabilityMap map, ServiceCapabilities service, DateTime today)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        if (service is null) throw new ArgumentNullException(nameof(service));
        return new ServiceCapabilityInfo(map, service, today);
    }
}
