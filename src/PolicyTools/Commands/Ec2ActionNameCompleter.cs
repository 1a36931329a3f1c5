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
internal sealed class Ec2ActionNameCompleter : ActionNameCompleter
{
    // Only EC2's actions, whatever else the map covers.
    protected override CapabilityMap Scope(CapabilityMap map) => map.Only(CapabilityMaps.DefaultService);

    protected override IEnumerable<ActionCapability> Unprefixed(CapabilityMap map, string word, WildcardPattern pattern)
    {
        var service = map.GetService(CapabilityMaps.DefaultService) ?? map.Services.FirstOrDefault();
        if (service is null) return Array.Empty<ActionCapability>();
        var byName = service.Actions.Where(a => pattern.IsMatch(a.Name)).ToList();
        // 'ec' and 'ec2' name the service rather than an action: offer all of its actions.
        return byName.Count == 0 && (service.Prefix + ":").StartsWith(word, StringComparison.OrdinalIgnoreCase)
            ? service.Actions
            : byName;
    }
}

/// <summary>
/// Completes action names of every service: <c>ssm:Start</c> to <c>ssm:StartSession</c> and the
/// other ssm:Start actions; a word without a colon (<c>ss</c>) to the service prefixes it starts
/// (<c>ssm:</c>, <c>sso:</c>, ...), so that a service is read only once its prefix is typed.
/// </summary>
internal sealed class IamActionNameCompleter : ActionNameCompleter
{
    protected override CapabilityMap Scope(CapabilityMap map) => map;

    protected override IEnumerable<ActionCapability> Unprefixed(CapabilityMap map, string word, WildcardPattern pattern) =>
        Array.Empty<ActionCapability>();

    protected override IEnumerable<CompletionResult> Prefixes(CapabilityMap map, string word, char? quote)
    {
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        return map.ServicePrefixes.Where(p => pattern.IsMatch(p)).Select(p =>
        {
            var text = p + ":";
            return new CompletionResult(quote is char q ? q + text : text, text, CompletionResultType.ParameterValue, $"the actions of {p}");
        });
    }
}

/// <summary>What the action name completers share: they differ in the services they offer.</summary>
internal abstract class ActionNameCompleter : IArgumentCompleter
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
        var map = Scope(CapabilityMaps.ForCompletion(fakeBoundParameters is not null && fakeBoundParameters.Contains(CapabilityMapPathParameter) ? fakeBoundParameters[CapabilityMapPathParameter] : null));

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
        var colon = word.IndexOf(':');
        if (colon >= 0)
        {
            // A literal prefix reads only its own service; a wildcard one reads them all.
            var prefix = word.Substring(0, colon);
            var services = WildcardPattern.ContainsWildcardCharacters(prefix)
                ? map.Services
                : (map.GetService(prefix) is { } one ? new[] { one } : Array.Empty<ServiceCapabilities>());
            matches = services.SelectMany(s => s.Actions).Where(a => pattern.IsMatch(a.FullName));
        }
        else
        {
            var prefixes = Prefixes(map, word, quote).ToList();
            matches = Unprefixed(map, word, pattern);
            if (prefixes.Count > 0) return prefixes.Concat(matches.Select(a => Result(a, quote))).ToList();
        }
        return matches.Select(a => Result(a, quote)).ToList();
    }

    /// <summary>The part of the map whose actions are offered.</summary>
    protected abstract CapabilityMap Scope(CapabilityMap map);

    /// <summary>The actions a word without a colon completes to.</summary>
    protected abstract IEnumerable<ActionCapability> Unprefixed(CapabilityMap map, string word, WildcardPattern pattern);

    /// <summary>Service prefixes a word without a colon completes to (none by default).</summary>
    protected virtual IEnumerable<CompletionResult> Prefixes(CapabilityMap map, string word, char? quote) => Array.Empty<CompletionResult>();

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
