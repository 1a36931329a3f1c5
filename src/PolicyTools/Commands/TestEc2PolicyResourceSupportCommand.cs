using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Finds EC2 statements of IAM policies that cannot work as written.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "Ec2PolicyResourceSupport", DefaultParameterSetName = PathSet)]
[OutputType("PolicyTools.Analysis.PolicyFinding")]
[OutputType(typeof(bool))]
public sealed class TestEc2PolicyResourceSupportCommand : PolicyCommandBase
{
    /// <summary>One boolean per document: true when it has no Error finding.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessInput(PolicyInput input, object target)
    {
        try
        {
            var findings = PolicyCheck.Run(Analyzer, input);
            if (Quiet)
            {
                WriteObject(PolicyCheck.Passes(findings));
                return;
            }
            foreach (var finding in findings) WriteObject(finding);
        }
        catch (PolicyParseException ex)
        {
            WriteParseError(ex, target, input.Source.Name);
            if (Quiet) WriteObject(false);
        }
    }

    protected override void OnUnreadableInput(object target)
    {
        if (Quiet) WriteObject(false);
    }
}
