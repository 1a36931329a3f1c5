using System.Collections.Generic;

namespace PolicyTools.Inputs;

/// <summary>
/// One object of an account's authorization details (a page, a ManagedPolicyDetail, a RoleDetail,
/// …) as its reader sees it, so that one walker serves JSON text and PowerShell objects alike.
/// Every member tolerates a missing or null property (AWS.Tools v5 leaves empty lists null).
/// </summary>
internal interface IDetailsNode
{
    /// <summary>True when the object has the property, even with a null value.</summary>
    bool Has(string name);

    /// <summary>The property's text; null when missing, empty or not a string.</summary>
    string? Text(string name);

    /// <summary>True when the property is the boolean true.</summary>
    bool IsTrue(string name);

    /// <summary>The objects of a list property; none when missing or null.</summary>
    IEnumerable<IDetailsNode> Items(string name);

    /// <summary>The strings of a list property (a user's GroupList); none when missing or null.</summary>
    IEnumerable<string> Strings(string name);

    /// <summary>An object-valued property (PermissionsBoundary); null when missing.</summary>
    IDetailsNode? Child(string name);

    /// <summary>What to call the object in a message: its type name, or "JSON object".</summary>
    string TypeName { get; }

    /// <summary>A policy document property: URL-encoded or plain JSON text, or a JSON object (AWS CLI output); null when missing or empty.</summary>
    DetailsDocument? Document(string name);
}

/// <summary>A policy document found in authorization details, with where its value starts in the file.</summary>
internal sealed class DetailsDocument
{
    public DetailsDocument(string text, int line, bool isOneLine)
    {
        Text = text;
        Line = line;
        IsOneLine = isOneLine;
    }

    public string Text { get; }

    /// <summary>1-based line of the value in its file; 0 when not read from a file.</summary>
    public int Line { get; }

    /// <summary>True when the value is one string (URL-encoded), so all of it is on <see cref="Line"/>.</summary>
    public bool IsOneLine { get; }
}
