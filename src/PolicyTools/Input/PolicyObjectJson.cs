using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.IO;
using System.Text;
using System.Text.Json;
using PolicyTools.Policies;

namespace PolicyTools.Commands.Input;

/// <summary>
/// Policies made in PowerShell rather than read as text: a hashtable or [ordered] dictionary
/// written by hand, or ConvertFrom-Json's PSCustomObject. Written back out as JSON with
/// <see cref="Utf8JsonWriter"/> (indented, two spaces a level) for the parser, so they are checked exactly like the same policy as text; lines
/// in findings count in that JSON.
/// </summary>
internal static class PolicyObjectJson
{
    // Deeper than any policy (document, statement, Condition, operator, key, values): a cycle or not a policy.
    private const int MaxDepth = 64;

    // Indented two spaces a level, so that line numbers in findings point into readable JSON.
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JsonStrings.Encoder,
        // The depth check above answers first, with a policy error rather than the writer's exception.
        MaxDepth = MaxDepth + 2,
    };

    /// <summary>A dictionary or PSCustomObject with a Statement member (in any letter case).</summary>
    public static bool IsPolicyObject(object input)
    {
        var value = Unwrap(input, out var custom);
        if (value is IDictionary dictionary)
        {
            foreach (var key in dictionary.Keys)
            {
                if (string.Equals(key?.ToString(), "Statement", StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
        return custom is not null && custom.Properties["Statement"] is not null;
    }

    public static string Write(object input)
    {
        using var buffer = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            WriteValue(writer, input, 0);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteValue(Utf8JsonWriter writer, object? input, int depth)
    {
        if (depth > MaxDepth)
            throw new PolicyParseException(ErrorIds.PolicyNestedTooDeeply, PolicyErrorKind.InvalidData,
                $"The policy object is nested more than {MaxDepth} levels deep (does it contain itself?).");
        var value = Unwrap(input, out var custom);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case char c:
                writer.WriteStringValue(c.ToString());
                return;
            case DateTime time:
                writer.WriteStringValue(time.Kind == DateTimeKind.Utc && time.Ticks % TimeSpan.TicksPerSecond == 0
                    ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                    : time.ToString("o", CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset offset:
                writer.WriteStringValue(offset.ToString("o", CultureInfo.InvariantCulture));
                return;
            case double d when IsFinite(d):
                writer.WriteNumberValue(d);
                return;
            case float f when IsFinite(f):
                writer.WriteNumberValue(f);
                return;
            case double or float:
                // NaN and infinities have no JSON number; as text the parser says where they are.
                writer.WriteStringValue(((IFormattable)value).ToString("R", CultureInfo.InvariantCulture));
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                return;
            case ulong u:
                writer.WriteNumberValue(u);
                return;
            case IConvertible number when IsInteger(number):
                writer.WriteNumberValue(number.ToInt64(CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(entry.Key?.ToString() ?? "");
                    WriteValue(writer, entry.Value, depth + 1);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable list when custom is null:
                writer.WriteStartArray();
                foreach (var item in list) WriteValue(writer, item, depth + 1);
                writer.WriteEndArray();
                return;
        }
        if (custom is not null)
        {
            writer.WriteStartObject();
            foreach (var property in custom.Properties)
            {
                if (property.MemberType != PSMemberTypes.NoteProperty) continue;
                writer.WritePropertyName(property.Name);
                WriteValue(writer, property.Value, depth + 1);
            }
            writer.WriteEndObject();
            return;
        }
        writer.WriteStringValue(value.ToString() ?? "");
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    // The object itself, and its PSObject when it is a PSCustomObject (whose members are its note properties).
    private static object? Unwrap(object? input, out PSObject? custom)
    {
        custom = null;
        if (input is not PSObject ps) return input;
        if (ps.BaseObject is PSCustomObject)
        {
            custom = ps;
            return ps.BaseObject;
        }
        return ps.BaseObject;
    }

    private static bool IsInteger(IConvertible value) => value.GetTypeCode() switch
    {
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
            or TypeCode.Int64 => true,
        _ => false,
    };
}
