using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyTools.Capabilities;

/// <summary>
/// Reads the YAML capability map. YamlDotNet stays inside this internal class so that no public
/// signature exposes it (it may live in its own load context beside another module's copy).
/// </summary>
internal static class CapabilityMapYamlReader
{
    public const string FormatName = "PolicyTools capability map";
    public const int FormatVersion = 1;

    public static CapabilityMap Read(TextReader reader, string path)
    {
        YamlStream stream;
        var parser = new Parser(reader);
        try
        {
            stream = new YamlStream();
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            throw new CapabilityMapFormatException(path, ex.Start.Line, FirstLine(ex.Message), ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this, not a YamlException, on some malformed input
            // (an unclosed flow sequence): report the line where parsing stopped.
            throw new CapabilityMapFormatException(path, parser.Current?.End.Line ?? 0, "the YAML is malformed: " + FirstLine(ex.Message), ex);
        }
        if (stream.Documents.Count != 1)
            throw new CapabilityMapFormatException(path, 1, $"expected one YAML document, found {stream.Documents.Count}.");

        var context = new Context(path);
        var root = context.Mapping(stream.Documents[0].RootNode, "the document");
        if (context.Optional(root, "format") is null && (context.Optional(root, "Actions") is not null || context.Optional(root, "Services") is not null))
            throw context.Error(root, "this is an AWS service reference JSON file, not a capability map: convert it first (ConvertTo-Ec2CapabilityMap -Path <file> -OutFile <map.yaml>).");
        var format = context.RequiredScalar(root, "format");
        var expected = FormatName + " " + FormatVersion;
        if (!string.Equals(format.Value, expected, StringComparison.Ordinal))
            throw context.Error(format.Node, $"'format' must be '{expected}' (found '{format.Value}').");

        var source = context.RequiredScalar(root, "source").Value;
        var date = context.RequiredScalar(root, "date").Value;
        var services = new List<ServiceCapabilities>();
        var prefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var serviceNode in context.Sequence(context.Required(root, "services"), "services"))
        {
            var service = context.ReadService(serviceNode);
            if (!prefixes.Add(service.Prefix)) throw context.Error(serviceNode, $"service '{service.Prefix}' appears more than once.");
            services.Add(service);
        }
        return new CapabilityMap(source, date, path, services);
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n');
        return (newline < 0 ? message : message.Substring(0, newline)).Trim();
    }

    private sealed class Context
    {
        private readonly string _path;

        public Context(string path) => _path = path;

        public CapabilityMapFormatException Error(YamlNode node, string reason) =>
            new(_path, node.Start.Line, reason);

        public YamlMappingNode Mapping(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping.");

        public IEnumerable<YamlNode> Sequence(YamlNode node, string what) =>
            node is YamlSequenceNode sequence ? sequence.Children : throw Error(node, $"'{what}' must be a list.");

        public YamlNode Required(YamlMappingNode mapping, string key) =>
            Optional(mapping, key) ?? throw Error(mapping, $"the key '{key}' is missing.");

        public YamlNode? Optional(YamlMappingNode mapping, string key)
        {
            foreach (var entry in mapping.Children)
            {
                if (entry.Key is YamlScalarNode k && k.Value == key) return entry.Value;
            }
            return null;
        }

        public (YamlNode Node, string Value) RequiredScalar(YamlMappingNode mapping, string key)
        {
            var node = Required(mapping, key);
            if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value)) return (node, scalar.Value!);
            throw Error(node, $"'{key}' must be a non-empty text value.");
        }

        public string OptionalScalar(YamlMappingNode mapping, string key, string fallback)
        {
            var node = Optional(mapping, key);
            if (node is null) return fallback;
            return node is YamlScalarNode scalar ? scalar.Value ?? fallback : throw Error(node, $"'{key}' must be a text value.");
        }

        public IReadOnlyList<string>? StringList(YamlMappingNode mapping, string key)
        {
            var node = Optional(mapping, key);
            if (node is null) return null;
            return Sequence(node, key)
                .Select(item => item is YamlScalarNode s && !string.IsNullOrEmpty(s.Value) ? s.Value! : throw Error(item, $"every item of '{key}' must be a non-empty text value."))
                .ToArray();
        }

        public bool? OptionalBool(YamlMappingNode mapping, string key)
        {
            var node = Optional(mapping, key);
            if (node is null) return null;
            if (node is YamlScalarNode s)
            {
                switch (s.Value)
                {
                    case "true": return true;
                    case "false": return false;
                    case "null": case "~": return null;
                }
            }
            throw Error(node, $"'{key}' must be true, false or null.");
        }

        public ServiceCapabilities ReadService(YamlNode node)
        {
            var mapping = Mapping(node, "a service");
            var prefix = RequiredScalar(mapping, "prefix").Value;
            var name = OptionalScalar(mapping, "name", prefix);
            var resourceTypes = Sequence(Required(mapping, "resourceTypes"), "resourceTypes").Select(ReadResourceType).ToList();
            var typeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (typeNode, type) in resourceTypes)
            {
                if (!typeNames.Add(type.Name)) throw Error(typeNode, $"resource type '{type.Name}' appears more than once in service '{prefix}'.");
            }

            var actionNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var actions = new List<ActionCapability>();
            foreach (var actionNode in Sequence(Required(mapping, "actions"), "actions"))
            {
                var action = ReadAction(actionNode, prefix, typeNames);
                if (!actionNames.Add(action.Name)) throw Error(actionNode, $"action '{prefix}:{action.Name}' appears more than once.");
                actions.Add(action);
            }
            return new ServiceCapabilities(prefix, name, actions, resourceTypes.Select(t => t.Type));
        }

        private (YamlNode Node, ResourceTypeCapability Type) ReadResourceType(YamlNode node)
        {
            var mapping = Mapping(node, "a resource type");
            var name = RequiredScalar(mapping, "name").Value;
            var arns = StringList(mapping, "arnFormats") ?? throw Error(mapping, $"resource type '{name}' has no 'arnFormats'.");
            foreach (var arn in arns)
            {
                if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Count(c => c == ':') < 5)
                    throw Error(mapping, $"resource type '{name}' has an ARN format that is not an ARN: '{arn}'.");
            }
            return (node, new ResourceTypeCapability(name, arns, StringList(mapping, "conditionKeys")));
        }

        private ActionCapability ReadAction(YamlNode node, string prefix, HashSet<string> typeNames)
        {
            var mapping = Mapping(node, "an action");
            var name = RequiredScalar(mapping, "name").Value;
            if (name.IndexOfAny(new[] { ':', '*', '?' }) >= 0) throw Error(mapping, $"action name '{name}' must not contain ':', '*' or '?'.");
            var resources = new List<ActionResourceType>();
            var resourcesNode = Optional(mapping, "resourceTypes");
            if (resourcesNode is not null)
            {
                foreach (var item in Sequence(resourcesNode, "resourceTypes"))
                {
                    var r = Mapping(item, "a resource type of an action");
                    var typeName = RequiredScalar(r, "name").Value;
                    if (!typeNames.Contains(typeName))
                        throw Error(item, $"action '{prefix}:{name}' names resource type '{typeName}', which the service does not define.");
                    resources.Add(new ActionResourceType(typeName, OptionalBool(r, "required"), StringList(r, "conditionKeys"), StringList(r, "dependentActions")));
                }
            }
            return new ActionCapability(
                prefix,
                name,
                OptionalScalar(mapping, "accessLevel", ""),
                resources,
                StringList(mapping, "conditionKeys") ?? Array.Empty<string>(),
                StringList(mapping, "dependentActions"));
        }
    }
}
