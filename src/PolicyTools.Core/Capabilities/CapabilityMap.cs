using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using PolicyTools.Matching;

namespace PolicyTools.Capabilities;

/// <summary>
/// The facts the analyzer reasons from: per service, which actions accept which resource types.
/// Immutable and safe to share between threads. A service's facts may be read on first use of
/// that service (the embedded map holds every AWS service, and a session that checks only EC2
/// reads only EC2's).
/// </summary>
internal sealed class CapabilityMap
{
    /// <summary>The value of <see cref="Path"/> for the map compiled into the module.</summary>
    public const string EmbeddedPath = "(embedded)";

    private static readonly Lazy<CapabilityMap> s_default =
        new(EmbeddedCapabilityMap.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string[] _prefixes;
    private readonly Dictionary<string, Lazy<ServiceCapabilities>> _services;
    private readonly Lazy<IReadOnlyList<ServiceCapabilities>> _all;
    private readonly ConcurrentDictionary<string, Lazy<CapabilityMap>> _restricted = new(StringComparer.OrdinalIgnoreCase);

    public CapabilityMap(string source, string date, string path, IEnumerable<ServiceCapabilities> services)
        : this(source, date, path, Loaded(services))
    {
    }

    /// <summary>A map whose services are made by <paramref name="loaders"/> on first use, each once.</summary>
    internal CapabilityMap(string source, string date, string path, IEnumerable<KeyValuePair<string, Func<ServiceCapabilities>>> loaders)
    {
        Source = source ?? "";
        Date = date ?? "";
        Path = path ?? "";
        var prefixes = new List<string>();
        _services = new Dictionary<string, Lazy<ServiceCapabilities>>(StringComparer.OrdinalIgnoreCase);
        foreach (var loader in loaders)
        {
            if (_services.ContainsKey(loader.Key)) throw new ArgumentException($"The service '{loader.Key}' is given more than once.", nameof(loaders));
            _services.Add(loader.Key, new Lazy<ServiceCapabilities>(loader.Value, LazyThreadSafetyMode.ExecutionAndPublication));
            prefixes.Add(loader.Key);
        }
        _prefixes = prefixes.ToArray();
        _all = new Lazy<IReadOnlyList<ServiceCapabilities>>(LoadAll, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static IEnumerable<KeyValuePair<string, Func<ServiceCapabilities>>> Loaded(IEnumerable<ServiceCapabilities> services)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        foreach (var service in services)
        {
            var loaded = service;
            yield return new KeyValuePair<string, Func<ServiceCapabilities>>(loaded.Prefix, () => loaded);
        }
    }

    /// <summary>The map compiled into the module (every AWS service); each service is parsed on its first use, once.</summary>
    public static CapabilityMap Default => s_default.Value;

    /// <summary>Where the facts come from (AWS Service Authorization Reference and the snapshot used).</summary>
    public string Source { get; }

    /// <summary>Date of the facts (yyyy-MM-dd).</summary>
    public string Date { get; }

    /// <summary><see cref="EmbeddedPath"/> or the file the map was read from.</summary>
    public string Path { get; }

    /// <summary>The service prefixes the map covers, in map order; reading them loads no service.</summary>
    public IReadOnlyList<string> ServicePrefixes => _prefixes;

    /// <summary>Every service of the map, in map order. This loads every service: prefer <see cref="GetService"/>.</summary>
    public IReadOnlyList<ServiceCapabilities> Services => _all.Value;

    /// <summary>The service with that prefix (case-insensitive), loaded on first use; null when the map has none.</summary>
    public ServiceCapabilities? GetService(string prefix) =>
        prefix is not null && _services.TryGetValue(prefix, out var service) ? service.Value : null;

    /// <summary>Whether the map covers the service, without loading it.</summary>
    public bool HasService(string prefix) => prefix is not null && _services.ContainsKey(prefix);

    /// <summary>
    /// The same map narrowed to the given services (those it has), sharing their facts; the same
    /// object for the same prefixes. The Ec2 cmdlets see the map through <c>Only("ec2")</c>.
    /// </summary>
    public CapabilityMap Only(params string[] prefixes)
    {
        if (prefixes is null) throw new ArgumentNullException(nameof(prefixes));
        var key = string.Join("\n", prefixes);
        return _restricted.GetOrAdd(key, _ => new Lazy<CapabilityMap>(() => Restrict(prefixes), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private CapabilityMap Restrict(string[] prefixes)
    {
        var wanted = new HashSet<string>(prefixes, StringComparer.OrdinalIgnoreCase);
        var loaders = new List<KeyValuePair<string, Func<ServiceCapabilities>>>();
        foreach (var prefix in _prefixes)
        {
            if (!wanted.Contains(prefix)) continue;
            var service = _services[prefix];
            loaders.Add(new KeyValuePair<string, Func<ServiceCapabilities>>(prefix, () => service.Value));
        }
        return new CapabilityMap(Source, Date, Path, loaders);
    }

    /// <summary>
    /// The actions an IAM action pattern matches, case-insensitively, in map order: <c>ec2:Describe*</c>,
    /// <c>EC2:describevolumes</c>, or without a prefix (<c>RunInstances</c>, <c>Describe*</c>), which
    /// means <paramref name="defaultService"/>. A prefix with wildcards (<c>*:Get*</c>) can match
    /// several services (and loads them all). Expansions are cached by the services.
    /// </summary>
    public IReadOnlyList<ActionCapability> FindActions(string pattern, string defaultService)
    {
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        if (defaultService is null) throw new ArgumentNullException(nameof(defaultService));
        pattern = pattern.Trim();
        if (pattern.Length == 0) return Array.Empty<ActionCapability>();
        var colon = pattern.IndexOf(':');
        var qualified = colon >= 0 ? pattern : defaultService + ":" + pattern;
        var prefix = colon >= 0 ? pattern.Substring(0, colon) : defaultService;
        if (!Wildcard.HasWildcard(prefix))
        {
            var service = GetService(prefix);
            return service is null ? Array.Empty<ActionCapability>() : service.Match(qualified);
        }

        var matches = new List<ActionCapability>();
        foreach (var candidate in _prefixes)
        {
            if (Wildcard.IsMatch(prefix, candidate, ignoreCase: true)) matches.AddRange(GetService(candidate)!.Match(qualified));
        }
        return matches;
    }

    /// <summary>Reads a map file; a malformed file throws <see cref="CapabilityMapFormatException"/> naming file and line.</summary>
    public static CapabilityMap LoadFile(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CapabilityMapFormatException(path, 0, ex.Message, ex);
        }
        return CapabilityMapYamlReader.Read(new StringReader(text), path);
    }

    public static CapabilityMap Load(TextReader reader, string path) => CapabilityMapYamlReader.Read(reader, path);

    // Every service is read on its own, so they are read in parallel; each Lazy still makes its
    // service once, whoever asks first.
    private IReadOnlyList<ServiceCapabilities> LoadAll()
    {
        var services = new ServiceCapabilities[_prefixes.Length];
        if (services.Length < 8)
        {
            for (var i = 0; i < services.Length; i++) services[i] = _services[_prefixes[i]].Value;
            return services;
        }
        System.Threading.Tasks.Parallel.For(0, services.Length, i => services[i] = _services[_prefixes[i]].Value);
        return services;
    }
}
