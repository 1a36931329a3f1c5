using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyTools.Capabilities;

/// <summary>
/// Turns AWS's official service reference JSON (servicereference.us-east-1.amazonaws.com/v1/&lt;svc&gt;/&lt;svc&gt;.json,
/// or a file of that format with added <c>Required</c> flags) into a capability map.
/// The official format has no required flags: those are kept from a known map where the
/// action/type pair is known, and reported as unknown (treated as optional) otherwise.
/// </summary>
internal static class ServiceReferenceConverter
{
    public static ServiceReferenceConversion Convert(
        Stream json,
        string sourcePath,
        IEnumerable<string>? services = null,
        CapabilityMap? knownFlags = null,
        string? source = null,
        string? date = null,
        string? fallbackDate = null)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ServiceReferenceFormatException(sourcePath, (ex.LineNumber ?? -1) + 1, JsonReason(ex.Message), ex);
        }
        catch (Exception ex) when (ex is ArgumentException or DecoderFallbackException)
        {
            throw new ServiceReferenceFormatException(sourcePath, 0, "it is not UTF-8 JSON: " + ex.Message, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ServiceReferenceFormatException(sourcePath, 0, "the document is not a JSON object.");

            var wanted = services is null ? null : new HashSet<string>(services, StringComparer.OrdinalIgnoreCase);
            var serviceElements = new List<JsonElement>();
            if (root.TryGetProperty("Services", out var all) && all.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in all.EnumerateObject()) serviceElements.Add(property.Value);
            }
            else if (root.TryGetProperty("Actions", out _))
            {
                serviceElements.Add(root);
            }
            else
            {
                throw new ServiceReferenceFormatException(sourcePath, 0, "it has neither 'Actions' (one service) nor 'Services' (several): this is not the AWS service reference format.");
            }

            var unknown = new List<string>();
            var converted = new List<ServiceCapabilities>();
            foreach (var element in serviceElements)
            {
                var prefix = RequiredString(element, "Name", sourcePath, "a service");
                if (wanted is not null && !wanted.Contains(prefix)) continue;
                converted.Add(ConvertService(element, prefix, sourcePath, knownFlags?.GetService(prefix), unknown));
            }
            if (wanted is not null)
            {
                var missing = wanted.Where(w => converted.All(s => !string.Equals(s.Prefix, w, StringComparison.OrdinalIgnoreCase))).ToList();
                if (missing.Count > 0)
                    throw new ServiceReferenceFormatException(sourcePath, 0, $"the file has no service '{string.Join("', '", missing)}'.");
            }

            var provenance = ReadProvenance(root);
            var mapSource = source ?? provenance.Source ?? $"AWS service reference JSON ({Path.GetFileName(sourcePath)})";
            var mapDate = date ?? provenance.Date;
            if (mapDate is null && fallbackDate is not null)
            {
                // Never silently the day of conversion: the map says where its date came from.
                mapDate = fallbackDate;
                mapSource += "; date from the file's last write time (the file records none)";
            }
            var map = new CapabilityMap(mapSource, mapDate ?? "unknown", sourcePath, converted);
            return new ServiceReferenceConversion(map, unknown);
        }
    }

    private static ServiceCapabilities ConvertService(JsonElement element, string prefix, string path, ServiceCapabilities? known, List<string> unknown)
    {
        var types = new List<ResourceTypeCapability>();
        var typeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in Array(element, "Resources"))
        {
            var name = RequiredString(type, "Name", path, $"a resource type of '{prefix}'");
            if (!typeNames.Add(name)) throw new ServiceReferenceFormatException(path, 0, $"the resource type '{name}' of '{prefix}' appears more than once.");
            var arns = Strings(type, "ARNFormats");
            if (arns.Count == 0) throw new ServiceReferenceFormatException(path, 0, $"the resource type '{name}' of '{prefix}' has no 'ARNFormats'.");
            foreach (var arn in arns)
            {
                if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Count(c => c == ':') < 5)
                    throw new ServiceReferenceFormatException(path, 0, $"the resource type '{name}' of '{prefix}' has an ARN format that is not an ARN: '{arn}'.");
            }
            types.Add(new ResourceTypeCapability(name, arns, Strings(type, "ConditionKeys")));
        }

        var actions = new List<ActionCapability>();
        var actionNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in Array(element, "Actions"))
        {
            var name = RequiredString(action, "Name", path, $"an action of '{prefix}'");
            if (name.IndexOfAny(new[] { ':', '*', '?' }) >= 0 || name.Trim().Length != name.Length)
                throw new ServiceReferenceFormatException(path, 0, $"the action name '{name}' of '{prefix}' is not an action name.");
            if (!actionNames.Add(name)) throw new ServiceReferenceFormatException(path, 0, $"the action '{prefix}:{name}' appears more than once.");
            var knownAction = known?.GetAction(name);
            var resources = new List<ActionResourceType>();
            foreach (var resource in Array(action, "Resources"))
            {
                var typeName = RequiredString(resource, "Name", path, $"a resource of '{prefix}:{name}'");
                if (!typeNames.Contains(typeName))
                    throw new ServiceReferenceFormatException(path, 0, $"the action '{prefix}:{name}' names the resource type '{typeName}', which '{prefix}' does not define in 'Resources'.");
                IReadOnlyList<string>? pairDependent = resource.TryGetProperty("DependentActions", out var pd) && pd.ValueKind == JsonValueKind.Array
                    ? Strings(resource, "DependentActions")
                    : null;
                AddPair(resources, knownAction, typeName, Flag(resource, "Required"), Strings(resource, "ConditionKeys"), pairDependent);
            }
            foreach (var pair in resources)
            {
                if (pair.Required is null) unknown.Add($"{prefix}:{name} {pair.Name}");
            }
            IReadOnlyList<string>? dependent = action.TryGetProperty("DependentActions", out var d) && d.ValueKind == JsonValueKind.Array
                ? Strings(action, "DependentActions")
                : knownAction?.DependentActions;
            actions.Add(new ActionCapability(prefix, name, AccessLevel(action), resources, Strings(action, "ActionConditionKeys"), dependent));
        }

        var serviceName = TextOf(element, "ServiceName") ?? known?.ServiceName ?? prefix;
        return new ServiceCapabilities(prefix, serviceName, actions, types);

        static string? TextOf(JsonElement e, string key) =>
            e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>
    /// Adds an action/resource type pair of the input to the action's pairs: what the input leaves
    /// out (null) comes from the known map's pair, and a pair listed twice is merged.
    /// </summary>
    internal static void AddPair(List<ActionResourceType> pairs, ActionCapability? knownAction, string typeName, bool? required, IReadOnlyList<string> conditionKeys, IReadOnlyList<string>? dependentActions)
    {
        var knownPair = knownAction?.ResourceTypes.FirstOrDefault(t => string.Equals(t.Name, typeName, StringComparison.OrdinalIgnoreCase));
        var pair = new ActionResourceType(typeName, required ?? knownPair?.Required, conditionKeys, dependentActions ?? knownPair?.DependentActions ?? System.Array.Empty<string>());
        var same = pairs.FindIndex(r => string.Equals(r.Name, typeName, StringComparison.OrdinalIgnoreCase));
        if (same >= 0) pairs[same] = Merge(pairs[same], pair);
        else pairs.Add(pair);
    }

    /// <summary>A true or false property; null when it is absent or anything else.</summary>
    internal static bool? Flag(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var flag) && (flag.ValueKind == JsonValueKind.True || flag.ValueKind == JsonValueKind.False)
            ? flag.GetBoolean()
            : null;

    // AWS's reference lists a few pairs twice (bedrock:UpdateDataAutomationProject data-automation-project,
    // ec2-instance-connect:OpenTunnel once without and once with its condition keys): one pair with the
    // keys and dependent actions of both. Required stays known only where both say the same.
    internal static ActionResourceType Merge(ActionResourceType first, ActionResourceType second) =>
        new(first.Name,
            first.Required == second.Required ? first.Required : null,
            first.ConditionKeys.Concat(second.ConditionKeys).Distinct(StringComparer.Ordinal),
            first.DependentActions.Concat(second.DependentActions).Distinct(StringComparer.Ordinal));

    // The official format carries flags; "AccessLevel" is our added field. Same derivation as AWS's docs.
    private static string AccessLevel(JsonElement action)
    {
        if (action.TryGetProperty("AccessLevel", out var level) && level.ValueKind == JsonValueKind.String) return level.GetString()!;
        if (action.TryGetProperty("Annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            && annotations.TryGetProperty("Properties", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            if (Flag(p, "IsPermissionManagement")) return "Permissions management";
            if (Flag(p, "IsTaggingOnly")) return "Tagging";
            if (Flag(p, "IsWrite")) return "Write";
            if (Flag(p, "IsList")) return "List";
        }
        return "Read";

        static bool Flag(JsonElement properties, string name) =>
            properties.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
    }

    private static (string? Source, string? Date) ReadProvenance(JsonElement root)
    {
        if (!root.TryGetProperty("_provenance", out var p) || p.ValueKind != JsonValueKind.Object) return (null, null);
        string? source = null, date = null;
        if (p.TryGetProperty("primary_source", out var primary) && primary.ValueKind == JsonValueKind.Object)
        {
            var repo = Text(primary, "repository");
            var commit = Text(primary, "commit");
            source = "AWS Service Authorization Reference: official service reference JSON"
                + (repo is null ? "" : $" via {repo}" + (commit is null ? "" : "@" + commit.Substring(0, Math.Min(12, commit.Length))));
            var changed = Text(primary, "ec2_json_last_changed") ?? Text(primary, "commit_date");
            date = FindDate(changed);
        }
        if (p.TryGetProperty("enrichment_source", out var enrichment) && enrichment.ValueKind == JsonValueKind.Object)
        {
            var repo = Text(enrichment, "repository");
            var commit = Text(enrichment, "commit");
            if (repo is not null)
                source += $"; Required flags from {repo}" + (commit is null ? "" : "@" + commit.Substring(0, Math.Min(12, commit.Length)));
        }
        return (source, date);

        static string? Text(JsonElement e, string key) =>
            e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        static string? FindDate(string? text)
        {
            if (text is null) return null;
            var match = System.Text.RegularExpressions.Regex.Match(text, @"\d{4}-\d{2}-\d{2}");
            return match.Success ? match.Value : null;
        }
    }

    // System.Text.Json appends its own 0-based position ("LineNumber: 3 | BytePositionInLine: 7.");
    // the exception's line is reported 1-based instead.
    private static string JsonReason(string message) =>
        Regex.Replace(message, @"\s*(Path: \S*)?\s*\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?", "").Trim();

    private static IEnumerable<JsonElement> Array(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : Enumerable.Empty<JsonElement>();

    private static IReadOnlyList<string> Strings(JsonElement element, string key) =>
        Array(element, key).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();

    private static string RequiredString(JsonElement element, string key, string path, string what)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
            return value.GetString()!;
        throw new ServiceReferenceFormatException(path, 0, $"{what} has no '{key}'.");
    }
}

/// <summary>The result of a conversion: the map, and the action/type pairs whose required flag nobody knew.</summary>
internal sealed class ServiceReferenceConversion
{
    public ServiceReferenceConversion(CapabilityMap map, IReadOnlyList<string> unknownRequiredFlags)
    {
        Map = map;
        UnknownRequiredFlags = unknownRequiredFlags;
    }

    public CapabilityMap Map { get; }

    /// <summary>"ec2:Action type" pairs treated as optional because no source said whether they are required.</summary>
    public IReadOnlyList<string> UnknownRequiredFlags { get; }
}
