using System.Collections.Generic;
using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Reports;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Converts policy test results to JUnit XML: one test case per policy document.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "Ec2PolicyJUnit", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class ConvertToEc2PolicyJUnitCommand : ReportCommandBase
{
    /// <summary>The name of the test suite and the class name of its test cases.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string SuiteName { get; set; } = "PolicyTools";

    protected override string ReportName => "JUnit report";

    private protected override string Render(IReadOnlyList<PolicyTestResult> documents, ReportOptions options)
    {
        options.SuiteName = SuiteName;
        return JUnitReport.Write(documents, options);
    }
}
