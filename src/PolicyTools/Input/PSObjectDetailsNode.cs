using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using PolicyTools.Inputs;

namespace PolicyTools.Commands.Input;

/// <summary>
/// A piped object for <see cref="DetailsWalker"/>: an AWS.Tools object, ConvertFrom-Json output of
/// the AWS CLI (documents as objects) or anything of the same shape, duck-typed on property names.
/// </summary>
internal sealed class PSObjectDetailsNode : IDetailsNode
{
    private readonly PSObject _item;

    public PSObjectDetailsNode(PSObject item)
    {
        _item = item;
    }

    public string TypeName
    {
        get
        {
            var names = _item.TypeNames;
            var name = names.Count > 0 ? names[0] : _item.BaseObject?.GetType().FullName ?? "object";
            var dot = name.LastIndexOf('.');
            return dot >= 0 ? name.Substring(dot + 1) : name;
        }
    }

    public bool Has(string name) => _item.Properties[name] is not null;

    // An empty string is no value: repair results carry "" for the identity names that do not apply.
    public string? Text(string name) => Value(name) is string text && text.Length > 0 ? text : null;

    public bool IsTrue(string name) => Value(name) is bool b && b;

    // AWS.Tools v5 leaves lists null when the service returned nothing.
    public IEnumerable<IDetailsNode> Items(string name)
    {
        foreach (var element in List(name))
        {
            if (element is not null && Unwrap(element) is not string) yield return new PSObjectDetailsNode(PSObject.AsPSObject(element));
        }
    }

    public IEnumerable<string> Strings(string name)
    {
        foreach (var element in List(name))
        {
            if (element is not null && Unwrap(element) is string { Length: > 0 } text) yield return text;
        }
    }

    public IDetailsNode? Child(string name)
    {
        var raw = _item.Properties[name]?.Value;
        var value = Unwrap(raw);
        return value is null || value is string || value is IEnumerable ? null : new PSObjectDetailsNode(PSObject.AsPSObject(raw!));
    }

    // ConvertFrom-Json of AWS CLI output holds documents as objects; AWS.Tools as URL-encoded text.
    public DetailsDocument? Document(string name)
    {
        var raw = _item.Properties[name]?.Value;
        if (Unwrap(raw) is string text) return text.Length > 0 ? new DetailsDocument(text, 0, isOneLine: false) : null;
        if (raw is null || !PolicyObjectJson.IsPolicyObject(raw)) return null;
        return new DetailsDocument(PolicyObjectJson.Write(raw), 0, isOneLine: false);
    }

    private object? Value(string name) => Unwrap(_item.Properties[name]?.Value);

    private IEnumerable List(string name) => Value(name) is IEnumerable list and not string ? list : System.Array.Empty<object>();

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
