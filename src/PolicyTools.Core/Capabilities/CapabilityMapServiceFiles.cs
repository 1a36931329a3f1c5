using System;
using System.Collections.Generic;
using System.IO;

namespace PolicyTools.Capabilities;

/// <summary>
/// A capability map as a folder of one-service maps (<c>&lt;prefix&gt;.yaml</c>) and a header map
/// without services (<c>_map.yaml</c>): the form the module embeds, so that each service is read
/// only when it is used. Each service file is a complete map that reads on its own.
/// </summary>
internal static class CapabilityMapServiceFiles
{
    /// <summary>The header map's file name.</summary>
    public const string HeaderFileName = CapabilityMapYamlWriter.HeaderFileName;

    /// <summary>
    /// Writes <paramref name="map"/> into <paramref name="directory"/> as a header and one file per
    /// service, replacing the .yaml files there (a service the map no longer has is removed).
    /// Every file is read back before anything is replaced.
    /// </summary>
    public static IReadOnlyList<string> Write(CapabilityMap map, string directory)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        if (directory is null) throw new ArgumentNullException(nameof(directory));
        var files = new List<KeyValuePair<string, string>>
        {
            new(HeaderFileName, CapabilityMapYamlWriter.ToYaml(new CapabilityMap(map.Source, map.Date, map.Path, Array.Empty<ServiceCapabilities>()))),
        };
        foreach (var prefix in map.ServicePrefixes)
        {
            var service = map.GetService(prefix)!;
            var yaml = CapabilityMapYamlWriter.ToYaml(new CapabilityMap(map.Source, map.Date, map.Path, new[] { service }));
            CapabilityMapYamlReader.Read(new StringReader(yaml), prefix + ".yaml");
            files.Add(new KeyValuePair<string, string>(prefix + ".yaml", yaml));
        }

        Directory.CreateDirectory(directory);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            keep.Add(file.Key);
            var path = System.IO.Path.Combine(directory, file.Key);
            if (File.Exists(path) && File.ReadAllText(path) == file.Value) continue;
            File.WriteAllText(path, file.Value, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        foreach (var existing in Directory.GetFiles(directory, "*.yaml"))
        {
            if (!keep.Contains(System.IO.Path.GetFileName(existing))) File.Delete(existing);
        }
        var written = new List<string>(files.Count);
        foreach (var file in files) written.Add(file.Key);
        return written;
    }

    /// <summary>Whether <paramref name="directory"/> holds a map in this form (it has the header file).</summary>
    public static bool IsServiceFolder(string directory) => File.Exists(System.IO.Path.Combine(directory, HeaderFileName));

    /// <summary>
    /// Reads the header of a folder this class wrote; each service file is read on the first use of
    /// that service. A malformed file throws <see cref="CapabilityMapFormatException"/> then, naming it.
    /// </summary>
    public static CapabilityMap Load(string directory)
    {
        if (directory is null) throw new ArgumentNullException(nameof(directory));
        var header = CapabilityMap.LoadFile(System.IO.Path.Combine(directory, HeaderFileName));
        if (header.ServicePrefixes.Count != 0)
            throw new CapabilityMapFormatException(System.IO.Path.Combine(directory, HeaderFileName), 0, "the header of a per-service map folder must list no services.");
        var files = Directory.GetFiles(directory, "*.yaml");
        Array.Sort(files, StringComparer.Ordinal);
        var loaders = new List<KeyValuePair<string, Func<ServiceCapabilities>>>();
        foreach (var file in files)
        {
            var name = System.IO.Path.GetFileName(file);
            if (name == HeaderFileName) continue;
            var prefix = System.IO.Path.GetFileNameWithoutExtension(file);
            var path = file;
            loaders.Add(new KeyValuePair<string, Func<ServiceCapabilities>>(prefix, () => ServiceOf(CapabilityMap.LoadFile(path), header, prefix, path)));
        }
        return new CapabilityMap(header.Source, header.Date, directory, loaders);
    }

    /// <summary>The one service of a service file, checked against the header it belongs with.</summary>
    internal static ServiceCapabilities ServiceOf(CapabilityMap document, CapabilityMap header, string prefix, string path)
    {
        if (document.ServicePrefixes.Count != 1 || !string.Equals(document.ServicePrefixes[0], prefix, StringComparison.OrdinalIgnoreCase))
            throw new CapabilityMapFormatException(path, 0, $"expected the one service '{prefix}', found {document.ServicePrefixes.Count} service(s).");
        if (!string.Equals(document.Date, header.Date, StringComparison.Ordinal) || !string.Equals(document.Source, header.Source, StringComparison.Ordinal))
            throw new CapabilityMapFormatException(path, 0, $"its source and date ({document.Date}) are not those of {HeaderFileName} ({header.Date}).");
        return document.GetService(prefix)!;
    }
}
