using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// Everything the planners decided for one document: the edits per statement, the changes in
/// words (rendered once the final statement numbers are known), and why some findings stay.
/// </summary>
internal sealed class RepairPlan
{
    private readonly Dictionary<int, StatementEdit> _edits = new();
    private readonly List<(int Statement, Func<Numbering, string> Text)> _changes = new();
    private readonly Dictionary<(int Statement, string Code), string> _notRepaired = new();

    public RepairPlan(PolicyDocument document)
    {
        Document = document;
        Sids = new SidAllocator(document);
    }

    public PolicyDocument Document { get; }

    public SidAllocator Sids { get; }

    public IReadOnlyDictionary<int, StatementEdit> Edits => _edits;

    public bool IsEmpty => _edits.Values.All(e => e.IsEmpty);

    public StatementEdit Edit(int statement)
    {
        if (!_edits.TryGetValue(statement, out var edit)) _edits[statement] = edit = new StatementEdit(statement);
        return edit;
    }

    /// <summary>A change to (or after) an original statement; listed in statement order.</summary>
    public void AddChange(int statement, Func<Numbering, string> change) => _changes.Add((statement, change));

    /// <summary>Why a finding of the original statement is not repaired; the first reason given stays.</summary>
    public void NotRepaired(int statement, string code, string reason)
    {
        if (!_notRepaired.ContainsKey((statement, code))) _notRepaired[(statement, code)] = reason;
    }

    public string? ReasonNotRepaired(int statement, string code) =>
        _notRepaired.TryGetValue((statement, code), out var reason) ? reason : null;

    public IReadOnlyList<string> RenderChanges()
    {
        var numbering = new Numbering(Document.Statements.Count, _edits);
        return _changes.Select((c, i) => (c, i)).OrderBy(x => x.c.Statement).ThenBy(x => x.i).Select(x => x.c.Text(numbering)).ToList();
    }

    /// <summary>Where original and new statements end up in the repaired document.</summary>
    internal sealed class Numbering
    {
        private readonly int[] _final;
        private readonly Dictionary<NewStatement, int> _new = new();
        private readonly int[] _original;

        public Numbering(int count, IReadOnlyDictionary<int, StatementEdit> edits)
        {
            _final = new int[count];
            var originals = new List<int>();
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                _final[i] = next++;
                originals.Add(i);
                if (!edits.TryGetValue(i, out var edit)) continue;
                foreach (var added in edit.Following)
                {
                    _new[added] = next++;
                    originals.Add(-1);
                }
            }
            _original = originals.ToArray();
        }

        /// <summary>The repaired document's index of an original statement.</summary>
        public int Of(int originalIndex) => _final[originalIndex];

        public int Of(NewStatement added) => _new[added];

        /// <summary>The original index of a statement of the repaired document; -1 for a new one.</summary>
        public int OriginalOf(int finalIndex) => finalIndex >= 0 && finalIndex < _original.Length ? _original[finalIndex] : -1;
    }
}
