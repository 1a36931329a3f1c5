using System;
using System.Collections.Generic;

namespace PolicyTools.Matching;

/// <summary>
/// An ARN template as bit masks over its token positions, for <see cref="ArnPattern"/>'s
/// intersection test: the set of template positions a pattern prefix can have reached is a bit
/// set, and each pattern token updates it with a few word operations (a star's closure is one
/// addition: the carry runs through the positions the star can pass). So the test costs
/// O(pattern length × template words), never more, whatever the wildcards: no backtracking.
/// </summary>
internal sealed class TemplateAutomaton
{
    private readonly int _words;
    private readonly int _end;
    private readonly Dictionary<char, ulong[]> _literal = new();
    private readonly ulong[] _literalAll;
    private readonly ulong[] _literalNonColon;
    private readonly ulong[] _placeholders;
    private readonly ulong[] _placeholderAny;
    private readonly ulong[] _placeholderNonColon;
    private readonly ulong[] _placeholderPartition;
    private readonly ulong[] _placeholderRegion;
    private readonly ulong[] _placeholderAccount;
    private readonly ulong[] _passAny;
    private readonly ulong[] _passNonColon;

    public TemplateAutomaton(TemplateToken[] tokens)
    {
        _end = tokens.Length;
        _words = (_end + 1 + 63) / 64;
        _literalAll = new ulong[_words];
        _literalNonColon = new ulong[_words];
        _placeholders = new ulong[_words];
        _placeholderAny = new ulong[_words];
        _placeholderNonColon = new ulong[_words];
        _placeholderPartition = new ulong[_words];
        _placeholderRegion = new ulong[_words];
        _placeholderAccount = new ulong[_words];
        for (var j = 0; j < tokens.Length; j++)
        {
            var token = tokens[j];
            if (!token.IsPlaceholder)
            {
                if (!_literal.TryGetValue(token.Char, out var mask)) _literal[token.Char] = mask = new ulong[_words];
                Set(mask, j);
                Set(_literalAll, j);
                if (token.Char != ':') Set(_literalNonColon, j);
                continue;
            }
            Set(_placeholders, j);
            Set(token.Class switch
            {
                CharClass.Partition => _placeholderPartition,
                CharClass.Region => _placeholderRegion,
                CharClass.Account => _placeholderAccount,
                CharClass.AnyButColon => _placeholderNonColon,
                _ => _placeholderAny,
            }, j);
        }
        _passAny = Or(_literalAll, _placeholders);
        _passNonColon = Or(_literalNonColon, _placeholders);
    }

    /// <summary>Whether some ARN of the template is matched by the pattern tokens.</summary>
    public bool Intersects(ArnPattern.Step[] steps)
    {
        var w = _words;
        // Out: positions reached between tokens; In: inside a placeholder, one character or more consumed.
        Span<ulong> outs = stackalloc ulong[w];
        Span<ulong> ins = stackalloc ulong[w];
        Span<ulong> a = stackalloc ulong[w];
        Span<ulong> b = stackalloc ulong[w];
        outs[0] = 1;
        foreach (var step in steps)
        {
            if (step.IsStar)
            {
                // Zero or more characters of the star's class: from every reached position, run
                // forward through the positions the star can pass (literal characters it allows,
                // placeholders). With X = Out & Pass, the sum Pass + X carries through each run of
                // passable positions from its first reached one to the position after the run.
                var pass = step.CrossesColons ? _passAny : _passNonColon;
                ulong carry = 0;
                for (var k = 0; k < w; k++)
                {
                    var x = outs[k] & pass[k];
                    var sum = pass[k] + x;
                    var c1 = sum < pass[k] ? 1UL : 0UL;
                    var total = sum + carry;
                    var c2 = total < sum ? 1UL : 0UL;
                    carry = c1 | c2;
                    outs[k] |= total ^ pass[k];
                }
                for (var k = 0; k < w; k++) ins[k] |= outs[k] & _placeholders[k];
                continue;
            }

            // One character: a literal the character is, or a placeholder that allows it.
            ReadOnlySpan<ulong> literal;
            if (step.Kind == ArnPattern.StepKind.Char)
            {
                literal = _literal.TryGetValue(step.Char, out var mask) ? mask : default;
                Placeholders(step.Char, a);
            }
            else
            {
                literal = _literalNonColon; // '?' matches one character within a segment
                _placeholders.AsSpan().CopyTo(a);
            }
            var any = 0UL;
            ulong shiftCarry = 0;
            for (var k = 0; k < w; k++)
            {
                var enter = (outs[k] | ins[k]) & a[k];
                ins[k] = enter;
                var lit = literal.IsEmpty ? 0UL : outs[k] & literal[k];
                // Next Out: after a literal, or after a placeholder character (it may end there).
                var moved = lit | enter;
                b[k] = (moved << 1) | shiftCarry;
                shiftCarry = moved >> 63;
                any |= b[k] | enter;
            }
            if (any == 0) return false;
            b.CopyTo(outs);
        }
        return (outs[_end >> 6] & (1UL << (_end & 63))) != 0;
    }

    private void Placeholders(char c, Span<ulong> into)
    {
        var partition = (c >= 'a' && c <= 'z') || c == '-';
        var region = partition || (c >= '0' && c <= '9');
        var account = c >= '0' && c <= '9';
        var nonColon = c != ':';
        for (var k = 0; k < _words; k++)
        {
            into[k] = _placeholderAny[k]
                | (nonColon ? _placeholderNonColon[k] : 0)
                | (partition ? _placeholderPartition[k] : 0)
                | (region ? _placeholderRegion[k] : 0)
                | (account ? _placeholderAccount[k] : 0);
        }
    }

    private static void Set(ulong[] mask, int position) => mask[position >> 6] |= 1UL << (position & 63);

    private static ulong[] Or(ulong[] x, ulong[] y)
    {
        var result = new ulong[x.Length];
        for (var k = 0; k < x.Length; k++) result[k] = x[k] | y[k];
        return result;
    }
}
