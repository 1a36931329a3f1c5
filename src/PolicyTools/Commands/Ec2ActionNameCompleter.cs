using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PolicyTools.Capabilities;

namespace PolicyTools.Commands;

/// <summary>
/// Completes IAM action names (<c>DescribeVol</c>, <c>ec2:describevol</c>, <c>'ec2:Describe</c>) to
/// their canonical form (<c>ec2:DescribeVolumes</c>) from the cached capability map: the map of a
/// <c>-CapabilityMapPath</c> already on the command line, or the embedded one.
/// </summary>
internal sealed class Ec2ActionNameCompleter : IArgumentCompleter
{
    private const string CapabilityMapPathParameter = "CapabilityMapPath";

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        var quote = QuoteOf(wordToComplete);
        var word = TrimQuotes(wordToComplete);
        var map = CapabilityMaps.ForCompletion(fakeBoundParameters is not null && fakeBoundParameters.Contains(CapabilityMapPathParameter) ? fakeBoundParameters[CapabilityMapPathParameter] : null);

        WildcardPattern pattern;
        try
        {
            pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
            pattern.IsMatch(""); // an invalid pattern ('[') throws here, not halfway through the list
        }
        catch (WildcardPatternException)
        {
            return Array.Empty<CompletionResult>();
        }

        IEnumerable<ActionCapability> matches;
        if (word.IndexOf(':') >= 0)
        {
            matches = map.Services.SelectMany(s => s.Actions).Where(a => pattern.IsMatch(a.FullName));
        }
        else
        {
            var service = map.GetService(CapabilityMaps.DefaultService) ?? map.Services.FirstOrDefault();
            if (service is null) return Array.Empty<CompletionResult>();
            var byName = service.Actions.Where(a => pattern.IsMatch(a.Name)).ToList();
            // 'ec' and 'ec2' name the service rather than an action: offer all of its actions.
            matches = byName.Count == 0 && (service.Prefix + ":").StartsWith(word, StringComparison.OrdinalIgnoreCase)
                ? service.Actions
                : byName;
        }
        return matches.Select(a => Result(a, quote)).ToList();
    }

    private static CompletionResult Result(ActionCapability action, char? quote)
    {
        var text = quote is char q ? q + action.FullName + q : Quote(action.FullName);
        return new CompletionResult(text, action.FullName, CompletionResultType.ParameterValue, ToolTip(action));
    }

    private static string ToolTip(ActionCapability action)
    {
        var scope = action.SupportsResourceLevelPermissions
            ? "resource types: " + string.Join(", ", action.ResourceTypes)
            : "only \"Resource\": \"*\" (no resource-level permissions)";
        return $"{action.FullName} ({action.AccessLevel}): {scope}";
    }

    private static char? QuoteOf(string? word) =>
        !string.IsNullOrEmpty(word) && (word![0] == '\'' || word[0] == '"') ? word[0] : null;

    private static string TrimQuotes(string? word)
    {
        if (string.IsNullOrEmpty(word)) return "";
        var text = word!;
        if (text.Length > 0 && (text[0] == '\'' || text[0] == '"')) text = text.Substring(1);
        if (text.Length > 0 && (text[text.Length - 1] == '\'' || text[text.Length - 1] == '"')) text = text.Substring(0, text.Length - 1);
        return text;
    }

    // Canonical action names are 'service:Name' (letters, digits, '-'): quoted only if a map brings something else.
    private static string Quote(string text) =>
        text.All(c => char.IsLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.')
            ? text
            : "'" + CodeGeneration.EscapeSingleQuotedStringContent(text) + "'";
}
