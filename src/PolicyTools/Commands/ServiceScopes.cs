using System.Linq;
using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;

namespace PolicyTools.Commands;

/// <summary>The service scopes of the cmdlets: EC2 for the Ec2 cmdlets, <c>-Service</c> for the Iam ones.</summary>
internal static class ServiceScopes
{
    public static readonly ServiceScope Ec2 = ServiceScope.Only(CapabilityMaps.DefaultService);

    /// <summary>
    /// The scope of a <c>-Service</c> value (null: every service). A name or pattern that matches no
    /// service of the map is one terminating error: a typo must not pass as "no findings".
    /// </summary>
    public static ServiceScope FromParameter(PSCmdlet cmdlet, string[]? service, CapabilityMap map)
    {
        if (service is null) return ServiceScope.All;
        var scope = ServiceScope.Matching(service);
        var unmatched = scope.Unmatched(map.ServicePrefixes);
        if (unmatched.Count > 0)
        {
            var prefixes = map.ServicePrefixes;
            var known = string.Join(", ", prefixes.Take(12)) + (prefixes.Count > 12 ? $" and {prefixes.Count - 12} more" : "");
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"-Service '{string.Join("', '", unmatched)}' matches no service in {CapabilityMaps.Describe(map)}, which has {known}."),
                ErrorIds.ServiceNotInCapabilityMap,
                ErrorCategory.ObjectNotFound,
                string.Join(",", unmatched)));
        }
        return scope;
    }
}
