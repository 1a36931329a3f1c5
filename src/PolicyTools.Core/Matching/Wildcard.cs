using System;

namespace PolicyTools.Matching;

/// <summary>IAM's <c>*</c> and <c>?</c> wildcards over a whole string.</summary>
public static class Wildcard
{
    public static bool HasWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?' }) >= 0;

    /// <summary>
    /// Greedy matching that backtracks only to the last <c>*</c>: O(pattern × text) in the worst
    /// case and never exponential, so hostile patterns such as <c>*?*?*?…x</c> stay cheap.
    /// </summary>
    public static bool IsMatch(string pattern, string text, bool ignoreCase)
    {
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

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
