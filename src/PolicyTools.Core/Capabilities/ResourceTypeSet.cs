namespace PolicyTools.Capabilities;

/// <summary>
/// A set of a service's resource types by index, one bit each. Statements are checked against
/// every type of the service (113 for EC2) several times per document; as bits, "which types may
/// these resources be" is two machine words per resource instead of a loop over every type.
/// Sets held by the map or by the shared caches are filled when built and never changed after:
/// only a set made for one document's analysis is changed in place.
/// </summary>
internal sealed class ResourceTypeSet
{
    private readonly ulong[] _words;

    public ResourceTypeSet(int typeCount)
    {
        TypeCount = typeCount;
        _words = new ulong[(typeCount + 63) >> 6];
    }

    /// <summary>How many types the service has (the set's universe).</summary>
    public int TypeCount { get; }

    public bool this[int type] => (_words[type >> 6] & (1UL << (type & 63))) != 0;

    public bool IsEmpty
    {
        get
        {
            foreach (var word in _words) if (word != 0) return false;
            return true;
        }
    }

    /// <summary>Every type of the service is in the set (an empty universe is never full).</summary>
    public bool IsFull
    {
        get
        {
            if (TypeCount == 0) return false;
            for (var i = 0; i < _words.Length; i++) if (_words[i] != FullWord(i)) return false;
            return true;
        }
    }

    public void Add(int type) => _words[type >> 6] |= 1UL << (type & 63);

    public void Remove(int type) => _words[type >> 6] &= ~(1UL << (type & 63));

    public void AddAll()
    {
        for (var i = 0; i < _words.Length; i++) _words[i] = FullWord(i);
    }

    public void UnionWith(ResourceTypeSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] |= other._words[i];
    }

    public void ExceptWith(ResourceTypeSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] &= ~other._words[i];
    }

    public bool IsSupersetOf(ResourceTypeSet other)
    {
        for (var i = 0; i < _words.Length; i++) if ((other._words[i] & ~_words[i]) != 0) return false;
        return true;
    }

    public bool Overlaps(ResourceTypeSet other)
    {
        for (var i = 0; i < _words.Length; i++) if ((_words[i] & other._words[i]) != 0) return true;
        return false;
    }

    private ulong FullWord(int word)
    {
        var bits = TypeCount - (word << 6);
        return bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
    }
}
