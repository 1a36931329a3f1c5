using PolicyTools.Policies;

namespace PolicyTools.Inputs;

/// <summary>Turns a file's bytes into the documents it holds: one policy, what an AWS command wrote (a policy version, an inline policy), or a whole account's authorization details.</summary>
internal static class PolicyFiles
{
    public static DetailsContent Read(string path, byte[] bytes, AuthorizationDetailsOptions options)
    {
        var text = PolicyText.FromBytes(bytes);
        return FromText(path, text, options);
    }

    /// <summary>The documents of a file's text (also Get-Content's lines of it).</summary>
    public static DetailsContent FromText(string path, string text, AuthorizationDetailsOptions options)
    {
        if (AuthorizationDetails.LooksLike(text) && AuthorizationDetails.TryFromJson(text, path, options) is { } content)
            return content;
        return new DetailsContent(new[] { new PolicyInput(new PolicySource(path, file: path), text) }, null);
    }
}
