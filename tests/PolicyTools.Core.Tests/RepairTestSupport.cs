using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Matching;
using PolicyTools.Policies;
using PolicyTools.Repair;

namespace PolicyTools.Tests;

/// <summary>Shared by the repair tests: running a repair, and an independent model of what a policy allows.</summary>
internal static class RepairTestSupport
{
    public static CapabilityMap Map => TestMaps.Ec2;

    public static ServiceCapabilities Ec2 => Map.GetService("ec2")!;

    public static PolicyAnalyzer Analyzer => PolicyAnalyzer.For(Map);

    private static readonly Lazy<CapabilityMap> s_neighbours = new(LoadNeighbours);

    /// <summary>
    /// EC2 of the embedded map and five services whose resource types use EC2 ARN formats or sit
    /// beside EC2 actions (ebs, ec2-instance-connect, route53, ssm, vpce), converted from the
    /// reference data in fixtures/service-reference/ec2-neighbours.json: the repair must widen
    /// nothing in any of them.
    /// </summary>
    public static CapabilityMap WithNeighbours => s_neighbours.Value;

    private static CapabilityMap LoadNeighbours()
    {
        var path = TestFiles.Fixture("service-reference/ec2-neighbours.json");
        using var stream = File.OpenRead(path);
        var converted = ServiceReferenceConverter.Convert(stream, path, date: Map.Date).Map;
        var services = new List<ServiceCapabilities> { Ec2 };
        services.AddRange(converted.Services.Where(s => s.Prefix != "ec2"));
        return new CapabilityMap(Map.Source + "; ebs, ec2-instance-connect, route53, ssm, vpce from " + converted.Source, Map.Date, path, services);
    }

    public static RepairOptions Unlimited(bool scope = true) => new() { ScopeConditions = scope, SizeLimit = int.MaxValue };

    public static PolicyRepairResult Repair(string json, RepairOptions? options = null, PolicySource? source = null, CapabilityMap? map = null) =>
        new PolicyRepairer(PolicyAnalyzer.For(map ?? Map)).Repair(new PolicyInput(source ?? new PolicySource("test.json"), json), options ?? Unlimited());

    public static IReadOnlyList<PolicyFinding> Analyze(string json, CapabilityMap? map = null) =>
        PolicyAnalyzer.For(map ?? Map).Analyze(PolicyParser.Parse(json), new PolicySource("test.json"));

    public static JsonElement Statement(string json, int index)
    {
        using var document = JsonDocument.Parse(json);
        var statements = document.RootElement.GetProperty("Statement");
        var element = statements.ValueKind == JsonValueKind.Object ? statements : statements[index];
        return element.Clone();
    }

    public static int StatementCount(string json)
    {
        using var document = JsonDocument.Parse(json);
        var statements = document.RootElement.GetProperty("Statement");
        return statements.ValueKind == JsonValueKind.Object ? 1 : statements.GetArrayLength();
    }

    public static List<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return new List<string>();
        return value.ValueKind == JsonValueKind.String ? new List<string> { value.GetString()! } : value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>The JSON of an element without white space, for comparing statements.</summary>
    public static string Canonical(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) element.WriteTo(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IEnumerable<string> CorpusFiles()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "corpus", "real");
        return Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal);
    }
}


/// <summary>
/// What a policy allows and denies, computed without the repairer: for each action the model
/// knows of, the request resources of a finite universe it is granted on, with the Condition of
/// the granting statement. The actions are those of every service of the map that either policy
/// names or whose resource types use the ARN formats of the universe, plus a stand-in for each
/// action pattern of a service the map does not know (and one for every other service), which may
/// act on anything. Actions without resource types are requested on <c>*</c>; the others on ARNs of
/// their resource types (every type in a few partitions, regions and accounts, plus a concrete
/// instance of every ARN pattern either policy names).
/// </summary>
internal sealed class PermissionModel
{
    private PermissionModel(Universe universe, Dictionary<long, List<HashSet<string>>> allow, Dictionary<long, List<HashSet<string>>> deny)
    {
        Space = universe;
        Allow = allow;
        Deny = deny;
    }

    /// <summary>The actions and request resources both models are over.</summary>
    public Universe Space { get; }

    /// <summary>Grant key (see <see cref="Universe.Key"/>) → the Condition (as a set of tests) of each statement that allows it.</summary>
    public Dictionary<long, List<HashSet<string>>> Allow { get; }

    public Dictionary<long, List<HashSet<string>>> Deny { get; }

    /// <summary>Both models over one universe built from both documents and the map.</summary>
    public static (PermissionModel Original, PermissionModel Repaired) Pair(string original, string repaired, CapabilityMap? map = null)
    {
        var a = PolicyParser.Parse(original);
        var b = PolicyParser.Parse(repaired);
        var universe = Universe.Build(map ?? RepairTestSupport.Map, new[] { a, b });
        return (Of(a, universe), Of(b, universe));
    }

    private static PermissionModel Of(PolicyDocument document, Universe universe)
    {
        var allow = new Dictionary<long, List<HashSet<string>>>();
        var deny = new Dictionary<long, List<HashSet<string>>>();
        foreach (var statement in document.Statements)
        {
            if (!statement.HasResourceElement) continue;
            var conditions = new HashSet<string>(statement.Conditions.Select(Test), StringComparer.Ordinal);
            var patterns = statement.Resources.Select(r => ArnPattern.Parse(r, document.AllowsPolicyVariables)).ToList();
            var matched = new sbyte[universe.Count];
            bool Matches(int resource)
            {
                if (matched[resource] != 0) return matched[resource] > 0;
                var any = patterns.Any(p => universe.Matches(p, document.AllowsPolicyVariables, resource));
                var hit = statement.IsNotResource ? !any : any;
                matched[resource] = (sbyte)(hit ? 1 : -1);
                return hit;
            }
            var target = statement.Effect == PolicyEffect.Allow ? allow : deny;
            var names = statement.Actions.Select(universe.Named).ToList();
            foreach (var action in universe.Actions)
            {
                var named = names.Any(n => n[action.Id]);
                if (named == statement.IsNotAction) continue;
                foreach (var resource in universe.RequestsOf(action))
                {
                    if (!Matches(resource)) continue;
                    var key = Universe.Key(action, resource);
                    if (!target.TryGetValue(key, out var list)) target[key] = list = new List<HashSet<string>>(1);
                    list.Add(conditions);
                }
            }
        }
        return new PermissionModel(universe, allow, deny);
    }

    /// <summary>One test of a Condition as text: operator, key (case-insensitive) and sorted values.</summary>
    public static string Test(ConditionClause clause) =>
        clause.Operator + "|" + clause.Key.ToLowerInvariant() + "|" + string.Join(",", clause.Values.OrderBy(v => v, StringComparer.Ordinal));

    /// <summary>Some grant of the key whose Condition is one of the given tests, or fewer.</summary>
    public static bool GrantedWithin(Dictionary<long, List<HashSet<string>>> grants, long key, HashSet<string> conditions) =>
        grants.TryGetValue(key, out var list) && list.Any(c => c.IsSubsetOf(conditions));

    /// <summary>An action of the model: one of the map's, or a stand-in for actions of a service the map does not know.</summary>
    internal sealed class ModelAction
    {
        public ModelAction(int id, string fullName, ServiceCapabilities? service, ActionCapability? known)
        {
            Id = id;
            FullName = fullName;
            Service = service;
            Known = known;
        }

        public int Id { get; }

        public string FullName { get; }

        public ServiceCapabilities? Service { get; }

        /// <summary>Null for a stand-in, which may act on any resource.</summary>
        public ActionCapability? Known { get; }

        public override string ToString() => Known is null ? FullName + " (unknown service)" : FullName;
    }

    /// <summary>The actions and request resources (ARNs of their types, interned as numbers; 0 is <c>*</c>) the models are over.</summary>
    internal sealed class Universe
    {
        public const int Star = 0;
        private const string OtherServices = "zz-unlisted-service:AnyAction";
        private static readonly string[] s_extraRegions = { "ap-south-1" };
        private static readonly string[] s_extraAccounts = { "999988887777" };
        private static readonly int[] s_star = { Star };
        private readonly List<string> _resources = new() { "*" };
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { ["*"] = Star };
        private readonly Dictionary<(ServiceCapabilities, int), List<int>> _byType = new();
        private readonly Dictionary<int, int[]> _requests = new();
        private readonly Dictionary<string, bool[]> _named = new(StringComparer.Ordinal);
        private readonly List<ModelAction> _actions = new();
        private int[]? _everything;

        public IReadOnlyList<ModelAction> Actions => _actions;

        public int Count => _resources.Count;

        public static long Key(ModelAction action, int resource) => ((long)action.Id << 32) | (uint)resource;

        public ModelAction ActionOf(long key) => _actions[(int)(key >> 32)];

        public string ResourceOf(long key) => _resources[(int)(key & 0xFFFFFFFF)];

        /// <summary>Per action id: whether the Action pattern names it (IAM wildcards, case-insensitive).</summary>
        public bool[] Named(string pattern)
        {
            if (_named.TryGetValue(pattern, out var named)) return named;
            return _named[pattern] = _actions.Select(a => Wildcard.IsMatch(pattern, a.FullName, ignoreCase: true)).ToArray();
        }

        /// <summary>
        /// Whether the pattern matches the request resource. Written independently of the
        /// analyzer's matcher, from the design's rules: <c>*</c> and <c>?</c> match within a
        /// segment, a <c>*</c> that ends a segment may run past the colons, a policy variable
        /// stands for text inside one segment (under 2012-10-17 only; literal text otherwise).
        /// </summary>
        public bool Matches(ArnPattern pattern, bool variables, int id)
        {
            if (id == Star) return pattern.MatchesStarResource();
            return PatternRegex(pattern.Text, variables).IsMatch(_resources[id]);
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), Regex> s_patterns = new();
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> s_templates = new();

        private static Regex PatternRegex(string pattern, bool variables) => s_patterns.GetOrAdd((pattern, variables), key =>
        {
            var (text, vars) = key;
            var regex = new StringBuilder("^");
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (vars && c == '$' && i + 1 < text.Length && text[i + 1] == '{' && text.IndexOf('}', i) is var end and > 0)
                {
                    regex.Append("[^:]*");
                    i = end;
                    continue;
                }
                if (c == '*') regex.Append(i + 1 == text.Length || text[i + 1] == ':' ? ".*" : "[^:]*");
                else if (c == '?') regex.Append("[^:]");
                else regex.Append(Regex.Escape(c.ToString()));
            }
            return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
        });

        /// <summary>Whether a concrete ARN is one of the format's ARNs.</summary>
        public static bool IsOf(string arn, string format) => s_templates.GetOrAdd(format, f =>
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < f.Length; i++)
            {
                if (f[i] == '$' && i + 1 < f.Length && f[i + 1] == '{')
                {
                    var end = f.IndexOf('}', i);
                    regex.Append(f.Substring(i + 2, end - i - 2) switch
                    {
                        "Partition" => "[a-z-]+",
                        "Region" => "[a-z0-9-]+",
                        "Account" => "[0-9]+",
                        _ => ".+",
                    });
                    i = end;
                    continue;
                }
                regex.Append(Regex.Escape(f[i].ToString()));
            }
            return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
        }).IsMatch(arn);

        /// <summary>What a request for the action can be on: <c>*</c>, ARNs of its types, or (a stand-in) anything.</summary>
        public IReadOnlyList<int> RequestsOf(ModelAction action)
        {
            if (action.Known is not { } known) return _everything ??= Enumerable.Range(0, Count).ToArray();
            if (!known.SupportsResourceLevelPermissions) return s_star;
            if (_requests.TryGetValue(action.Id, out var cached)) return cached;
            var service = action.Service!;
            return _requests[action.Id] = known.ResourceTypeIndexes
                .SelectMany(t => _byType.TryGetValue((service, t), out var list) ? list : Enumerable.Empty<int>())
                .Distinct()
                .ToArray();
        }

        private void Add(ServiceCapabilities service, int type, string arn)
        {
            if (!_ids.TryGetValue(arn, out var id))
            {
                _ids[arn] = id = _resources.Count;
                _resources.Add(arn);
            }
            if (!_byType.TryGetValue((service, type), out var list)) _byType[(service, type)] = list = new List<int>();
            if (!list.Contains(id)) list.Add(id);
        }

        public static Universe Build(CapabilityMap map, IEnumerable<PolicyDocument> documents)
        {
            var universe = new Universe();
            var regions = new HashSet<string>(s_extraRegions, StringComparer.Ordinal);
            var accounts = new HashSet<string>(s_extraAccounts, StringComparer.Ordinal);
            var patterns = new List<ArnPattern>();
            var actionPatterns = new List<string>();
            foreach (var document in documents)
            {
                foreach (var statement in document.Statements)
                {
                    actionPatterns.AddRange(statement.Actions);
                    foreach (var resource in statement.Resources)
                    {
                        var pattern = ArnPattern.Parse(resource, document.AllowsPolicyVariables);
                        patterns.Add(pattern);
                        if (pattern.Segments.Count > 3 && ArnSegment.IsRegion(pattern.Segments[3])) regions.Add(pattern.Segments[3]);
                        if (pattern.Segments.Count > 4 && ArnSegment.IsAccount(pattern.Segments[4])) accounts.Add(pattern.Segments[4]);
                    }
                }
            }

            // The services modelled: EC2, those a pattern names, and those whose resource types use the
            // ARN formats of theirs or of the policies' ARNs (ssm's instance is an EC2 ARN).
            var services = new List<ServiceCapabilities>();
            void Model(ServiceCapabilities? service)
            {
                if (service is not null && !services.Contains(service)) services.Add(service);
            }
            Model(map.GetService("ec2"));
            var standIns = new List<string>();
            foreach (var pattern in actionPatterns)
            {
                var colon = pattern.IndexOf(':');
                if (colon < 0) continue; // "*": the stand-in for every other service covers it
                var prefix = pattern.Substring(0, colon);
                var service = Wildcard.HasWildcard(prefix) ? null : map.GetService(prefix);
                if (service is not null) Model(service);
                else if (!standIns.Contains(pattern, StringComparer.OrdinalIgnoreCase)) standIns.Add(pattern);
            }
            var arnServices = new HashSet<string>(StringComparer.Ordinal);
            foreach (var service in services)
                foreach (var type in service.ResourceTypes)
                    foreach (var format in type.ArnFormats) arnServices.Add(ArnService(format));
            foreach (var pattern in patterns) if (pattern.IsArn && pattern.Segments.Count > 2 && !ArnPattern.IsWildcardSegment(pattern.Segments[2])) arnServices.Add(pattern.Segments[2]);
            foreach (var service in map.Services)
            {
                if (service.ResourceTypes.Any(t => t.ArnFormats.Any(f => arnServices.Contains(ArnService(f))))) Model(service);
            }

            foreach (var service in services)
                foreach (var action in service.Actions) universe._actions.Add(new ModelAction(universe._actions.Count, action.FullName, service, action));
            foreach (var pattern in standIns) universe._actions.Add(new ModelAction(universe._actions.Count, Concrete(pattern), null, null));
            universe._actions.Add(new ModelAction(universe._actions.Count, OtherServices, null, null));

            // Every type in every region and account seen (and one more of each).
            foreach (var service in services)
            {
                for (var t = 0; t < service.ResourceTypes.Count; t++)
                {
                    foreach (var template in service.ResourceTypes[t].ArnFormats)
                    {
                        foreach (var region in regions)
                        {
                            foreach (var account in accounts) universe.Add(service, t, Instantiate(template, "aws", region, account));
                        }
                    }
                }
            }

            // A concrete instance of every ARN pattern, typed by the templates it fits.
            foreach (var pattern in patterns)
            {
                if (!pattern.IsArn || pattern.Segments.Count < 6) continue;
                var concrete = Concrete(pattern);
                if (!universe._ids.ContainsKey(concrete))
                {
                    universe._ids[concrete] = universe._resources.Count;
                    universe._resources.Add(concrete);
                }
                foreach (var service in services)
                {
                    for (var t = 0; t < service.ResourceTypes.Count; t++)
                    {
                        if (service.ResourceTypes[t].ArnFormats.Any(f => IsOf(concrete, f))) universe.Add(service, t, concrete);
                    }
                }
            }
            return universe;
        }

        private static string ArnService(string format)
        {
            var parts = format.Split(':');
            return parts.Length > 2 ? parts[2] : "";
        }

        private static string Instantiate(string template, string partition, string region, string account)
        {
            var text = template.Replace("${Partition}", partition).Replace("${Region}", region).Replace("${Account}", account);
            var builder = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    var end = text.IndexOf('}', i);
                    builder.Append("id1");
                    i = end;
                    continue;
                }
                builder.Append(text[i]);
            }
            return builder.ToString();
        }

        // An action name the pattern matches: its wildcards filled in.
        private static string Concrete(string actionPattern) => actionPattern.Replace("*", "x1").Replace("?", "x");

        private static string Concrete(ArnPattern pattern)
        {
            string Fill(string segment, string wildcard) => ArnPattern.IsWildcardSegment(segment) ? wildcard : segment;
            var resource = new StringBuilder();
            var segments = pattern.Segments;
            var text = segments[5];
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    var end = text.IndexOf('}', i);
                    if (end > 0)
                    {
                        resource.Append('v');
                        i = end;
                        continue;
                    }
                }
                resource.Append(c == '*' ? "x1" : c == '?' ? "x" : c.ToString());
            }
            return string.Join(":", "arn", Fill(segments[1], "aws"), Fill(segments[2], "ec2"),
                Fill(segments[3], s_extraRegions[0]), Fill(segments[4], s_extraAccounts[0]), resource.ToString());
        }
    }
}
