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

    public static RepairOptions Unlimited(bool scope = true) => new() { ScopeConditions = scope, SizeLimit = int.MaxValue };

    public static PolicyRepairResult Repair(string json, RepairOptions? options = null, PolicySource? source = null) =>
        new PolicyRepairer(Analyzer).Repair(new PolicyInput(source ?? new PolicySource("test.json"), json), options ?? Unlimited());

    public static IReadOnlyList<PolicyFinding> Analyze(string json) =>
        Analyzer.Analyze(PolicyParser.Parse(json), new PolicySource("test.json"));

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
/// What a policy allows and denies, computed without the repairer: for each action of the
/// service, the request resources of a finite universe it is granted on, with the Condition of
/// the granting statement. Actions without resource types are requested on <c>*</c>; the others
/// on ARNs of their resource types (every type in a few partitions, regions and accounts, plus a
/// concrete instance of every ARN pattern either policy names).
/// </summary>
internal sealed class PermissionModel
{
    private static readonly string[] s_extraRegions = { "ap-south-1" };
    private static readonly string[] s_extraAccounts = { "999988887777" };

    private PermissionModel(Universe universe, Dictionary<long, List<HashSet<string>>> allow, Dictionary<long, List<HashSet<string>>> deny)
    {
        Space = universe;
        Allow = allow;
        Deny = deny;
    }

    /// <summary>The request resources both models are over.</summary>
    public Universe Space { get; }

    /// <summary>Grant key (see <see cref="Universe.Key"/>) → the Condition (as a set of tests) of each statement that allows it.</summary>
    public Dictionary<long, List<HashSet<string>>> Allow { get; }

    public Dictionary<long, List<HashSet<string>>> Deny { get; }

    /// <summary>Both models over one universe built from both documents.</summary>
    public static (PermissionModel Original, PermissionModel Repaired) Pair(string original, string repaired)
    {
        var a = PolicyParser.Parse(original);
        var b = PolicyParser.Parse(repaired);
        var universe = Universe.Build(RepairTestSupport.Ec2, new[] { a, b });
        return (Of(a, universe), Of(b, universe));
    }

    private static PermissionModel Of(PolicyDocument document, Universe universe)
    {
        var service = universe.Service;
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
            var names = statement.Actions.Select(p => Named(service, p)).ToList();
            foreach (var action in service.Actions)
            {
                var named = names.Any(n => n[action.Index]);
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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool[]> s_named = new(StringComparer.Ordinal);

    /// <summary>Per action index: whether the Action pattern names it (IAM wildcards, case-insensitive).</summary>
    public static bool[] Named(ServiceCapabilities service, string pattern) =>
        s_named.GetOrAdd(pattern, p => service.Actions.Select(a => Wildcard.IsMatch(p, a.FullName, ignoreCase: true)).ToArray());

    /// <summary>One test of a Condition as text: operator, key (case-insensitive) and sorted values.</summary>
    public static string Test(ConditionClause clause) =>
        clause.Operator + "|" + clause.Key.ToLowerInvariant() + "|" + string.Join(",", clause.Values.OrderBy(v => v, StringComparer.Ordinal));

    /// <summary>Some grant of the key whose Condition is one of the given tests, or fewer.</summary>
    public static bool GrantedWithin(Dictionary<long, List<HashSet<string>>> grants, long key, HashSet<string> conditions) =>
        grants.TryGetValue(key, out var list) && list.Any(c => c.IsSubsetOf(conditions));

    /// <summary>Every ARN of the service's types in the regions and accounts the policies name, interned as numbers; 0 is <c>*</c>.</summary>
    internal sealed class Universe
    {
        public const int Star = 0;
        private static readonly int[] s_star = { Star };
        private readonly List<string> _resources = new() { "*" };
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { ["*"] = Star };
        private readonly Dictionary<int, List<int>> _byType = new();
        private readonly Dictionary<int, int[]> _requests = new();

        private Universe(ServiceCapabilities service) => Service = service;

        public ServiceCapabilities Service { get; }

        public int Count => _resources.Count;

        public static long Key(ActionCapability action, int resource) => ((long)action.Index << 32) | (uint)resource;

        public ActionCapability ActionOf(long key) => Service.Actions[(int)(key >> 32)];

        public string ResourceOf(long key) => _resources[(int)(key & 0xFFFFFFFF)];

        public string Resource(int id) => _resources[id];

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

        public IReadOnlyList<int> RequestsOf(ActionCapability action)
        {
            if (!action.SupportsResourceLevelPermissions) return s_star;
            if (_requests.TryGetValue(action.Index, out var cached)) return cached;
            return _requests[action.Index] = action.ResourceTypeIndexes.SelectMany(t => _byType.TryGetValue(t, out var list) ? list : Enumerable.Empty<int>()).Distinct().ToArray();
        }

        private void Add(int type, string arn)
        {
            if (!_ids.TryGetValue(arn, out var id))
            {
                _ids[arn] = id = _resources.Count;
                _resources.Add(arn);
            }
            if (!_byType.TryGetValue(type, out var list)) _byType[type] = list = new List<int>();
            if (!list.Contains(id)) list.Add(id);
        }

        public static Universe Build(ServiceCapabilities service, IEnumerable<PolicyDocument> documents)
        {
            var universe = new Universe(service);
            var regions = new HashSet<string>(s_extraRegions, StringComparer.Ordinal);
            var accounts = new HashSet<string>(s_extraAccounts, StringComparer.Ordinal);
            var patterns = new List<ArnPattern>();
            foreach (var document in documents)
            {
                foreach (var statement in document.Statements)
                {
                    foreach (var resource in statement.Resources)
                    {
                        var pattern = ArnPattern.Parse(resource, document.AllowsPolicyVariables);
                        patterns.Add(pattern);
                        if (pattern.Segments.Count > 3 && ArnScope.IsRegion(pattern.Segments[3])) regions.Add(pattern.Segments[3]);
                        if (pattern.Segments.Count > 4 && ArnScope.IsAccount(pattern.Segments[4])) accounts.Add(pattern.Segments[4]);
                    }
                }
            }

            // Every type in every region and account seen (and one more of each).
            for (var t = 0; t < service.ResourceTypes.Count; t++)
            {
                foreach (var template in service.ResourceTypes[t].ArnFormats)
                {
                    foreach (var region in regions)
                    {
                        foreach (var account in accounts) universe.Add(t, Instantiate(template, "aws", region, account));
                    }
                }
            }

            // A concrete instance of every ARN pattern, typed by the templates it fits.
            foreach (var pattern in patterns)
            {
                if (!pattern.IsArn || pattern.Segments.Count < 6) continue;
                var concrete = Concrete(pattern);
                for (var t = 0; t < service.ResourceTypes.Count; t++)
                {
                    if (service.ResourceTypes[t].ArnFormats.Any(f => IsOf(concrete, f))) universe.Add(t, concrete);
                }
            }
            return universe;
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
