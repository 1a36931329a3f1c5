using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyTools.Capabilities;

/// <summary>
/// Reads the YAML capability map straight from YamlDotNet's parser events into the model, without
/// building a YamlStream (a node tree of the whole 5,000-line map that is thrown away at once):
/// less to allocate, and far less YamlDotNet code to JIT in a fresh session. Errors still name the
/// line. Text in the writer's own subset of YAML (the embedded map, every map ConvertTo-Ec2CapabilityMap
/// wrote) gets its events from <see cref="WriterYamlSubsetParser"/>, anything else from YamlDotNet's
/// parser; the same reader checks both. YamlDotNet stays inside this internal class so that no public
/// signature exposes it (it may live in its own load context beside another module's copy).
/// </summary>
internal static class CapabilityMapYamlReader
{
    public const string FormatName = "PolicyTools capability map";
    public const int FormatVersion = 1;

    public static CapabilityMap Read(TextReader reader, string path)
    {
        var text = reader.ReadToEnd();
        return Read(WriterYamlSubsetParser.TryParse(text) ?? new Parser(new StringReader(text)), path);
    }

    /// <summary>Reads the map from <paramref name="parser"/>'s events (tests compare both event sources through this).</summary>
    internal static CapabilityMap Read(IParser parser, string path)
    {
        try
        {
            return new EventReader(parser, path).ReadStream();
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
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n');
        return (newline < 0 ? message : message.Substring(0, newline)).Trim();
    }

    private sealed class EventReader
    {
        private static readonly char[] s_actionNameForbidden = { ':', '*', '?' };

        private readonly IParser _parser;
        private readonly string _path;

        public EventReader(IParser parser, string path)
        {
            _parser = parser;
            _path = path;
        }

        public CapabilityMap ReadStream()
        {
            _parser.Consume<StreamStart>();
            if (_parser.Accept<StreamEnd>(out _))
                throw new CapabilityMapFormatException(_path, 1, "expected one YAML document, found 0.");
            _parser.Consume<DocumentStart>();
            var map = ReadRoot();
            _parser.Consume<DocumentEnd>();

            var documents = 1;
            while (!_parser.Accept<StreamEnd>(out _))
            {
                _parser.Consume<DocumentStart>();
                _parser.SkipThisAndNestedEvents();
                _parser.Consume<DocumentEnd>();
                documents++;
            }
            if (documents != 1)
                throw new CapabilityMapFormatException(_path, 1, $"expected one YAML document, found {documents}.");
            return map;
        }

        private CapabilityMap ReadRoot()
        {
            var start = BeginMapping("the document");
            string? format = null, source = null, date = null;
            Mark formatMark = start;
            List<ServiceCapabilities>? services = null;
            var prefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var keys = new KeySet(this);
            var awsReference = false;
            while (NextKey(keys, out var key))
            {
                switch (key)
                {
                    case "Actions":
                    case "Services":
                        awsReference = true;
                        _parser.SkipThisAndNestedEvents();
                        break;
                    case "format":
                        formatMark = Here;
                        format = RequiredText(key);
                        break;
                    case "source":
                        source = RequiredText(key);
                        break;
                    case "date":
                        date = RequiredText(key);
                        break;
                    case "services":
                        services = new List<ServiceCapabilities>();
                        BeginSequence(key);
                        while (!_parser.TryConsume<SequenceEnd>(out _))
                        {
                            var mark = Here;
                            var service = ReadService();
                            if (!prefixes.Add(service.Prefix)) throw Error(mark, $"service '{service.Prefix}' appears more than once.");
                            services.Add(service);
                        }
                        break;
                    default:
                        _parser.SkipThisAndNestedEvents();
                        break;
                }
            }

            if (format is null && awsReference)
                throw Error(start, "this is an AWS service reference JSON file, not a capability map: convert it first (ConvertTo-IamCapabilityMap -Path <file> -OutFile <map.yaml>, or ConvertTo-Ec2CapabilityMap for EC2 alone).");
            if (format is null) throw Missing(start, "format");
            var expected = FormatName + " " + FormatVersion;
            if (!string.Equals(format, expected, StringComparison.Ordinal))
                throw Error(formatMark, $"'format' must be '{expected}' (found '{format}').");
            if (source is null) throw Missing(start, "source");
            if (date is null) throw Missing(start, "date");
            if (services is null) throw Missing(start, "services");
            return new CapabilityMap(source, date, _path, services);
        }

        private ServiceCapabilities ReadService()
        {
            var start = BeginMapping("a service");
            string? prefix = null, name = null;
            List<Marked<ResourceTypeCapability>>? resourceTypes = null;
            List<RawAction>? actions = null;
            var keys = new KeySet(this);
            while (NextKey(keys, out var key))
            {
                switch (key)
                {
                    case "prefix":
                        prefix = RequiredText(key);
                        break;
                    case "name":
                        name = OptionalText(key);
                        break;
                    case "resourceTypes":
                        resourceTypes = new List<Marked<ResourceTypeCapability>>();
                        BeginSequence(key);
                        while (!_parser.TryConsume<SequenceEnd>(out _))
                        {
                            var mark = Here;
                            resourceTypes.Add(new Marked<ResourceTypeCapability>(mark, ReadResourceType()));
                        }
                        break;
                    case "actions":
                        actions = new List<RawAction>();
                        BeginSequence(key);
                        while (!_parser.TryConsume<SequenceEnd>(out _)) actions.Add(ReadAction());
                        break;
                    default:
                        _parser.SkipThisAndNestedEvents();
                        break;
                }
            }
            if (prefix is null) throw Missing(start, "prefix");
            if (resourceTypes is null) throw Missing(start, "resourceTypes");
            if (actions is null) throw Missing(start, "actions");

            var typeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var types = new List<ResourceTypeCapability>(resourceTypes.Count);
            foreach (var marked in resourceTypes)
            {
                var type = marked.Value;
                if (!typeNames.Add(type.Name)) throw Error(marked.Mark, $"resource type '{type.Name}' appears more than once in service '{prefix}'.");
                types.Add(type);
            }

            var actionNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var capabilities = new List<ActionCapability>(actions.Count);
            foreach (var action in actions)
            {
                foreach (var marked in action.TypeMarks)
                {
                    var typeName = marked.Value;
                    if (!typeNames.Contains(typeName))
                        throw Error(marked.Mark, $"action '{prefix}:{action.Name}' names resource type '{typeName}', which the service does not define.");
                }
                if (!actionNames.Add(action.Name)) throw Error(action.Mark, $"action '{prefix}:{action.Name}' appears more than once.");
                capabilities.Add(new ActionCapability(prefix, action.Name, action.AccessLevel, action.ResourceTypes, action.ConditionKeys, action.DependentActions));
            }
            return new ServiceCapabilities(prefix, name ?? prefix, capabilities, types);
        }

        private ResourceTypeCapability ReadResourceType()
        {
            var start = BeginMapping("a resource type");
            string? name = null;
            IReadOnlyList<string>? arns = null, conditionKeys = null;
            var keys = new KeySet(this);
            while (NextKey(keys, out var key))
            {
                switch (key)
                {
                    case "name":
                        name = RequiredText(key);
                        break;
                    case "arnFormats":
                        arns = StringList(key);
                        break;
                    case "conditionKeys":
                        conditionKeys = StringList(key);
                        break;
                    default:
                        _parser.SkipThisAndNestedEvents();
                        break;
                }
            }
            if (name is null) throw Missing(start, "name");
            if (arns is null) throw Error(start, $"resource type '{name}' has no 'arnFormats'.");
            foreach (var arn in arns)
            {
                if (!arn.StartsWith("arn:", StringComparison.Ordinal) || Count(arn, ':') < 5)
                    throw Error(start, $"resource type '{name}' has an ARN format that is not an ARN: '{arn}'.");
            }
            return new ResourceTypeCapability(name, arns, conditionKeys);
        }

        private RawAction ReadAction()
        {
            var start = BeginMapping("an action");
            var action = new RawAction { Mark = start };
            string? name = null;
            var keys = new KeySet(this);
            while (NextKey(keys, out var key))
            {
                switch (key)
                {
                    case "name":
                        name = RequiredText(key);
                        break;
                    case "accessLevel":
                        action.AccessLevel = OptionalText(key);
                        break;
                    case "conditionKeys":
                        action.ConditionKeys = StringList(key);
                        break;
                    case "dependentActions":
                        action.DependentActions = StringList(key);
                        break;
                    case "resourceTypes":
                        BeginSequence(key);
                        while (!_parser.TryConsume<SequenceEnd>(out _))
                        {
                            var mark = Here;
                            var type = ReadActionResourceType();
                            action.ResourceTypes.Add(type);
                            action.TypeMarks.Add(new Marked<string>(mark, type.Name));
                        }
                        break;
                    default:
                        _parser.SkipThisAndNestedEvents();
                        break;
                }
            }
            if (name is null) throw Missing(start, "name");
            if (name.IndexOfAny(s_actionNameForbidden) >= 0) throw Error(start, $"action name '{name}' must not contain ':', '*' or '?'.");
            action.Name = name;
            return action;
        }

        private ActionResourceType ReadActionResourceType()
        {
            var start = BeginMapping("a resource type of an action");
            string? name = null;
            bool? required = null;
            IReadOnlyList<string>? conditionKeys = null, dependentActions = null;
            var keys = new KeySet(this);
            while (NextKey(keys, out var key))
            {
                switch (key)
                {
                    case "name":
                        name = RequiredText(key);
                        break;
                    case "required":
                        required = OptionalBool(key);
                        break;
                    case "conditionKeys":
                        conditionKeys = StringList(key);
                        break;
                    case "dependentActions":
                        dependentActions = StringList(key);
                        break;
                    default:
                        _parser.SkipThisAndNestedEvents();
                        break;
                }
            }
            if (name is null) throw Missing(start, "name");
            return new ActionResourceType(name, required, conditionKeys, dependentActions);
        }

        private Mark Here => _parser.Current?.Start ?? Mark.Empty;

        private Mark BeginMapping(string what)
        {
            if (_parser.TryConsume<MappingStart>(out var mapping)) return mapping.Start;
            throw Error(Here, $"{what} must be a mapping.");
        }

        private void BeginSequence(string key)
        {
            if (!_parser.TryConsume<SequenceStart>(out _)) throw Error(Here, $"'{key}' must be a list.");
        }

        // The next key of the current mapping, or false at its end. Keys are plain text, once each.
        private bool NextKey(KeySet keys, out string key)
        {
            if (_parser.TryConsume<MappingEnd>(out _))
            {
                key = "";
                return false;
            }
            if (!_parser.TryConsume<Scalar>(out var scalar)) throw Error(Here, "mapping keys must be text.");
            keys.Add(scalar.Value, scalar.Start);
            key = scalar.Value;
            return true;
        }

        private string RequiredText(string key)
        {
            if (_parser.Accept<Scalar>(out var scalar) && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                _parser.MoveNext();
                return scalar.Value;
            }
            throw Error(Here, $"'{key}' must be a non-empty text value.");
        }

        private string OptionalText(string key)
        {
            if (_parser.TryConsume<Scalar>(out var scalar)) return scalar.Value;
            throw Error(Here, $"'{key}' must be a text value.");
        }

        private bool? OptionalBool(string key)
        {
            if (_parser.Accept<Scalar>(out var scalar))
            {
                bool? value;
                switch (scalar.Value)
                {
                    case "true": value = true; break;
                    case "false": value = false; break;
                    case "null": case "~": value = null; break;
                    default: throw Error(scalar.Start, $"'{key}' must be true, false or null.");
                }
                _parser.MoveNext();
                return value;
            }
            throw Error(Here, $"'{key}' must be true, false or null.");
        }

        private IReadOnlyList<string> StringList(string key)
        {
            BeginSequence(key);
            var items = new List<string>();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                if (!_parser.Accept<Scalar>(out var scalar) || string.IsNullOrEmpty(scalar.Value))
                    throw Error(Here, $"every item of '{key}' must be a non-empty text value.");
                _parser.MoveNext();
                items.Add(scalar.Value);
            }
            return items.ToArray();
        }

        private CapabilityMapFormatException Error(Mark at, string reason) => new(_path, at.Line, reason);

        private CapabilityMapFormatException Missing(Mark mapping, string key) => Error(mapping, $"the key '{key}' is missing.");

        private static int Count(string text, char c)
        {
            var n = 0;
            foreach (var ch in text) if (ch == c) n++;
            return n;
        }

        private sealed class KeySet
        {
            private readonly EventReader _owner;
            private readonly List<string> _seen = new(6);

            public KeySet(EventReader owner) => _owner = owner;

            public void Add(string key, Mark at)
            {
                if (_seen.Contains(key)) throw _owner.Error(at, $"the key '{key}' appears more than once in this mapping.");
                _seen.Add(key);
            }
        }
    }

    private sealed class RawAction
    {
        public Mark Mark { get; set; } = Mark.Empty;

        public string Name { get; set; } = "";

        public string AccessLevel { get; set; } = "";

        public List<ActionResourceType> ResourceTypes { get; } = new();

        public List<Marked<string>> TypeMarks { get; } = new();

        public IReadOnlyList<string> ConditionKeys { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string>? DependentActions { get; set; }
    }

    /// <summary>A value read with the place it was read at, for errors found after the whole service is read.</summary>
    /// <remarks>
    /// A class, not a tuple: a List of a tuple holding YamlDotNet's Mark struct is framework code that
    /// only the JIT can compile; a List of a class runs the framework's precompiled shared code.
    /// </remarks>
    private sealed class Marked<T>
        where T : class
    {
        public Marked(Mark mark, T value)
        {
            Mark = mark;
            Value = value;
        }

        public Mark Mark { get; }

        public T Value { get; }
    }
}
