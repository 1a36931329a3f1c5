using System.Collections.Generic;
using System.Text.Json;

namespace PolicyTools.Inputs;

/// <summary>An object of AWS CLI JSON output, for <see cref="DetailsWalker"/>; knows the line of each policy document in the file.</summary>
internal sealed class JsonDetailsNode : IDetailsNode
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly JsonLines _lines;

    public JsonDetailsNode(JsonElement element, string path, JsonLines lines)
    {
        _element = element;
        _path = path;
        _lines = lines;
    }

    public string TypeName => "JSON object";

    public bool Has(string name) => _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out _);

    public string? Text(string name) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    public bool IsTrue(string name) => TryGet(name, out var value) && value.ValueKind == JsonValueKind.True;

    public IEnumerable<IDetailsNode> Items(string name)
    {
        if (!TryGet(name, out var list) || list.ValueKind != JsonValueKind.Array) yield break;
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object) yield return new JsonDetailsNode(item, JsonLines.Path(JsonLines.Path(_path, name), index), _lines);
            index++;
        }
    }

    public IEnumerable<string> Strings(string name)
    {
        if (!TryGet(name, out var list) || list.ValueKind != JsonValueKind.Array) yield break;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text) yield return text;
        }
    }

    public IDetailsNode? Child(string name) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.Object ? new JsonDetailsNode(value, JsonLines.Path(_path, name), _lines) : null;

    public DetailsDocument? Document(string name)
    {
        if (!TryGet(name, out var value)) return null;
        var line = _lines.LineOf(JsonLines.Path(_path, name));
        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => new DetailsDocument(text, line, isOneLine: true),
            JsonValueKind.Object => new DetailsDocument(value.GetRawText(), line, isOneLine: false),
            _ => null,
        };
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out value);
    }
}
