using System;
using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Commands;

/// <summary>
/// Test-Ec2PolicyResourceSupport and Test-IamPolicyResourceSupport: the same check, over the
/// services of <see cref="AnalyzedServices"/>.
/// </summary>
public abstract class ResourceSupportTestCommand : PolicyCommandBase
{
    /// <summary>One boolean per document: true when it has no Error finding.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>One result per document (PolicyTestResult), with its findings, also for documents without any.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The error id of -Quiet given with -PassThru, which names the command.</summary>
    protected abstract string QuietWithPassThruErrorId { get; }

    protected override void BeginProcessing()
    {
        if (Quiet && PassThru)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("-Quiet returns one boolean per document and -PassThru one result object per document; use one of them."),
                QuietWithPassThruErrorId,
                ErrorCategory.InvalidArgument,
                null));
        }
        base.BeginProcessing();
    }

    private protected override void ProcessInput(PolicyInput input, object target)
    {
        try
        {
            var findings = CurrentAccount?.FindingsFor(input) is { } combined ? AnalyzedServices.Filter(combined) : PolicyCheck.Run(Analyzer, input, AnalyzedServices);
            _summary.Count(findings);
            if (Quiet)
            {
                var passes = PolicyCheck.Passes(findings);
                WriteVerbose($"{input.Source.Name}{(input.Source.VersionId is null ? "" : " (" + input.Source.VersionId + ")")}: {passes}");
                WriteObject(passes);
                return;
            }
            if (PassThru)
            {
                WriteObject(new PolicyTestResult(input.Source, findings));
                return;
            }
            foreach (var finding in findings) WriteObject(finding);
        }
        catch (PolicyParseException ex)
        {
            _summary.CountUnreadable();
            WriteParseError(ex, target, input.Source.Name);
            if (Quiet) WriteObject(false);
            if (PassThru) WriteObject(new PolicyTestResult(input.Source, ex.ErrorId, ex.Message, ex.Line));
        }
    }

    private readonly CheckSummary _summary = new();

    protected override void EndProcessing()
    {
        base.EndProcessing();
        WriteVerbose(_summary.Describe(Map));
    }

    protected override void OnUnreadableInput(object target, string sourceName, string errorId, Exception exception)
    {
        _summary.CountUnreadable();
        if (Quiet) WriteObject(false);
        if (PassThru)
        {
            var source = new PolicySource(sourceName, PolicyArn, VersionId);
            WriteObject(new PolicyTestResult(source, errorId, exception.Message, (exception as PolicyParseException)?.Line ?? 0));
        }
    }
}
