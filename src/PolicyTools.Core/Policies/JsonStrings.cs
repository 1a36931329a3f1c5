using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyTools.Policies;

/// <summary>
/// The one escaping of every string we write as JSON (repaired policies, policy objects, SARIF) and
/// of the capability map's double-quoted YAML scalars, whose escapes are JSON's.
/// </summary>
internal static class JsonStrings
{
    /// <summary>
    /// Escapes only what JSON requires: IAM documents may hold any character from U+0020 to U+00FF,
    /// and writing '+' or '&amp;' as \u002B would only make them longer (IAM counts the characters).
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The value as a JSON string literal, quotes included.</summary>
    public static string Quote(string value) => "\"" + JsonEncodedText.Encode(value, Encoder).ToString() + "\"";
}
