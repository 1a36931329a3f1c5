using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using PolicyTools.Data;

namespace PolicyTools.Capabilities;

/// <summary>
/// The map compiled into the module: one embedded capability map document per service
/// (<c>Data/capability-map/&lt;prefix&gt;.yaml</c>, each a complete one-service map) and a header
/// document without services (<c>_map.yaml</c>) that gives the source and date of them all.
/// Only the header is read when the map is first asked for; a service's document is read on the
/// first use of that service. The documents are resources of PolicyTools.Data (one copy for every
/// build of the engine), written from <c>src/PolicyTools.Core/Data/capability-map/</c>.
/// </summary>
internal static class EmbeddedCapabilityMap
{
    public const string ResourcePrefix = CapabilityMapResources.Prefix;
    public const string HeaderName = CapabilityMapYamlWriter.HeaderFileName;
    private const string Extension = ".yaml";

    public static CapabilityMap Load()
    {
        var assembly = CapabilityMapResources.Assembly;
        var header = Read(assembly, ResourcePrefix + HeaderName);
        var names = assembly.GetManifestResourceNames();
        var prefixes = new List<string>();
        foreach (var name in names)
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal)) continue;
            var prefix = name.Substring(ResourcePrefix.Length, name.Length - ResourcePrefix.Length - Extension.Length);
            if (prefix + Extension != HeaderName) prefixes.Add(prefix);
        }
        prefixes.Sort(StringComparer.Ordinal);

        var loaders = new List<KeyValuePair<string, Func<ServiceCapabilities>>>(prefixes.Count);
        foreach (var prefix in prefixes)
        {
            loaders.Add(new KeyValuePair<string, Func<ServiceCapabilities>>(prefix, () => LoadService(assembly, header, prefix)));
        }
        return new CapabilityMap(header.Source, header.Date, CapabilityMap.EmbeddedPath, loaders);
    }

    private static ServiceCapabilities LoadService(Assembly assembly, CapabilityMap header, string prefix)
    {
        var document = Read(assembly, ResourcePrefix + prefix + Extension);
        return CapabilityMapServiceFiles.ServiceOf(document, header, prefix, CapabilityMap.EmbeddedPath + " " + prefix + Extension);
    }

    private static CapabilityMap Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded capability map '{resource}' is missing from {assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return CapabilityMapYamlReader.Read(reader, CapabilityMap.EmbeddedPath);
    }
}
