using System.Collections.Generic;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// <c>UnknownAction</c>: an action or pattern of the service (<c>ec2:DescribeVolume</c>,
/// <c>ec2:Descibe*</c>) that matches no action in the map: a typo, or newer than the map.
/// </summary>
internal sealed class UnknownActionRule : IPolicyRule
{
    public const string Code = "UnknownAction";

    public FindingRule Finding { get; } = new(
        Code,
        title: "An ec2: action or pattern that matches no action in the capability map.",
        description: "The action name, or the wildcard pattern, matches no EC2 action in the capability map: a typo (ec2:DescribeVolume), "
            + "or an action newer than the map; the message gives the map's date. The statement grants or denies nothing by it.",
        help: "Check the spelling (Get-Ec2ActionCapability ec2:Describe* lists the real names). If the action is newer than the map, "
            + "build a current map with ConvertTo-Ec2CapabilityMap from the AWS service reference JSON and pass it with -CapabilityMapPath.",
        defaultSeverity: FindingSeverity.Warning,
        notRepaired: "check the spelling, or use a capability map that knows the action (-CapabilityMapPath)");

    public void Check(AnalysisContext context)
    {
        var service = context.Service;
        foreach (var view in context.Views)
        {
            List<string>? unknown = null;
            HashSet<string>? seen = null;   // statements may list thousands of actions: no List.Contains
            var patterns = view.Statement.ActionsAbout(service.Prefix);
            for (var i = 0; i < patterns.Count; i++)
            {
                var pattern = patterns[i];
                if (!service.NamesServiceExplicitly(pattern) || service.MatchList(pattern).Count != 0) continue;
                unknown ??= new List<string>();
                seen ??= new HashSet<string>(System.StringComparer.Ordinal);
                if (seen.Add(pattern)) unknown.Add(pattern);
            }
            if (unknown is null) continue;

            var element = view.Statement.IsNotAction ? "NotAction" : "Action";
            var consequence = view.Statement.IsNotAction ? "so this NotAction excludes nothing by " + FindingText.ItThey(unknown.Count) : "so the statement grants nothing by " + FindingText.ItThey(unknown.Count);
            if (view.Statement.IsNotAction == false && view.Statement.Effect == Policies.PolicyEffect.Deny) consequence = "so the statement denies nothing by " + FindingText.ItThey(unknown.Count);
            context.Add(view, Analysis.FindingCodes.UnknownAction, FindingSeverity.Warning, unknown, new List<string>(),
                $"{element} {FindingText.Quoted(unknown)} {(unknown.Count == 1 ? "matches" : "match")} no {service.Prefix.ToUpperInvariant()} action in the capability map dated {context.Map.Date}, {consequence}: check the spelling, or update the map ({MapCommand(service.Prefix)}) if the action is newer.");
        }
    }

    // The EC2 cmdlets' users know the EC2 converter; it is the all-services one with the service fixed.
    private static string MapCommand(string prefix) =>
        prefix == "ec2" ? "ConvertTo-Ec2CapabilityMap" : "ConvertTo-IamCapabilityMap -Service " + prefix;
}
