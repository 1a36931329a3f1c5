using System.Collections.Generic;

namespace PolicyTools.Analysis;

/// <summary>
/// Items grouped by statement index, read back in statement order: what a SortedDictionary keyed
/// by the index gives, for indexes that run from 0 to the number of statements.
/// </summary>
/// <remarks>
/// An array over the statements, not a SortedDictionary&lt;int, …&gt;: a framework collection keyed by
/// a value type is code that only the JIT can compile (ReadyToRun cannot pregenerate framework
/// generics outside the framework), so every session compiled it on its first findings. This is our
/// own code, precompiled with the engine, and as small as the document.
/// </remarks>
internal sealed class ByStatement<T>
    where T : class
{
    private readonly List<T>?[] _lists;

    public ByStatement(int statementCount) => _lists = new List<T>?[statementCount];

    /// <summary>One more than the highest index that may hold items.</summary>
    public int Length => _lists.Length;

    /// <summary>Statements that hold at least one item.</summary>
    public int Count { get; private set; }

    /// <summary>The items of the statement in the order added; null when it has none.</summary>
    public List<T>? this[int statement] => _lists[statement];

    public void Add(int statement, T item)
    {
        var list = _lists[statement];
        if (list is null)
        {
            _lists[statement] = list = new List<T>();
            Count++;
        }
        list.Add(item);
    }
}
