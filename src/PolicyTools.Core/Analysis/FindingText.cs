using System.Collections.Generic;
using System.Linq;

namespace PolicyTools.Analysis;

/// <summary>Small helpers that keep finding messages readable whatever the number of actions.</summary>
internal static class FindingText
{
    private const int Shown = 4;

    /// <summary><c>ec2:A</c>, <c>ec2:A and ec2:B</c>, or <c>12 actions (ec2:A, ec2:B, … )</c>.</summary>
    public static string Actions(IReadOnlyList<string> names)
    {
        if (names.Count == 1) return names[0];
        if (names.Count <= Shown) return Join(names, "and");
        return $"{names.Count} actions ({string.Join(", ", names.Take(Shown))} and {names.Count - Shown} more)";
    }

    /// <summary>A list of names, cut short when long: <c>a, b, c, d, e, f and 95 more</c>.</summary>
    public static string Names(IReadOnlyList<string> names, int shown = 6)
    {
        if (names.Count <= shown) return string.Join(", ", names);
        return string.Join(", ", names.Take(shown)) + $" and {names.Count - shown} more";
    }

    public static string Join(IReadOnlyList<string> items, string conjunction)
    {
        if (items.Count == 0) return "";
        if (items.Count == 1) return items[0];
        return string.Join(", ", items.Take(items.Count - 1)) + " " + conjunction + " " + items[items.Count - 1];
    }

    public static string Quoted(IEnumerable<string> items, string conjunction = "and") =>
        Join(items.Select(i => "'" + i + "'").ToList(), conjunction);

    public static string ItThey(int count) => count == 1 ? "it" : "them";

    public static string DoesDo(int count) => count == 1 ? "it does" : "they do";
}
