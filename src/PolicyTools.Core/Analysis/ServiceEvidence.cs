using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using PolicyTools.Matching;
using YamlDotNet.RepresentationModel;

namespace PolicyTools.Analysis;

/// <summary>A documentation page and the words on it that say something about how a service authorizes requests.</summary>
internal sealed class DocumentationEvidence
{
    public DocumentationEvidence(string url, string quote)
    {
        Url = url ?? throw new ArgumentNullException(nameof(url));
        Quote = quote ?? throw new ArgumentNullException(nameof(quote));
    }

    public string Url { get; }

    public string Quote { get; }
}

/// <summary>Actions (names or IAM wildcard patterns) that AWS documents something about, with the evidence.</summary>
internal sealed class DocumentedActions
{
    private readonly string[] _patterns;
    // Findings name hundreds of actions (s3:*): exact names are looked up, only patterns matched.
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _wildcards = new();

    public DocumentedActions(IReadOnlyList<string> actions, IReadOnlyList<string> arns, DocumentationEvidence evidence)
    {
        _patterns = new string[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            _patterns[i] = actions[i];
            if (Wildcard.HasWildcard(actions[i])) _wildcards.Add(actions[i]);
            else _exact.Add(actions[i]);
        }
        Arns = arns;
        Templates = new ArnTemplate[arns.Count];
        for (var i = 0; i < arns.Count; i++) Templates[i] = ArnTemplate.Parse(arns[i]);
        Evidence = evidence;
    }

    public IReadOnlyList<string> Actions => _patterns;

    /// <summary>For request forms: the ARN formats real requests are authorized against.</summary>
    public IReadOnlyList<string> Arns { get; }

    internal ArnTemplate[] Templates { get; }

    public DocumentationEvidence Evidence { get; }

    public bool Covers(string fullActionName)
    {
        if (_exact.Contains(fullActionName)) return true;
        foreach (var pattern in _wildcards) if (Wildcard.IsMatch(pattern, fullActionName, ignoreCase: true)) return true;
        return false;
    }
}

/// <summary>
/// What AWS documents about one service beyond the Service Authorization Reference
/// (<c>data/service-evidence.yaml</c>): whether the reference's resource types and required flags
/// can be trusted, which actions are documented as needing <c>"*"</c> or their resource types, and
/// request ARNs the reference leaves out. A service the file does not name has none of these.
/// </summary>
internal sealed class ServiceEvidence
{
    private static readonly DocumentedActions[] s_none = new DocumentedActions[0];

    internal ServiceEvidence(
        string prefix,
        DocumentationEvidence? trustReference,
        DocumentationEvidence? requiredTypesAllNeeded,
        IReadOnlyList<DocumentedActions>? starOnly,
        IReadOnlyList<DocumentedActions>? resourceTypes,
        IReadOnlyList<DocumentedActions>? requestForms)
    {
        Prefix = prefix;
        TrustReference = trustReference;
        RequiredTypesAllNeeded = requiredTypesAllNeeded;
        StarOnly = starOnly ?? s_none;
        ResourceTypes = resourceTypes ?? s_none;
        RequestForms = requestForms ?? s_none;
    }

    public string Prefix { get; }

    /// <summary>Evidence that the reference's resource types hold for every action (EC2); null elsewhere.</summary>
    public DocumentationEvidence? TrustReference { get; }

    /// <summary>Evidence that every required resource type is needed in one request; null where the Required flag may mark alternatives.</summary>
    public DocumentationEvidence? RequiredTypesAllNeeded { get; }

    public IReadOnlyList<DocumentedActions> StarOnly { get; }

    public IReadOnlyList<DocumentedActions> ResourceTypes { get; }

    public IReadOnlyList<DocumentedActions> RequestForms { get; }

    public bool HasAnything => TrustReference is not null || RequiredTypesAllNeeded is not null || StarOnly.Count + ResourceTypes.Count + RequestForms.Count > 0;

    /// <summary>The evidence that the action needs <c>"*"</c>, or null.</summary>
    public DocumentationEvidence? StarOnlyEvidence(string fullActionName) => Find(StarOnly, fullActionName);

    /// <summary>The evidence that the action is authorized against its resource types, or null.</summary>
    public DocumentationEvidence? ResourceTypeEvidence(string fullActionName) => Find(ResourceTypes, fullActionName);

    private static DocumentationEvidence? Find(IReadOnlyList<DocumentedActions> entries, string fullActionName)
    {
        for (var i = 0; i < entries.Count; i++) if (entries[i].Covers(fullActionName)) return entries[i].Evidence;
        return null;
    }

    /// <summary>The evidence for every service (the embedded data file), read on first use.</summary>
    public static ServiceEvidenceSet Embedded => s_embedded.Value;

    private static readonly Lazy<ServiceEvidenceSet> s_embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    internal const string EmbeddedResourceName = "PolicyTools.Data.service-evidence.yaml";

    private static ServiceEvidenceSet LoadEmbedded()
    {
        using var stream = typeof(ServiceEvidence).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"The embedded service evidence '{EmbeddedResourceName}' is missing from {typeof(ServiceEvidence).Assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return ServiceEvidenceSet.Read(reader, "(embedded) service-evidence.yaml");
    }
}

/// <summary>The evidence of every service the data file names.</summary>
internal sealed class ServiceEvidenceSet
{
    // Read-only once built, so any number of threads may read it.
    private readonly Dictionary<string, ServiceEvidence> _services;
    // The empty evidence of services the file does not name, one per prefix asked for.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ServiceEvidence> _none = new(StringComparer.OrdinalIgnoreCase);

    private ServiceEvidenceSet(Dictionary<string, ServiceEvidence> services) => _services = services;

    /// <summary>The services the file names.</summary>
    public IReadOnlyCollection<ServiceEvidence> Services => _services.Values;

    /// <summary>The service's evidence; a service the file does not name gets an empty one.</summary>
    public ServiceEvidence For(string prefix) =>
        _services.TryGetValue(prefix, out var evidence) ? evidence : _none.GetOrAdd(prefix, p => new ServiceEvidence(p, null, null, null, null, null));

    /// <summary>Reads the YAML format of <c>data/service-evidence.yaml</c>; anything malformed throws <see cref="FormatException"/> naming the place.</summary>
    public static ServiceEvidenceSet Read(TextReader reader, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new FormatException($"{name}: {ex.Message}", ex);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root || Child(root, "services") is not YamlMappingNode services)
            throw new FormatException($"{name}: expected one document with a 'services' mapping.");
        var result = new Dictionary<string, ServiceEvidence>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in services.Children)
        {
            var prefix = Scalar(entry.Key, name, "a service prefix");
            if (entry.Value is not YamlMappingNode service) throw new FormatException($"{name}: service '{prefix}' is not a mapping.");
            var where = $"{name}, service '{prefix}'";
            foreach (var key in service.Children.Keys)
            {
                var k = Scalar(key, where, "a key");
                if (k is not ("trustReference" or "requiredTypesAllNeeded" or "starOnly" or "resourceTypes" or "requestForms"))
                    throw new FormatException($"{where}: unknown key '{k}'.");
            }
            result[prefix] = new ServiceEvidence(
                prefix,
                Child(service, "trustReference") is { } trust ? Evidence(trust, where + ", trustReference") : null,
                Child(service, "requiredTypesAllNeeded") is { } required ? Evidence(required, where + ", requiredTypesAllNeeded") : null,
                Entries(service, "starOnly", prefix, where, withArns: false),
                Entries(service, "resourceTypes", prefix, where, withArns: false),
                Entries(service, "requestForms", prefix, where, withArns: true));
        }
        return new ServiceEvidenceSet(result);
    }

    private static List<DocumentedActions>? Entries(YamlMappingNode service, string key, string prefix, string where, bool withArns)
    {
        if (Child(service, key) is not { } node) return null;
        if (node is not YamlSequenceNode sequence) throw new FormatException($"{where}: '{key}' is not a list.");
        var list = new List<DocumentedActions>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var at = $"{where}, {key}[{index++}]";
            if (item is not YamlMappingNode entry) throw new FormatException($"{at}: not a mapping.");
            var actions = Strings(entry, "actions", at);
            if (actions.Count == 0) throw new FormatException($"{at}: no actions.");
            foreach (var action in actions)
            {
                if (!action.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase))
                    throw new FormatException($"{at}: '{action}' is not an action of '{prefix}'.");
            }
            var arns = withArns ? Strings(entry, "arns", at) : new List<string>();
            if (withArns && arns.Count == 0) throw new FormatException($"{at}: no arns.");
            foreach (var arn in arns)
            {
                if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Split(':').Length < 6)
                    throw new FormatException($"{at}: '{arn}' is not an ARN format.");
            }
            list.Add(new DocumentedActions(actions, arns, Evidence(entry, at)));
        }
        return list;
    }

    private static DocumentationEvidence Evidence(YamlNode node, string where)
    {
        if (node is not YamlMappingNode mapping) throw new FormatException($"{where}: not a mapping with url and quote.");
        var url = Child(mapping, "url") is { } u ? Scalar(u, where, "url") : "";
        var quote = Child(mapping, "quote") is { } q ? Scalar(q, where, "quote") : "";
        if (!url.StartsWith("https://", StringComparison.Ordinal)) throw new FormatException($"{where}: the evidence needs an https url.");
        if (quote.Trim().Length == 0) throw new FormatException($"{where}: the evidence needs a quote.");
        return new DocumentationEvidence(url, quote.Trim());
    }

    private static List<string> Strings(YamlMappingNode mapping, string key, string where)
    {
        var list = new List<string>();
        if (Child(mapping, key) is not { } node) return list;
        if (node is not YamlSequenceNode sequence) throw new FormatException($"{where}: '{key}' is not a list.");
        foreach (var item in sequence.Children) list.Add(Scalar(item, where, key));
        return list;
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Scalar(YamlNode node, string where, string what) =>
        node is YamlScalarNode scalar && scalar.Value is { } value ? value : throw new FormatException($"{where}: {what} is not text.");
}
