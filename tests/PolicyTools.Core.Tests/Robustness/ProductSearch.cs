using System.Collections.Generic;
using PolicyTools.Matching;

namespace PolicyTools.Tests.Robustness;

/// <summary>
/// The ARN intersection test written the plain way, as the oracle for <see cref="TemplateAutomaton"/>:
/// a search of the product automaton (states: pattern step, template token, inside a placeholder).
/// Quadratic in space, which is why the analyzer does not use it.
/// </summary>
internal static class ProductSearch
{
    public static bool IntersectsByProductSearch(this ArnPattern pattern, ArnTemplate template)
    {
        if (pattern.HasUnknownPartition) return false;
        if (!pattern.QuickCompatible(template)) return false;
        return Intersects(pattern.Steps, template.Tokens);
    }

    private static bool Intersects(ArnPattern.Step[] p, IReadOnlyList<TemplateToken> t)
    {
        int np = p.Length, nt = t.Count;
        var stride = (nt + 1) * 2;
        var visited = new bool[(np + 1) * stride];
        var stack = new Stack<int>();
        Push(0, 0, 0);
        while (stack.Count > 0)
        {
            var state = stack.Pop();
            var i = state / stride;
            var j = state % stride / 2;
            var inside = state % 2;
            if (i == np && j == nt && inside == 0) return true;

            // A star may match nothing; a placeholder may end.
            if (i < np && p[i].IsStar) Push(i + 1, j, inside);
            if (inside == 1) Push(i, j + 1, 0);
            if (i == np) continue;

            var (pClass, pChar, pNext) = p[i].Kind switch
            {
                ArnPattern.StepKind.Char => (CharClass.Exact, p[i].Char, i + 1),
                ArnPattern.StepKind.NonColonChar => (CharClass.AnyButColon, '\0', i + 1),
                ArnPattern.StepKind.CrossingStar => (CharClass.Any, '\0', i),
                _ => (CharClass.AnyButColon, '\0', i),
            };

            if (inside == 1)
            {
                if (Overlaps(pClass, pChar, t[j].Class, t[j].Char)) Push(pNext, j, 1);
            }
            else if (j < nt)
            {
                var tt = t[j];
                if (Overlaps(pClass, pChar, tt.Class, tt.Char)) Push(pNext, tt.IsPlaceholder ? j : j + 1, tt.IsPlaceholder ? 1 : 0);
            }
        }
        return false;

        void Push(int i, int j, int inside)
        {
            var index = i * stride + j * 2 + inside;
            if (visited[index]) return;
            visited[index] = true;
            stack.Push(index);
        }
    }

    private static bool Overlaps(CharClass a, char ac, CharClass b, char bc)
    {
        if (a == CharClass.Exact && b == CharClass.Exact) return ac == bc;
        if (a == CharClass.Exact) return TemplateToken.Allows(b, ac);
        if (b == CharClass.Exact) return TemplateToken.Allows(a, bc);
        return true; // every class holds some character other than ':'
    }
}
