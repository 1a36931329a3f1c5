using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace PolicyTools.Capabilities;

/// <summary>
/// The facts the analyzer reasons from: per service, which actions accept which resource types.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class CapabilityMap
{
    /// <summary>The value of <see cref="Path"/> for the map compiled into the module.</summary>
    public const string EmbeddedPath = "(embedded)";

    private const string EmbeddedResourceName = "PolicyTools.Data.ec2-capability-map.yaml";

    private static readonly Lazy<CapabilityMap> s_default =
        new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, ServiceCapabilities> _services;

    public CapabilityMap(string source, string date, string path, IEnumerable<ServiceCapabilities> services)
    {
        Source = source ?? "";
        Date = date ?? "";
        Path = path ?? "";
        Services = services.ToArray();
        _services = Services.ToDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The map compiled into the module; parsed on first use, once.</summary>
    public static CapabilityMap Default => s_default.Value;

    /// <summary>Where the facts come from (AWS Service Authorization Reference and the snapshot used).</summary>
    public string Source { get; }

    /// <summary>Date of the facts (yyyy-MM-dd).</summary>
    public string Date { get; }

    /// <summary><see cref="EmbeddedPath"/> or the file the map was read from.</summary>
    public string Path { get; }

    public IReadOnlyList<ServiceCapabilities> Services { get; }

    public ServiceCapabilities? GetService(string prefix) =>
        prefix is not null && _services.TryGetValue(prefix, out var service) ? service : null;

    /// <summary>
    /// The actions an IAM action pattern matches, case-insensitively, in map order: <c>ec2:Describe*</c>,
    /// <c>EC2:describevolumes</c>, or without a prefix (<c>RunInstances</c>, <c>Describe*</c>), which
    /// means <paramref name="defaultService"/>. A prefix with wildcards (<c>*:Get*</c>) can match
    /// several services. Expansions are cached by the services.
    /// </summary>
    public IReadOnlyList<ActionCapability> FindActions(string pattern, string defaultService)
    {
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        if (defaultService is null) throw new ArgumentNullException(nameof(defaultService));
        pattern = pattern.Trim();
        if (pattern.Length == 0) return Array.Empty<ActionCapability>();
        var qualified = pattern.IndexOf(':') >= 0 ? pattern : defaultService + ":" + pattern;
        if (Services.Count == 1) return Services[0].Match(qualified);

        var matches = new List<ActionCapability>();
        foreach (var service in Services) matches.AddRange(service.Match(qualified));
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

    private static CapabilityMap LoadEmbedded()
    {
        using var stream = typeof(CapabilityMap).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"The embedded capability map '{EmbeddedResourceName}' is missing from {typeof(CapabilityMap).Assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return CapabilityMapYamlReader.Read(reader, EmbeddedPath);
    }
}
