using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace PolicyTools;

/// <summary>
/// A thread-safe cache that never holds more than about <c>capacity</c> entries: when it is full
/// it starts over with an empty table (policies repeat the same patterns, so a full cache is either
/// hostile input or a huge account, and both are served well by starting again). A table made
/// after the cache filled up is made at its full size, so refilling it never rehashes, and it is
/// replaced rather than cleared (a cleared ConcurrentDictionary shrinks and grows again, taking
/// every lock each time). The first table is made small on the first add: a map of every service
/// holds caches per service, most of them never used or used for a pattern or two (466 full-size
/// tables would be tens of megabytes). The entry count is kept with <see cref="Interlocked"/>:
/// <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every lock, which on every miss
/// costs more than the work the cache saves.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly IEqualityComparer<TKey> _comparer;
    private ConcurrentDictionary<TKey, TValue>? _entries;
    private int _count;

    public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        _capacity = capacity;
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    /// <summary>Entries held now (approximate while other threads add).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(TKey key, out TValue value)
    {
        var entries = Volatile.Read(ref _entries);
        if (entries is not null) return entries.TryGetValue(key, out value!);
        value = default!;
        return false;
    }

    public void Add(TKey key, TValue value)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            // Whoever crosses the line starts a new table; adds racing with it may land in the old
            // one and are simply lost with it.
            Volatile.Write(ref _entries, NewTable());
            Volatile.Write(ref _count, 1);
        }
        var entries = Volatile.Read(ref _entries);
        if (entries is null)
        {
            // The first add makes the table; of racing first adds, one table wins and is used by all.
            Interlocked.CompareExchange(ref _entries, NewTable(first: true), null);
            entries = Volatile.Read(ref _entries)!;
        }
        if (!entries.TryAdd(key, value)) Interlocked.Decrement(ref _count);
    }

    // The first table starts small and grows (a pattern like *:List* touches every service's cache
    // once); a table made after the cache filled up is made at full size, since it will fill again.
    private ConcurrentDictionary<TKey, TValue> NewTable(bool first = false) =>
        new(concurrencyLevel: 4 * System.Environment.ProcessorCount, capacity: first ? System.Math.Min(FirstCapacity, _capacity) : _capacity + _capacity / 4, comparer: _comparer);

    private const int FirstCapacity = 31;
}
