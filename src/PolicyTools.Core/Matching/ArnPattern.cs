using System;
using System.Collections.Generic;
using System.Threading;

namespace PolicyTools.Matching;

/// <summary>
/// A <c>Resource</c> or <c>NotResource</c> entry compiled for matching against ARN templates.
/// <c>*</c> and <c>?</c> match within a segment; a <c>*</c> that ends a segment may run past the
/// colons; policy variables stand for text inside one segment (only where the policy version
/// allows them). Matching is case-sensitive: partition and service are lower-case in every ARN.
/// </summary>
internal sealed class ArnPattern
{
    private static readonly string[] s_partitions =
        { "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc" };

    private readonly PatternToken[] _tokens;

    private ArnPattern(string text, PatternToken[] tokens, IReadOnlyList<string> segments, bool hasVariables, bool hasLiteralVariables)
    {
        Text = text;
        _tokens = tokens;
        Segments = segments;
        HasVariables = hasVariables;
        HasLiteralVariableText = hasLiteralVariables;
    }

    /// <summary>Partitions AWS has today.</summary>
    public static IReadOnlyList<string> KnownPartitions => s_partitions;

    public string Text { get; }

    /// <summary>The colon-separated parts (at most six; the sixth keeps its colons).</summary>
    public IReadOnlyList<string> Segments { get; }

    public bool IsStar => Text == "*";

    public bool IsArn => Text.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>Policy variables such as <c>${aws:username}</c> that stand for request values.</summary>
    public bool HasVariables { get; }

    /// <summary>Variable syntax that the policy version makes literal text (2008-10-17).</summary>
    public bool HasLiteralVariableText { get; }

    // Segment properties are null where the position is unknown: a '*' that ends an earlier
    // segment may run past colons, so what follows it can sit in any later segment.
    public string? Partition => Positional(1);

    public string? Service => Positional(2);

    public string? Region => Positional(3);

    public string? Account => Positional(4);

    public string? Resource => Positional(5);

    /// <summary>True when some segment before the last ends with a '*' that may run past colons.</summary>
    public bool HasCrossingStar
    {
        get
        {
            for (var k = 0; k < Segments.Count - 1; k++) if (Segments[k].EndsWith("*", StringComparison.Ordinal)) return true;
            return false;
        }
    }

    private string? Positional(int index)
    {
        if (Segments.Count <= index) return null;
        for (var k = 0; k < index; k++) if (Segments[k].EndsWith("*", StringComparison.Ordinal)) return null;
        return Segments[index];
    }

    /// <summary>True when the entry is an ARN whose partition is literal text that names no AWS partition.</summary>
    public bool HasUnknownPartition =>
        IsArn && Partition is { } p && !IsWildcardSegment(p) && Array.IndexOf(s_partitions, p) < 0;

    public static ArnPattern Parse(string text, bool variablesAllowed)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        // Each character gives at most one token. An array, not a List: a List of a struct of ours is
        // framework code that only the JIT can compile; this is our own and precompiled (ReadyToRun).
        var tokens = new PatternToken[text.Length];
        var count = 0;
        var segments = new List<string>(6);
        var segmentStart = 0;
        var hasVariables = false;
        var hasLiteralVariables = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end > 0)
                {
                    var special = end == i + 3 && text[i + 2] is '*' or '?' or '$';
                    if (!variablesAllowed && special)
                    {
                        for (var k = i; k <= end; k++) tokens[count++] = PatternToken.Exact(text[k]);
                        i = end;
                        continue;
                    }
                    if (!variablesAllowed)
                    {
                        // Literal text for IAM, reported as a Warning; matched leniently (as any text in
                        // the segment) so that the statement-level rules do not pile Errors on top.
                        hasLiteralVariables = true;
                        tokens[count++] = PatternToken.Variable;
                        i = end;
                        continue;
                    }
                    else
                    {
                        var name = text.Substring(i + 2, end - i - 2);
                        AddToken(tokens, ref count, name switch
                        {
                            "*" => PatternToken.Exact('*'),
                            "?" => PatternToken.Exact('?'),
                            "$" => PatternToken.Exact('$'),
                            _ => PatternToken.Variable,
                        });
                        hasVariables |= name is not ("*" or "?" or "$");
                        i = end;
                        continue;
                    }
                }
            }
            switch (c)
            {
                case '*':
                    var endsSegment = i + 1 == text.Length || text[i + 1] == ':';
                    AddToken(tokens, ref count, endsSegment ? PatternToken.CrossingStar : PatternToken.Star);
                    break;
                case '?':
                    tokens[count++] = PatternToken.One;
                    break;
                case ':' when segments.Count < 5:
                    segments.Add(text.Substring(segmentStart, i - segmentStart));
                    segmentStart = i + 1;
                    tokens[count++] = PatternToken.Exact(c);
                    break;
                default:
                    tokens[count++] = PatternToken.Exact(c);
                    break;
            }
        }
        segments.Add(text.Substring(segmentStart));
        var exact = new PatternToken[count];
        Array.Copy(tokens, exact, count);
        return new ArnPattern(text, exact, segments, hasVariables, hasLiteralVariables);
    }

    // A run of stars matches what one star of the widest kind matches (a crossing star absorbs the
    // others; a variable stands for in-segment text like a star): merging keeps '****…' cheap.
    private static void AddToken(PatternToken[] tokens, ref int count, PatternToken token)
    {
        if (token.IsStarLike && count > 0 && tokens[count - 1].IsStarLike)
        {
            var previous = tokens[count - 1];
            if (previous.Kind == PatternTokenKind.CrossingStar) return;
            tokens[count - 1] = token.Kind == PatternTokenKind.CrossingStar ? token
                : previous.Kind == PatternTokenKind.Variable ? previous : token;
            return;
        }
        tokens[count++] = token;
    }

    /// <summary>Characters every matching ARN has at least: the tokens that are not stars or variables.</summary>
    public int MinimumLength
    {
        get
        {
            if (_minimumLength < 0)
            {
                var n = 0;
                foreach (var token in _tokens) if (!token.IsStarLike) n++;
                _minimumLength = n;
            }
            return _minimumLength;
        }
    }

    private int _minimumLength = -1;
    private Step[]? _steps;

    /// <summary>
    /// The tokens as steps of <see cref="TemplateAutomaton"/>, built on first use and shared between
    /// threads (<see cref="Publish"/>).
    /// </summary>
    internal Step[] Steps => Volatile.Read(ref _steps) ?? Publish.Once(ref _steps, BuildSteps());

    private Step[] BuildSteps()
    {
        var steps = new Step[_tokens.Length];
        for (var i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i];
            steps[i] = token.Kind switch
            {
                PatternTokenKind.Exact => new Step(StepKind.Char, token.Char),
                PatternTokenKind.One => new Step(StepKind.NonColonChar, '\0'),
                PatternTokenKind.CrossingStar => new Step(StepKind.CrossingStar, '\0'),
                _ => new Step(StepKind.Star, '\0'),
            };
        }
        return steps;
    }

    internal enum StepKind : byte
    {
        Char,
        NonColonChar,
        Star,
        CrossingStar,
    }

    internal readonly struct Step
    {
        public Step(StepKind kind, char c)
        {
            Kind = kind;
            Char = c;
        }

        public StepKind Kind { get; }

        public char Char { get; }

        public bool IsStar => Kind is StepKind.Star or StepKind.CrossingStar;

        public bool CrossesColons => Kind == StepKind.CrossingStar;
    }

    public static bool IsWildcardSegment(string segment) => segment.IndexOf('*') >= 0 || segment.IndexOf('?') >= 0 || segment.IndexOf("${", StringComparison.Ordinal) >= 0;

    /// <summary>Whether the pattern matches the request resource <c>*</c> of actions without resource types.</summary>
    public bool MatchesStarResource()
    {
        // Only patterns made of wildcards can match the one-character text "*".
        var consumed = false;
        foreach (var token in _tokens)
        {
            switch (token.Kind)
            {
                case PatternTokenKind.Star:
                case PatternTokenKind.CrossingStar:
                case PatternTokenKind.Variable:
                    continue;
                case PatternTokenKind.One when !consumed:
                    consumed = true;
                    continue;
                case PatternTokenKind.Exact when !consumed && token.Char == '*':
                    consumed = true;
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>Whether some ARN of the template can match this pattern (the languages intersect).</summary>
    internal bool CanMatch(ArnTemplate template)
    {
        if (HasUnknownPartition) return false;
        if (!QuickCompatible(template)) return false;
        return template.Automaton.Intersects(Steps);
    }

    /// <summary>Whether the pattern matches every ARN the template can produce.</summary>
    internal bool Covers(ArnTemplate template)
    {
        // A variable's value is unknown, so such a pattern is not sure to cover anything.
        if (HasVariables || HasLiteralVariableText || HasUnknownPartition) return false;
        var tokens = WithPartitionAsWildcard();
        var t = template.Tokens;
        int nt = t.Length;
        var previous = new bool[nt + 1];
        var current = new bool[nt + 1];
        previous[0] = true;
        foreach (var token in tokens)
        {
            var isStar = token.Kind is PatternTokenKind.Star or PatternTokenKind.CrossingStar;
            current[0] = isStar && previous[0];
            for (var j = 1; j <= nt; j++)
            {
                var symbol = t[j - 1];
                if (isStar)
                {
                    var absorbs = token.Kind == PatternTokenKind.CrossingStar || symbol.IsPlaceholder || symbol.Char != ':';
                    current[j] = previous[j] || (absorbs && current[j - 1]);
                }
                else
                {
                    current[j] = previous[j - 1] && !symbol.IsPlaceholder
                        && (token.Kind == PatternTokenKind.One ? symbol.Char != ':' : token.Char == symbol.Char);
                }
            }
            (previous, current) = (current, previous);
        }
        return previous[nt];
    }

    /// <summary>
    /// A policy applies in one partition, the one its ARNs name: for <see cref="Covers"/>, a literal
    /// known partition (<c>arn:aws:…</c>) stands for the template's <c>${Partition}</c>.
    /// </summary>
    private PatternToken[] WithPartitionAsWildcard()
    {
        if (!IsArn || Segments.Count < 3 || Array.IndexOf(s_partitions, Segments[1]) < 0) return _tokens;
        var length = Segments[1].Length;
        var tokens = new PatternToken[_tokens.Length - length + 1];
        Array.Copy(_tokens, 0, tokens, 0, 4);
        tokens[4] = PatternToken.Star;
        Array.Copy(_tokens, 4 + length, tokens, 5, _tokens.Length - 4 - length);
        return tokens;
    }

    /// <summary>Cheap rejections before the intersection test: a literal service or resource prefix that differs.</summary>
    internal bool QuickCompatible(ArnTemplate template)
    {
        // A literal service that differs, or a literal resource prefix that does. A template whose
        // service is a placeholder (AWS Backup's recovery points: ${Vendor}) takes any service.
        if (Service is { } service && !IsWildcardSegment(service) && Segments.Count > 3 && service != template.Service
            && template.Service.IndexOf("${", StringComparison.Ordinal) < 0)
            return false;
        if (Resource is { } resource && Segments.Count == 6)
        {
            var prefix = template.ResourcePrefix;
            var n = Math.Min(prefix.Length, resource.Length);
            for (var k = 0; k < n; k++)
            {
                var c = resource[k];
                if (c == '*' || c == '?' || c == '$') break;
                if (c != prefix[k]) return false;
            }
        }
        return true;
    }

    public override string ToString() => Text;

    private enum PatternTokenKind : byte
    {
        Exact,
        One,
        Star,
        CrossingStar,
        Variable,
    }

    private readonly struct PatternToken
    {
        private PatternToken(PatternTokenKind kind, char c)
        {
            Kind = kind;
            Char = c;
        }

        public PatternTokenKind Kind { get; }

        public char Char { get; }

        public bool IsStarLike => Kind is PatternTokenKind.Star or PatternTokenKind.CrossingStar or PatternTokenKind.Variable;

        public static PatternToken One => new(PatternTokenKind.One, '\0');

        public static PatternToken Star => new(PatternTokenKind.Star, '\0');

        public static PatternToken CrossingStar => new(PatternTokenKind.CrossingStar, '\0');

        public static PatternToken Variable => new(PatternTokenKind.Variable, '\0');

        public static PatternToken Exact(char c) => new(PatternTokenKind.Exact, c);
    }
}
