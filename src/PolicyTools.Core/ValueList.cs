using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace PolicyTools;

/// <summary>
/// A read-only list of strings whose text form is the values joined by ", ", so that
/// <c>Export-Csv</c> writes the values instead of a type name.
/// </summary>
public sealed class ValueList : ReadOnlyCollection<string>
{
    public ValueList(IEnumerable<string> values)
        : base(values?.ToArray() ?? new string[0])
    {
    }

    private ValueList(string[] values, bool owned)
        : base(values)
    {
    }

    /// <summary>A list over an array nobody changes afterwards: findings of wide wildcards name hundreds of actions, and copying them again costs the analysis.</summary>
    internal static ValueList Wrap(string[] values) => new(values, owned: true);

    public override string ToString() => string.Join(", ", this);
}
