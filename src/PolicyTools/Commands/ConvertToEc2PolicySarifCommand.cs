using System.Collections.Generic;
using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Reports;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Converts policy findings to a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "Ec2PolicySarif", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class ConvertToEc2PolicySarifCommand : ReportCommandBase
{
    protected override string ReportName => "SARIF log";

    private protected override string Render(IReadOnlyList<PolicyTestResult> documents, ReportOptions options) => SarifReport.Write(documents, options);
}
