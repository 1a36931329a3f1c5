using PolicyTools.Policies;

namespace PolicyTools.Inputs;

/// <summary>Turns a file's bytes into the documents it holds: one policy, what an AWS command wrote (a policy version, an inline policy), or a whole account's authorization details.</summary>
internal static class PolicyFiles
{
    public static DetailsContent Read(string path, byte[] bytes, AuthorizationDetailsOptions options)
    {
        var text = PolicyText.FromBytes(bytes);
        var content = FromText(path, text, options);
        // The common file, one document in UTF-8 without a BOM: the parser can read the file's own
        // bytes rather than encode the text back into a copy of them.
        if (content.Account is null && content.Inputs.Count == 1 && ReferenceEquals(content.Inputs[0].Text, text)
            && PolicyText.DetectEncoding(bytes, out var bomLength, out _) is System.Text.UTF8Encoding && bomLength == 0)
            return new DetailsContent(new[] { new PolicyInput(content.Inputs[0].Source, text, bytes) }, null);
        return content;
    }

    /// <summary>The documents of a file's text (also Get-Content's lines of it).</summary>
    public static DetailsContent FromText(string path, string text, AuthorizationDetailsOptions options)
    {
        if (AuthorizationDetails.LooksLike(text) && AuthorizationDetails.TryFromJson(text, path, options) is { } content)
            return content;
        return new DetailsContent(new[] { new PolicyInput(new PolicySource(path, file: path), text) }, null);
    }
}
