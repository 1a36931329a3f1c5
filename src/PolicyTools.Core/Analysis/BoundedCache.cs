using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace PolicyTools.Analysis;

/// <summary>
/// A thread-safe cache that never holds more than about <c>capacity</c> entries: when it is full
/// it is emptied and starts over (policies repeat the same patterns, so a full cache is either
/// hostile input or a huge account, and both are served well by starting again). The entry count
/// is kept with <see cref="Interlocked"/> because <see cref="ConcurrentDictionary{TKey,TValue}.Count"/>
/// takes every lock of the dictionary, which on every miss costs more than the work it saves.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries;
    private readonly int _capacity;
    private int _count;

    public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        _capacity = capacity;
        _entries = comparer is null ? new ConcurrentDictionary<TKey, TValue>() : new ConcurrentDictionary<TKey, TValue>(comparer);
    }

    /// <summary>Entries held now (approximate while other threads add).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    public void Add(TKey key, TValue value)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            // Whoever crosses the line empties the cache; racing adds may survive the clear, so
            // the count restarts from what is really there.
            _entries.Clear();
            Volatile.Write(ref _count, 0);
            Interlocked.Increment(ref _count);
        }
        if (!_entries.TryAdd(key, value)) Interlocked.Decrement(ref _count);
    }
}
