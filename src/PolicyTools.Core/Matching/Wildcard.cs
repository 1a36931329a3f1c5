using System;

namespace PolicyTools.Matching;

/// <summary>IAM's <c>*</c> and <c>?</c> wildcards over a whole string.</summary>
internal static class Wildcard
{
    public static bool HasWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?' }) >= 0;

    /// <summary>
    /// Greedy matching that backtracks only to the last <c>*</c>: O(pattern × text) in the worst
    /// case and never exponential, so hostile patterns such as <c>*?*?*?…x</c> stay cheap.
    /// </summary>
    public static bool IsMatch(string pattern, string text, bool ignoreCase)
    {
        // Each character other than '*' takes one character of the text: a pattern with more of
        // them than the text has cannot match (and '*?*?*?…' of any length is rejected in one pass).
        if (FixedLength(pattern) > text.Length) return false;
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    /// <summary>The characters of the pattern that are not <c>*</c>: the shortest text it can match.</summary>
    public static int FixedLength(string pattern)
    {
        var n = 0;
        foreach (var c in pattern) if (c != '*') n++;
        return n;
    }

    /// <summary>The same pattern with each run of <c>*</c> written once (<c>a***b</c> is <c>a*b</c>).</summary>
    public static string CollapseStars(string pattern)
    {
        if (pattern.IndexOf("**", StringComparison.Ordinal) < 0) return pattern;
        var builder = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i > 0 && pattern[i - 1] == '*') continue;
            builder.Append(pattern[i]);
        }
        return builder.ToString();
    }

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
