using System.Collections.Generic;
using PolicyTools.Analysis;
using PolicyTools.Policies;

namespace PolicyTools.Inputs;

/// <summary>Turns a file's bytes into the documents it holds: one policy, or a whole account's authorization details.</summary>
public static class PolicyFiles
{
    public static IReadOnlyList<PolicyInput> Read(string path, byte[] bytes, AuthorizationDetailsOptions options)
    {
        var text = PolicyText.FromBytes(bytes);
        if (AuthorizationDetails.LooksLike(text) && AuthorizationDetails.TryFromJson(text, path, options) is { } inputs)
            return inputs;
        return new[] { new PolicyInput(new PolicySource(path), text) };
    }
}
