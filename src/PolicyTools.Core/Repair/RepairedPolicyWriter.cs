using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyTools.Repair;

/// <summary>
/// Writes the repaired document with <see cref="Utf8JsonWriter"/> from the original's JSON tree:
/// every element keeps its place and key order, elements the repair does not touch (Version, Id,
/// Principal, unknown keys, condition values of any JSON type) are copied from the tree, and only
/// the edited elements are written anew.
/// </summary>
internal static class RepairedPolicyWriter
{
    private static readonly JsonWriterOptions s_compact = new()
    {
        Indented = false,
        // IAM documents may hold any character from U+0020 to U+00FF; escaping '+' or '&' as
        // \u002B would only make them longer (IAM counts the characters).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions s_indented = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonElement root, IReadOnlyDictionary<int, StatementEdit> edits, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? s_indented : s_compact))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("Statement")) WriteStatements(writer, property.Value, edits);
                else property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStatements(Utf8JsonWriter writer, JsonElement statements, IReadOnlyDictionary<int, StatementEdit> edits)
    {
        writer.WritePropertyName("Statement");
        if (statements.ValueKind == JsonValueKind.Object)
        {
            edits.TryGetValue(0, out var only);
            if (only is null || only.Following.Count == 0)
            {
                WriteStatement(writer, statements, only);
                return;
            }
            // A policy of one statement written as an object becomes a list when a statement is added.
            writer.WriteStartArray();
            WriteStatement(writer, statements, only);
            foreach (var added in only.Following) WriteNewStatement(writer, statements, added);
            writer.WriteEndArray();
            return;
        }

        writer.WriteStartArray();
        var index = 0;
        foreach (var statement in statements.EnumerateArray())
        {
            edits.TryGetValue(index, out var edit);
            WriteStatement(writer, statement, edit);
            if (edit is not null)
            {
                foreach (var added in edit.Following) WriteNewStatement(writer, statement, added);
            }
            index++;
        }
        writer.WriteEndArray();
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
