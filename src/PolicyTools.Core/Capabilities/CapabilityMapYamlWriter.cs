using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using PolicyTools.Policies;

namespace PolicyTools.Capabilities;

/// <summary>Writes a capability map as YAML that <see cref="CapabilityMapYamlReader"/> reads back.</summary>
internal static class CapabilityMapYamlWriter
{
    /// <summary>The file of a per-service map folder that holds the source and date, without services.</summary>
    public const string HeaderFileName = "_map.yaml";

    public static void Write(CapabilityMap map, TextWriter writer)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        if (writer is null) throw new ArgumentNullException(nameof(writer));

        writer.WriteLine("# PolicyTools capability map: which IAM actions accept which resource types.");
        writer.WriteLine("# Generated from the AWS service reference JSON by ConvertTo-IamCapabilityMap; regenerate, do not edit.");
        writer.WriteLine("# An action without resourceTypes supports no resource-level permissions (only \"Resource\": \"*\").");
        writer.WriteLine("format: " + Quote(CapabilityMapYamlReader.FormatName + " " + CapabilityMapYamlReader.FormatVersion));
        writer.WriteLine("source: " + Quote(map.Source));
        writer.WriteLine("date: " + Quote(map.Date));
        if (map.ServicePrefixes.Count == 0)
        {
            writer.WriteLine("services: []");
            return;
        }
        writer.WriteLine("services:");
        foreach (var service in map.Services)
        {
            writer.WriteLine("  - prefix: " + Quote(service.Prefix));
            writer.WriteLine("    name: " + Quote(service.ServiceName));
            // A service without resource types (76 of them: every action needs "*") still has the key.
            writer.WriteLine(service.ResourceTypes.Count == 0 ? "    resourceTypes: []" : "    resourceTypes:");
            foreach (var type in service.ResourceTypes)
            {
                writer.WriteLine("      - name: " + Quote(type.Name));
                writer.WriteLine("        arnFormats: " + List(type.ArnFormats));
                writer.WriteLine("        conditionKeys: " + List(type.ConditionKeys));
            }
            writer.WriteLine(service.Actions.Count == 0 ? "    actions: []" : "    actions:");
            foreach (var action in service.Actions)
            {
                writer.WriteLine("      - name: " + Quote(action.Name));
                writer.WriteLine("        accessLevel: " + Quote(action.AccessLevel));
                writer.WriteLine("        conditionKeys: " + List(action.ConditionKeys));
                if (action.DependentActions is not null) writer.WriteLine("        dependentActions: " + List(action.DependentActions));
                if (action.ResourceTypes.Count == 0) continue;
                writer.WriteLine("        resourceTypes:");
                foreach (var type in action.ResourceTypes)
                {
                    var line = new StringBuilder("          - { name: ").Append(Quote(type.Name))
                        .Append(", required: ").Append(type.Required is bool b ? (b ? "true" : "false") : "null")
                        .Append(", conditionKeys: ").Append(List(type.ConditionKeys));
                    if (type.DependentActions.Count > 0) line.Append(", dependentActions: ").Append(List(type.DependentActions));
                    writer.WriteLine(line.Append(" }").ToString());
                }
            }
        }
    }

    /// <summary>
    /// Writes the map to <paramref name="path"/> (UTF-8 without BOM, LF line ends) and returns it as
    /// read back from the written text, so that a map is never written that cannot be read. The file
    /// is replaced atomically: readers see the old map or the new one, never half of one.
    /// </summary>
    /// <exception cref="CapabilityMapFormatException">The map's YAML would not read back (a bug or an inconsistent map).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static CapabilityMap WriteFile(CapabilityMap map, string path)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        if (path is null) throw new ArgumentNullException(nameof(path));
        var yaml = ToYaml(map);
        var written = CapabilityMapYamlReader.Read(new StringReader(yaml), path);

        AtomicFile.Write(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(yaml));
        return written;
    }

    public static string ToYaml(CapabilityMap map)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(map, writer);
        return writer.ToString();
    }

    private static string List(IEnumerable<string> items)
    {
        var builder = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            if (!first) builder.Append(", ");
            builder.Append(Quote(item));
            first = false;
        }
        return builder.Append(']').ToString();
    }

    // JSON-style double-quoted scalars are valid YAML and need no knowledge of YAML's plain-scalar rules.
    private static string Quote(string value) => JsonStrings.Quote(value);
}
