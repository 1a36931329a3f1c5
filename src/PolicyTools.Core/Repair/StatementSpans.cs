using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PolicyTools.Repair;

/// <summary>
/// Where the Statement element and each of its statements sit in a document's UTF-8 bytes, so a
/// repair can replace just those bytes and keep every other byte of the original text.
/// </summary>
internal sealed class StatementSpans
{
    private StatementSpans(Span value, IReadOnlyList<Span> statements, bool isArray)
    {
        Value = value;
        Statements = statements;
        IsArray = isArray;
    }

    /// <summary>The value of "Statement": the array, or the one statement written as an object.</summary>
    public Span Value { get; }

    /// <summary>Each statement, in order (one when the value is an object).</summary>
    public IReadOnlyList<Span> Statements { get; }

    public bool IsArray { get; }

    /// <summary>Finds the spans in a document the parser has accepted (so it is one JSON object with a Statement).</summary>
    public static StatementSpans Find(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new FormatException("The document is not a JSON object.");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("Statement"))
            {
                reader.Skip();
                continue;
            }
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                reader.Skip();
                var only = new Span(start, (int)reader.BytesConsumed);
                return new StatementSpans(only, new[] { only }, isArray: false);
            }
            if (reader.TokenType != JsonTokenType.StartArray) break;
            var statements = new List<Span>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var itemStart = (int)reader.TokenStartIndex;
                reader.Skip();
                statements.Add(new Span(itemStart, (int)reader.BytesConsumed));
            }
            return new StatementSpans(new Span(start, (int)reader.BytesConsumed), statements, isArray: true);
        }
        throw new FormatException("The document has no Statement object or array.");
    }

    /// <summary>Bytes [Start, End) of the original.</summary>
    public readonly struct Span
    {
        public Span(int start, int end)
        {
            Start = start;
            End = end;
        }

        public int Start { get; }

        public int End { get; }

        public int Length => End - Start;
    }
}
