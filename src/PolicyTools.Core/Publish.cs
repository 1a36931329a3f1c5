using System.Threading;

namespace PolicyTools;

/// <summary>
/// Values worked out on first use in objects that threads share (cached resource matches, ARN
/// patterns and templates): racing threads may each work one out, but every reader gets the first
/// one published, fully built. Read the field with <see cref="Volatile.Read{T}(ref T)"/> first.
/// </summary>
internal static class Publish
{
    public static T Once<T>(ref T? field, T value)
        where T : class =>
        Interlocked.CompareExchange(ref field, value, null) ?? value;
}
