using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using PolicyTools.Policies;

namespace PolicyTools.Commands.Input;

/// <summary>
/// Policies made in PowerShell rather than read as text: a hashtable or [ordered] dictionary
/// written by hand, or ConvertFrom-Json's PSCustomObject. Written back out as JSON (indented, two
/// spaces a level) for the parser, so they are checked exactly like the same policy as text; lines
/// in findings count in that JSON.
/// </summary>
internal static class PolicyObjectJson
{
    // Deeper than any policy (document, statement, Condition, operator, key, values): a cycle or not a policy.
    private const int MaxDepth = 64;

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
        var json = new StringBuilder(512);
        WriteValue(json, input, 0);
        return json.Append('\n').ToString();
    }

    private static void WriteValue(StringBuilder json, object? input, int depth)
    {
        if (depth > MaxDepth)
            throw new PolicyParseException(PolicyErrorIds.TooDeep, PolicyErrorKind.InvalidData,
                $"The policy object is nested more than {MaxDepth} levels deep (does it contain itself?).");
        var value = Unwrap(input, out var custom);
        switch (value)
        {
            case null:
                json.Append("null");
                return;
            case string text:
                WriteString(json, text);
                return;
            case bool flag:
                json.Append(flag ? "true" : "false");
                return;
            case char c:
                WriteString(json, c.ToString());
                return;
            case DateTime time:
                WriteString(json, time.Kind == DateTimeKind.Utc && time.Millisecond == 0 && time.Ticks % TimeSpan.TicksPerSecond == 0
                    ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                    : time.ToString("o", CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset offset:
                WriteString(json, offset.ToString("o", CultureInfo.InvariantCulture));
                return;
            case double d:
                json.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case float f:
                json.Append(f.ToString("R", CultureInfo.InvariantCulture));
                return;
            case Enum e:
                WriteString(json, e.ToString());
                return;
            case IConvertible number when IsNumber(number):
                json.Append(number.ToString(CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary:
                WriteObject(json, dictionary, depth);
                return;
            case IEnumerable list when custom is null:
                WriteArray(json, list, depth);
                return;
        }
        if (custom is not null)
        {
            WriteCustomObject(json, custom, depth);
            return;
        }
        WriteString(json, value.ToString() ?? "");
    }

    private static void WriteObject(StringBuilder json, IDictionary dictionary, int depth)
    {
        json.Append('{');
        var first = true;
        foreach (DictionaryEntry entry in dictionary)
        {
            Member(json, ref first, depth, entry.Key?.ToString() ?? "");
            WriteValue(json, entry.Value, depth + 1);
        }
        Close(json, first, depth, '}');
    }

    private static void WriteCustomObject(StringBuilder json, PSObject custom, int depth)
    {
        json.Append('{');
        var first = true;
        foreach (var property in custom.Properties)
        {
            if (property.MemberType != PSMemberTypes.NoteProperty) continue;
            Member(json, ref first, depth, property.Name);
            WriteValue(json, property.Value, depth + 1);
        }
        Close(json, first, depth, '}');
    }

    private static void WriteArray(StringBuilder json, IEnumerable list, int depth)
    {
        json.Append('[');
        var first = true;
        foreach (var item in list)
        {
            json.Append(first ? "\n" : ",\n");
            first = false;
            Indent(json, depth + 1);
            WriteValue(json, item, depth + 1);
        }
        Close(json, first, depth, ']');
    }

    private static void Member(StringBuilder json, ref bool first, int depth, string name)
    {
        json.Append(first ? "\n" : ",\n");
        first = false;
        Indent(json, depth + 1);
        WriteString(json, name);
        json.Append(": ");
    }

    private static void Close(StringBuilder json, bool empty, int depth, char bracket)
    {
        if (!empty)
        {
            json.Append('\n');
            Indent(json, depth);
        }
        json.Append(bracket);
    }

    private static void Indent(StringBuilder json, int depth) => json.Append(' ', 2 * depth);

    private static void WriteString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < ' ') json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }
        json.Append('"');
    }

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

    private static bool IsNumber(IConvertible value) => value.GetTypeCode() switch
    {
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
            or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Decimal => true,
        _ => false,
    };
}
