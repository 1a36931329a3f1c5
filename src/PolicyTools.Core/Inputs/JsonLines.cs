using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PolicyTools.Inputs;

/// <summary>
/// The line of every policy document value (<c>Document</c>, <c>PolicyDocument</c>) in a JSON
/// file, by its path (<c>/Policies/3/PolicyVersionList/0/Document</c>): JsonDocument keeps no
/// positions, so one reader pass records them.
/// </summary>
internal sealed class JsonLines
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public static string Path(string parent, string property) => parent + "/" + property;

    public static string Path(string parent, int index) => parent + "/" + index.ToString(CultureInfo.InvariantCulture);

    public int LineOf(string path) => _lines.TryGetValue(path, out var line) ? line : 0;

    public static JsonLines Index(byte[] utf8)
    {
        var index = new JsonLines();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        var containers = new Stack<(string Path, bool IsArray, int Next)>();
        string? property = null;
        var line = 1;
        long counted = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }
            string path;
            if (containers.Count == 0)
            {
                path = "";
            }
            else if (containers.Peek().IsArray)
            {
                var top = containers.Pop();
                path = Path(top.Path, top.Next);
                containers.Push((top.Path, true, top.Next + 1));
            }
            else
            {
                path = Path(containers.Peek().Path, property ?? "");
                if (property is "Document" or "PolicyDocument")
                {
                    for (var i = counted; i < reader.TokenStartIndex; i++) if (utf8[i] == (byte)'\n') line++;
                    counted = reader.TokenStartIndex;
                    index._lines[path] = line;
                }
            }
            property = null;
            if (reader.TokenType is JsonTokenType.StartObject) containers.Push((path, false, 0));
            else if (reader.TokenType is JsonTokenType.StartArray) containers.Push((path, true, 0));
        }
        return index;
    }
}
