using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace PolicyTools.Repair;

/// <summary>
/// Writes the repaired document by replacing, in the original text, only the statements the repair
/// changes (and inserting the statements it adds after them): every other byte is kept, so a diff
/// shows just the repair. Changed and new statements are written with <see cref="Utf8JsonWriter"/>
/// in the document's own layout (indent unit and line ends; one line in a document written on one
/// line), copying the elements the repair does not touch from the original's JSON tree.
/// </summary>
internal static class RepairedPolicyWriter
{
    // Statements sit at depth 2 (document, Statement array), or 1 when Statement is one object.
    private const int StatementDepthInArray = 2;
    private const int StatementDepthAlone = 1;

    public static string Write(string original, JsonElement root, IReadOnlyDictionary<int, StatementEdit> edits)
    {
        var layout = JsonTextFormat.Detect(original);
        var bytes = Encoding.UTF8.GetBytes(original);
        var spans = StatementSpans.Find(bytes);
        var statements = root.GetProperty("Statement");
        using var output = new MemoryStream(bytes.Length + 512);

        if (!spans.IsArray)
        {
            edits.TryGetValue(0, out var only);
            var span = spans.Value;
            output.Write(bytes, 0, span.Start);
            if (only is null || only.Following.Count == 0)
            {
                WriteStatementText(output, bytes, span, statements, only, layout, StatementDepthAlone);
            }
            else
            {
                // A policy of one statement written as an object becomes a list when a statement is added.
                var text = Nested(layout, StatementDepthAlone, writer =>
                {
                    writer.WriteStartArray();
                    WriteStatement(writer, statements, only);
                    foreach (var added in only.Following) WriteNewStatement(writer, statements, added);
                    writer.WriteEndArray();
                });
                output.Write(text, 0, text.Length);
            }
            output.Write(bytes, span.End, bytes.Length - span.End);
            return Encoding.UTF8.GetString(output.ToArray());
        }

        var position = 0;
        var index = 0;
        foreach (var statement in statements.EnumerateArray())
        {
            if (edits.TryGetValue(index, out var edit) && !edit.IsEmpty)
            {
                var span = spans.Statements[index];
                output.Write(bytes, position, span.Start - position);
                WriteStatementText(output, bytes, span, statement, edit, layout, StatementDepthInArray);
                foreach (var added in edit.Following)
                {
                    var separator = Separator(bytes, spans, index, layout);
                    output.Write(separator, 0, separator.Length);
                    var text = Nested(layout, StatementDepthInArray, writer => WriteNewStatement(writer, statement, added));
                    output.Write(text, 0, text.Length);
                }
                position = span.End;
            }
            index++;
        }
        output.Write(bytes, position, bytes.Length - position);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void WriteStatementText(MemoryStream output, byte[] original, StatementSpans.Span span, JsonElement statement, StatementEdit? edit, JsonTextFormat layout, int depth)
    {
        if (edit is null || !edit.ChangesStatement)
        {
            output.Write(original, span.Start, span.Length);
            return;
        }
        var text = Nested(layout, depth, writer => WriteStatement(writer, statement, edit));
        output.Write(text, 0, text.Length);
    }


    /// <summary>
    /// What goes between a statement and one added after it: the document's own separator between
    /// two statements where it has one, else a comma and, in a multi-line document, a line break
    /// and the statement's own indentation.
    /// </summary>
    private static byte[] Separator(byte[] original, StatementSpans spans, int index, JsonTextFormat layout)
    {
        var list = spans.Statements;
        if (list.Count >= 2)
        {
            var after = index + 1 < list.Count ? index : index - 1;
            var start = list[after].End;
            var length = list[after + 1].Start - start;
            var existing = new byte[length];
            Buffer.BlockCopy(original, start, existing, 0, length);
            return existing;
        }
        if (!layout.Indented) return Encoding.UTF8.GetBytes(",");
        return Encoding.UTF8.GetBytes("," + layout.NewLine + LinePrefix(original, list[index].Start, layout, StatementDepthInArray));
    }

    // The white space before the statement on its line, or the indentation of its depth when it does not start a line.
    private static string LinePrefix(byte[] original, int start, JsonTextFormat layout, int depth)
    {
        var lineStart = start;
        while (lineStart > 0 && original[lineStart - 1] != (byte)'\n') lineStart--;
        for (var i = lineStart; i < start; i++)
        {
            if (original[i] != (byte)' ' && original[i] != (byte)'\t')
            {
                var indent = new StringBuilder();
                for (var level = 0; level < depth; level++) indent.Append(layout.Indent);
                return indent.ToString();
            }
        }
        return Encoding.UTF8.GetString(original, lineStart, start - lineStart);
    }

    /// <summary>
    /// The UTF-8 text of one value written at <paramref name="depth"/>: the writer is opened that
    /// many arrays deep, so its own indentation options put the value's inner lines where the
    /// document has them.
    /// </summary>
    private static byte[] Nested(JsonTextFormat layout, int depth, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, layout.WriterOptions))
        {
            for (var level = 0; level < depth; level++) writer.WriteStartArray();
            writer.Flush();
            var start = (int)buffer.Length;
            write(writer);
            writer.Flush();
            var end = (int)buffer.Length;
            var bytes = buffer.GetBuffer();
            // The writer puts a line break and the indentation before an array item; the original keeps its own.
            while (start < end && (bytes[start] == (byte)' ' || bytes[start] == (byte)'\t' || bytes[start] == (byte)'\r' || bytes[start] == (byte)'\n')) start++;
            var value = new byte[end - start];
            Buffer.BlockCopy(bytes, start, value, 0, value.Length);
            return value;
        }
    }

    private static void WriteStatement(Utf8JsonWriter writer, JsonElement statement, StatementEdit? edit)
    {
        if (edit is null || !edit.ChangesStatement)
        {
            statement.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        var wroteCondition = false;
        foreach (var property in statement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Action" when edit.Actions is not null:
                case "NotAction" when edit.Actions is not null:
                    writer.WritePropertyName(property.Name);
                    WriteList(writer, edit.Actions, property.Value.ValueKind == JsonValueKind.String && edit.Actions.Count == 1);
                    break;
                case "Resource" when edit.ResourceStar:
                    writer.WritePropertyName(property.Name);
                    WriteList(writer, new[] { "*" }, property.Value.ValueKind == JsonValueKind.String);
                    break;
                case "Resource" when edit.AddedResources.Count > 0:
                    writer.WritePropertyName(property.Name);
                    writer.WriteStartArray();
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in property.Value.EnumerateArray()) item.WriteTo(writer);
                    }
                    else
                    {
                        property.Value.WriteTo(writer);
                    }
                    foreach (var arn in edit.AddedResources) writer.WriteStringValue(arn);
                    writer.WriteEndArray();
                    break;
                case "Condition":
                    WriteCondition(writer, property.Value, null, edit.AddedConditions);
                    wroteCondition = true;
                    break;
                default:
                    property.WriteTo(writer);
                    break;
            }
        }
        if (!wroteCondition) WriteCondition(writer, null, null, edit.AddedConditions);
        writer.WriteEndObject();
    }

    private static void WriteNewStatement(Utf8JsonWriter writer, JsonElement original, NewStatement added)
    {
        writer.WriteStartObject();
        var wroteCondition = false;
        var wroteSid = false;
        foreach (var property in original.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Sid":
                    if (added.Sid is not null) writer.WriteString("Sid", added.Sid);
                    wroteSid = true;
                    break;
                case "Action":
                case "NotAction":
                    writer.WritePropertyName("Action");
                    WriteList(writer, added.Actions, property.Value.ValueKind == JsonValueKind.String && added.Actions.Count == 1);
                    break;
                case "Resource":
                case "NotResource":
                    writer.WritePropertyName("Resource");
                    WriteList(writer, added.Resources, property.Value.ValueKind == JsonValueKind.String && added.Resources.Count == 1);
                    break;
                case "Condition":
                    WriteCondition(writer, property.Value, added.DroppedConditions, added.AddedConditions);
                    wroteCondition = true;
                    break;
                default:
                    property.WriteTo(writer);
                    break;
            }
        }
        if (!wroteSid && added.Sid is not null) writer.WriteString("Sid", added.Sid);
        if (!wroteCondition) WriteCondition(writer, null, null, added.AddedConditions);
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, IReadOnlyList<string> items, bool asString)
    {
        if (asString)
        {
            writer.WriteStringValue(items[0]);
            return;
        }
        writer.WriteStartArray();
        foreach (var item in items) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes "Condition" from the original block without the dropped tests and with the added
    /// ones (into the same operator where it exists); writes nothing when no test is left.
    /// </summary>
    private static void WriteCondition(Utf8JsonWriter writer, JsonElement? original, HashSet<string>? dropped, IReadOnlyList<ConditionAddition> added)
    {
        var blocks = new List<(string Operator, List<(string Key, JsonElement? Original, string? Added)> Tests)>();
        if (original is { ValueKind: JsonValueKind.Object } condition)
        {
            foreach (var op in condition.EnumerateObject())
            {
                var tests = new List<(string, JsonElement?, string?)>();
                if (op.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var test in op.Value.EnumerateObject())
                    {
                        if (dropped is not null && dropped.Contains(NewStatement.ConditionId(op.Name, test.Name))) continue;
                        tests.Add((test.Name, test.Value, null));
                    }
                }
                blocks.Add((op.Name, tests));
            }
        }
        foreach (var addition in added)
        {
            var block = blocks.Find(b => string.Equals(b.Operator, addition.Operator, StringComparison.Ordinal));
            if (block.Tests is null)
            {
                block = (addition.Operator, new List<(string, JsonElement?, string?)>());
                blocks.Add(block);
            }
            block.Tests.Add((addition.Key, null, addition.Value));
        }
        blocks.RemoveAll(b => b.Tests.Count == 0);
        if (blocks.Count == 0) return;

        writer.WritePropertyName("Condition");
        writer.WriteStartObject();
        foreach (var (op, tests) in blocks)
        {
            writer.WritePropertyName(op);
            writer.WriteStartObject();
            foreach (var (key, value, addedValue) in tests)
            {
                writer.WritePropertyName(key);
                if (value is { } element) element.WriteTo(writer);
                else writer.WriteStringValue(addedValue);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
