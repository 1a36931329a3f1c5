using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PolicyTools.Commands;

/// <summary>Completes service prefixes (<c>ss</c> to <c>ssm</c>, <c>sso</c>, ...) from the map, without reading any service.</summary>
internal sealed class ServicePrefixCompleter : IArgumentCompleter
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
            return new CompletionResult[0];
        }
        return map.ServicePrefixes.Where(p => pattern.IsMatch(p))
            .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, p)).ToList();
    }
}
