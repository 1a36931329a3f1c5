using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;

namespace PolicyTools.Repair;

/// <summary>
/// Required types that a statement of the policy does name, but under a Condition on a key the
/// capability map does not document for the service, so the engine only supposes that requests
/// lack it (<c>ec2:SourceInstanceARN</c> before it was known as a cross-service key). The repair
/// does not add such a type anew without that Condition: it would widen what the author scoped.
/// </summary>
internal sealed class UnprovenTypes
{
    private readonly AnalysisContext _context;
    private readonly ActionCapability _action;
    private readonly Dictionary<int, (int Statement, List<string> Keys)> _byType = new();

    public UnprovenTypes(AnalysisContext context, ActionCapability action)
    {
        _context = context;
        _action = action;
    }

    /// <summary>
    /// Notes that <paramref name="keys"/> block the statement for the type (or, without a type, for
    /// every required type it names); true when some key blocks it.
    /// </summary>
    public bool Blocked(StatementView view, IReadOnlyList<string> keys, int type = -1)
    {
        if (keys.Count == 0) return false;
        var undocumented = keys.Where(k => !ConditionKeyCertainty.IsDocumented(_context.Service, k)).ToList();
        if (undocumented.Count == 0) return true;
        foreach (var t in type >= 0 ? new[] { type } : _action.RequiredTypeIndexes)
        {
            if (!view.AllowedTypes[t] || _byType.ContainsKey(t)) continue;
            _byType[t] = (view.Statement.Index, undocumented);
        }
        return true;
    }

    /// <summary>Why the missing types are left alone, or null when none of them is only unproven.</summary>
    public string? Reason(IReadOnlyList<int> missing)
    {
        var parts = new List<string>();
        foreach (var t in missing)
        {
            if (!_byType.TryGetValue(t, out var entry)) continue;
            parts.Add($"statement {entry.Statement} allows {_context.Service.ResourceTypes[t].Name} under a Condition on {FindingText.Quoted(entry.Keys, "and")}");
        }
        if (parts.Count == 0) return null;
        return $"{FindingText.Join(parts, "and")}, a key the capability map does not document for {_context.Service.Prefix}: whether requests for {_action.FullName} carry it is not proven, so the repair adds nothing that would bypass that Condition";
    }
}
