using System.Threading;
using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Analysis;

/// <summary>What one Resource entry can match among a service's resource types.</summary>
internal sealed class ResourceMatch
{
    private readonly ServiceCapabilities _service;
    private ResourceTypeSet? _covers;
    private Rules.InvalidArnRule.EntryVerdict? _invalidArnVerdict;

    private ResourceMatch(ServiceCapabilities service, ArnPattern pattern, bool matchesStar, ResourceTypeSet types)
    {
        _service = service;
        Pattern = pattern;
        MatchesStar = matchesStar;
        Types = types;
        AnyType = !types.IsEmpty;
    }

    public ArnPattern Pattern { get; }

    /// <summary>Matches the request resource <c>*</c> of actions without resource types.</summary>
    public bool MatchesStar { get; }

    /// <summary>Per resource type index: some ARN of the type can match.</summary>
    public ResourceTypeSet Types { get; }

    /// <summary>
    /// Per resource type index: every ARN of the type matches (what a NotResource excludes).
    /// Only NotResource statements ask, so it is worked out on first use (<see cref="Publish"/>).
    /// </summary>
    public ResourceTypeSet Covers => Volatile.Read(ref _covers) ?? Publish.Once(ref _covers, ComputeCovers());

    /// <summary>
    /// What <see cref="Rules.InvalidArnRule"/> concludes about the entry alone, whatever the
    /// statement: worked out once per cached entry, not once per document.
    /// </summary>
    internal Rules.InvalidArnRule.EntryVerdict InvalidArnVerdict =>
        Volatile.Read(ref _invalidArnVerdict) ?? Publish.Once(ref _invalidArnVerdict, Rules.InvalidArnRule.VerdictOf(_service, this));

    public bool AnyType { get; }

    public static ResourceMatch Compute(ServiceCapabilities service, string text, bool variablesAllowed)
    {
        var pattern = ArnPattern.Parse(text, variablesAllowed);
        var count = service.ResourceTypes.Count;
        var types = new ResourceTypeSet(count);
        for (var i = 0; i < count; i++)
        {
            foreach (var template in service.ResourceTypes[i].Templates)
            {
                if (!pattern.CanMatch(template)) continue;
                types.Add(i);
                break;
            }
        }
        AwsOwnedMatch.AddTypes(service, pattern, variablesAllowed, types);
        return new ResourceMatch(service, pattern, pattern.MatchesStarResource(), types);
    }

    private ResourceTypeSet ComputeCovers()
    {
        var covers = new ResourceTypeSet(Types.TypeCount);
        for (var i = 0; i < Types.TypeCount; i++)
        {
            if (!Types[i]) continue;
            foreach (var template in _service.ResourceTypes[i].Templates)
            {
                if (Pattern.CanMatch(template) && Pattern.Covers(template)) covers.Add(i);
            }
        }
        return covers;
    }
}

/// <summary>Per service, a bounded cache of resource matches: policies repeat the same ARNs endlessly.</summary>
internal sealed class ResourceMatchCache
{
    private const int MaxEntries = 16384;
    private readonly ServiceCapabilities _service;
    private readonly BoundedCache<string, ResourceMatch> _withVariables = new(MaxEntries);
    private readonly BoundedCache<string, ResourceMatch> _literal = new(MaxEntries);

    public ResourceMatchCache(ServiceCapabilities service) => _service = service;

    public ResourceMatch Get(string text, bool variablesAllowed)
    {
        var cache = variablesAllowed ? _withVariables : _literal;
        if (cache.TryGetValue(text, out var match)) return match;
        match = ResourceMatch.Compute(_service, text, variablesAllowed);
        if (text.Length > 2048) return match;
        cache.Add(text, match);
        return match;
    }
}
