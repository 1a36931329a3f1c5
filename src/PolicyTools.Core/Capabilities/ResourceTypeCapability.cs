using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Matching;

namespace PolicyTools.Capabilities;

/// <summary>A resource type of a service: how its ARNs look and which condition keys it carries.</summary>
internal sealed class ResourceTypeCapability
{
    public ResourceTypeCapability(string name, IEnumerable<string> arnFormats, IEnumerable<string>? conditionKeys)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        ArnFormats = (arnFormats ?? Enumerable.Empty<string>()).ToArray();
        ConditionKeys = (conditionKeys ?? Enumerable.Empty<string>()).ToArray();
        Templates = ArnFormats.Select(ArnTemplate.Parse).ToArray();
    }

    public string Name { get; }

    /// <summary>ARN templates such as <c>arn:${Partition}:ec2:${Region}:${Account}:volume/${VolumeId}</c>.</summary>
    public IReadOnlyList<string> ArnFormats { get; }

    public IReadOnlyList<string> ConditionKeys { get; }

    internal IReadOnlyList<ArnTemplate> Templates { get; }

    /// <summary>True when the type's ARNs are the service's own (<c>arn:…:ec2:…</c>).</summary>
    public bool IsOwnedBy(string servicePrefix)
    {
        foreach (var template in Templates) if (template.Service == servicePrefix) return true;
        return false;
    }

    public override string ToString() => Name;
}
