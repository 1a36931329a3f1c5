using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PolicyTools.Commands;

/// <summary>
/// Completes service prefixes (<c>s</c> to <c>s3</c>, <c>sagemaker</c>, …) from the capability map of a
/// <c>-CapabilityMapPath</c> already on the command line, or the embedded one.
/// </summary>
internal sealed class ServiceNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var map = CapabilityMaps.ForCompletion(fakeBoundParameters is not null && fakeBoundParameters.Contains("CapabilityMapPath") ? fakeBoundParameters["CapabilityMapPath"] : null);
        WildcardPattern pattern;
        try
        {
            pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
            pattern.IsMatch("");
        }
        catch (WildcardPatternException)
        {
            return Array.Empty<CompletionResult>();
        }
        var results = new List<CompletionResult>();
        foreach (var service in map.Services)
        {
            if (!pattern.IsMatch(service.Prefix)) continue;
            results.Add(new CompletionResult(service.Prefix, service.Prefix, CompletionResultType.ParameterValue,
                $"{service.Prefix}: {service.ServiceName} ({service.Actions.Count} actions)"));
        }
        results.Sort((a, b) => string.CompareOrdinal(a.CompletionText, b.CompletionText));
        return results;
    }
}
