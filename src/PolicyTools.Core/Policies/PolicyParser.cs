using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PolicyTools.Policies;

/// <summary>
/// Reads policy JSON with System.Text.Json's reader into a <see cref="PolicyDocument"/>, keeping
/// statement line numbers and rejecting what IAM rejects: duplicate keys, wrong element types.
/// </summary>
internal static class PolicyParser
{
    private static readonly JsonReaderOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    // From this many characters on, the UTF-8 copy of a document comes from a pool: a fresh array
    // that size lands on the large object heap, and a stream of large documents would keep the
    // collector busy with them.
    private const int PooledBufferThreshold = 16 * 1024;

    /// <summary>Parses policy text: plain JSON or URL-encoded JSON (decoded exactly once), with or without a BOM.</summary>
    public static PolicyDocument Parse(string text) => ParseDecoded(PolicyText.Decode(text));

    /// <summary>Text that <see cref="PolicyText.Decode"/> has already decoded.</summary>
    internal static PolicyDocument ParseDecoded(string decoded)
    {
        if (decoded.Length < PooledBufferThreshold) return ParseUtf8(Encoding.UTF8.GetBytes(decoded));
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(decoded.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(decoded, 0, decoded.Length, buffer, 0);
            return ParseUtf8(buffer, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses UTF-8 JSON bytes (no BOM).</summary>
    public static PolicyDocument ParseUtf8(byte[] utf8)
    {
        if (utf8 is null) throw new ArgumentNullException(nameof(utf8));
        return ParseUtf8(utf8, utf8.Length);
    }

    // The first length bytes of utf8; nothing parsed keeps a reference to the array.
    private static PolicyDocument ParseUtf8(byte[] utf8, int length)
    {
        // Utf8JsonReader throws on input without tokens rather than returning false from Read().
        if (IsBlank(utf8, length))
            throw new PolicyParseException(ErrorIds.PolicyInputEmpty, PolicyErrorKind.InvalidData, "The policy text is empty.");
        var lines = new LineIndex(utf8, length);
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(utf8, 0, length), s_options);
        try
        {
            return ReadDocument(ref reader, lines);
        }
        catch (PolicyParseException ex) when (ex.ErrorId == ErrorIds.PolicyStatementMissing
            && ForeignDocument.DescribeJson(new ReadOnlySpan<byte>(utf8, 0, length)) is { } what)
        {
            throw new PolicyParseException(ErrorIds.PolicyNotAPolicy, PolicyErrorKind.InvalidData, what, 1, ex);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? -1) + 1;
            // The reader stops at the depth limit; its message text is not a contract, its depth is.
            if (reader.CurrentDepth >= s_options.MaxDepth - 1)
                throw new PolicyParseException(ErrorIds.PolicyNestedTooDeeply, PolicyErrorKind.LimitExceeded, $"The JSON is nested more than {s_options.MaxDepth} levels deep; no IAM policy is.", line, ex);
            var commentLine = ForeignDocument.CommentLine(new ReadOnlySpan<byte>(utf8, 0, length));
            if (commentLine > 0)
                throw new PolicyParseException(ErrorIds.PolicyJsonInvalid, PolicyErrorKind.InvalidData, ForeignDocument.CommentMessage, commentLine, ex);
            throw new PolicyParseException(ErrorIds.PolicyJsonInvalid, PolicyErrorKind.InvalidData, "The text is not valid JSON: " + TrimJsonMessage(ex.Message), line, ex);
        }
        catch (InvalidOperationException ex)
        {
            // GetString on an escaped lone surrogate ("\ud800"): valid JSON syntax, but no text (found by the fuzzer).
            throw new PolicyParseException(ErrorIds.PolicyJsonInvalid, PolicyErrorKind.InvalidData,
                "The text is not valid JSON: a string holds an escaped UTF-16 surrogate (\\uD800-\\uDFFF) without its pair.", lines.LineOf(reader.TokenStartIndex), ex);
        }
    }

    private static bool IsBlank(byte[] utf8, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (utf8[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }

    private static string TrimJsonMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).Trim();
    }

    private static PolicyDocument ReadDocument(ref Utf8JsonReader reader, LineIndex lines)
    {
        if (!reader.Read())
            throw new PolicyParseException(ErrorIds.PolicyInputEmpty, PolicyErrorKind.InvalidData, "The policy text is empty.");
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new PolicyParseException(ErrorIds.PolicyNotAPolicy, PolicyErrorKind.InvalidData, $"The JSON is {Describe(reader.TokenType)}, not a policy object with a 'Statement'.", lines.LineOf(reader.TokenStartIndex));

        string? version = null, id = null;
        List<PolicyStatement>? statements = null;
        var single = false;
        var keys = new KeySet("the policy");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            keys.Add(name, lines.LineOf(reader.TokenStartIndex));
            switch (name)
            {
                case "Version":
                    version = ReadString(ref reader, "Version", "the policy", lines);
                    break;
                case "Id":
                    id = ReadString(ref reader, "Id", "the policy", lines);
                    break;
                case "Statement":
                    reader.Read();
                    statements = new List<PolicyStatement>();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        single = true;
                        statements.Add(ReadStatement(ref reader, 0, lines));
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType != JsonTokenType.StartObject)
                                throw WrongType("Statement", $"statement {statements.Count}", "an object", reader.TokenType, lines.LineOf(reader.TokenStartIndex));
                            statements.Add(ReadStatement(ref reader, statements.Count, lines));
                        }
                    }
                    else
                    {
                        throw WrongType("Statement", "the policy", "an object or a list of objects", reader.TokenType, lines.LineOf(reader.TokenStartIndex));
                    }
                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }
        // Drain to the end so that trailing text after the object is reported as invalid JSON.
        while (reader.Read()) { }

        if (statements is null)
            throw new PolicyParseException(ErrorIds.PolicyStatementMissing, PolicyErrorKind.InvalidData, "The JSON has no 'Statement' element, so it is not an IAM policy.", 1);
        if (statements.Count == 0)
            throw new PolicyParseException(ErrorIds.PolicyStatementEmpty, PolicyErrorKind.InvalidData, "The policy's 'Statement' list is empty.", 1);
        return new PolicyDocument(version, id, statements, single);
    }

    private static PolicyStatement ReadStatement(ref Utf8JsonReader reader, int index, LineIndex lines)
    {
        var line = lines.LineOf(reader.TokenStartIndex);
        var where = $"statement {index}";
        string? sid = null;
        PolicyEffect? effect = null;
        IReadOnlyList<string>? actions = null, notActions = null, resources = null, notResources = null;
        IReadOnlyList<ConditionClause>? conditions = null;
        var hasPrincipal = false;
        var keys = new KeySet(where);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var keyLine = lines.LineOf(reader.TokenStartIndex);
            keys.Add(name, keyLine);
            switch (name)
            {
                case "Sid":
                    sid = ReadString(ref reader, "Sid", where, lines);
                    break;
                case "Effect":
                    var value = ReadString(ref reader, "Effect", where, lines);
                    effect = value switch
                    {
                        "Allow" => PolicyEffect.Allow,
                        "Deny" => PolicyEffect.Deny,
                        _ => throw new PolicyParseException(ErrorIds.PolicyElementInvalid, PolicyErrorKind.InvalidData, $"In {where}, 'Effect' must be \"Allow\" or \"Deny\" (found \"{value}\").", keyLine),
                    };
                    break;
                case "Action":
                    actions = ReadStringList(ref reader, name, where, lines);
                    break;
                case "NotAction":
                    notActions = ReadStringList(ref reader, name, where, lines);
                    break;
                case "Resource":
                    resources = ReadStringList(ref reader, name, where, lines);
                    break;
                case "NotResource":
                    notResources = ReadStringList(ref reader, name, where, lines);
                    break;
                case "Condition":
                    conditions = ReadConditions(ref reader, where, lines);
                    break;
                case "Principal":
                case "NotPrincipal":
                    hasPrincipal = true;
                    reader.Read();
                    reader.Skip();
                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        if (effect is null)
            throw new PolicyParseException(ErrorIds.PolicyElementMissing, PolicyErrorKind.InvalidData, $"{Capitalise(where)} has no 'Effect'.", line);
        if (actions is not null && notActions is not null)
            throw new PolicyParseException(ErrorIds.PolicyElementInvalid, PolicyErrorKind.InvalidData, $"{Capitalise(where)} has both 'Action' and 'NotAction'; IAM allows one.", line);
        if (actions is null && notActions is null)
            throw new PolicyParseException(ErrorIds.PolicyElementMissing, PolicyErrorKind.InvalidData, $"{Capitalise(where)} has neither 'Action' nor 'NotAction'.", line);
        if (resources is not null && notResources is not null)
            throw new PolicyParseException(ErrorIds.PolicyElementInvalid, PolicyErrorKind.InvalidData, $"{Capitalise(where)} has both 'Resource' and 'NotResource'; IAM allows one.", line);

        return new PolicyStatement(
            index, sid, effect.Value,
            actions ?? notActions, notActions is not null,
            resources ?? notResources, notResources is not null,
            conditions, hasPrincipal, (int)line);
    }

    private static IReadOnlyList<ConditionClause> ReadConditions(ref Utf8JsonReader reader, string where, LineIndex lines)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            throw WrongType("Condition", where, "an object", reader.TokenType, lines.LineOf(reader.TokenStartIndex));
        var clauses = new List<ConditionClause>();
        var operators = new KeySet($"the Condition of {where}");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var op = reader.GetString()!;
            operators.Add(op, lines.LineOf(reader.TokenStartIndex));
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                throw WrongType(op, $"the Condition of {where}", "an object of condition keys", reader.TokenType, lines.LineOf(reader.TokenStartIndex));
            var keys = new KeySet($"'{op}' in {where}");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                keys.Add(key, lines.LineOf(reader.TokenStartIndex));
                clauses.Add(new ConditionClause(op, key, ReadConditionValues(ref reader, key, where, lines)));
            }
        }
        return clauses;
    }

    private static IReadOnlyList<string> ReadConditionValues(ref Utf8JsonReader reader, string key, string where, LineIndex lines)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
            return new[] { ScalarText(ref reader, key, where, lines) };
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) values.Add(ScalarText(ref reader, key, where, lines));
        return values;
    }

    private static string ScalarText(ref Utf8JsonReader reader, string key, string where, LineIndex lines)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return reader.GetString()!;
            case JsonTokenType.Number: return Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            default: throw WrongType(key, $"the Condition of {where}", "a string, number, boolean or a list of them", reader.TokenType, lines.LineOf(reader.TokenStartIndex));
        }
    }

    private static string ReadString(ref Utf8JsonReader reader, string name, string where, LineIndex lines)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
            throw WrongType(name, where, "a string", reader.TokenType, lines.LineOf(reader.TokenStartIndex));
        return reader.GetString()!;
    }

    private static IReadOnlyList<string> ReadStringList(ref Utf8JsonReader reader, string name, string where, LineIndex lines)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return new[] { reader.GetString()! };
        if (reader.TokenType != JsonTokenType.StartArray)
            throw WrongType(name, where, "a string or a list of strings", reader.TokenType, lines.LineOf(reader.TokenStartIndex));
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw WrongType(name, where, "a list of strings", reader.TokenType, lines.LineOf(reader.TokenStartIndex), itemOf: true);
            items.Add(reader.GetString()!);
        }
        return items;
    }

    private static PolicyParseException WrongType(string name, string where, string expected, JsonTokenType found, long line, bool itemOf = false) =>
        new(ErrorIds.PolicyElementWrongType, PolicyErrorKind.InvalidData,
            itemOf
                ? $"In {where}, '{name}' must be {expected}, but an item is {Describe(found)}."
                : $"In {where}, '{name}' must be {expected}, not {Describe(found)}.",
            line);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>Keys seen in one JSON object; IAM rejects a policy that repeats one.</summary>
    private sealed class KeySet
    {
        private readonly string _where;
        private readonly List<string> _seen = new(8);
        private HashSet<string>? _many;

        public KeySet(string where) => _where = where;

        public void Add(string key, long line)
        {
            // A list for the handful of keys a policy object has; a hash set once an object has
            // many (hostile input with 100,000 keys must not cost 100,000² comparisons).
            bool duplicate;
            if (_many is not null)
            {
                duplicate = !_many.Add(key);
            }
            else
            {
                duplicate = _seen.Contains(key, StringComparer.Ordinal);
                if (!duplicate && _seen.Count >= 16) _many = new HashSet<string>(_seen, StringComparer.Ordinal) { key };
                else if (!duplicate) _seen.Add(key);
            }
            if (duplicate)
                throw new PolicyParseException(ErrorIds.PolicyDuplicateKey, PolicyErrorKind.InvalidData, $"The key '{key}' appears twice in {_where}; IAM rejects duplicate keys.", line);
        }
    }

    /// <summary>Turns byte offsets into 1-based line numbers; offsets arrive mostly in order.</summary>
    private sealed class LineIndex
    {
        private readonly byte[] _text;
        private readonly int _length;
        private long _offset;
        private int _line = 1;

        public LineIndex(byte[] text, int length)
        {
            _text = text;
            _length = length;
        }

        public long LineOf(long offset)
        {
            if (offset < _offset)
            {
                _offset = 0;
                _line = 1;
            }
            var end = Math.Min(offset, _length);
            for (var i = _offset; i < end; i++)
            {
                if (_text[i] == (byte)'\n') _line++;
            }
            _offset = end;
            return _line;
        }
    }
}
