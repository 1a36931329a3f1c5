using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Repair;

namespace PolicyTools.Commands;

/// <summary>
/// Repair-Ec2PolicyResource and Repair-IamPolicyResource: the same repair, of the findings of the
/// services of <see cref="AnalyzedServices"/>.
/// </summary>
public abstract class ResourceRepairCommand : PolicyCommandBase
{
    private PolicyRepairer _repairer = null!;
    private RepairOptions _options = null!;

    /// <summary>Rewrite each changed policy file (-Path, -LiteralPath, piped files) with its repaired document, keeping its encoding and line endings.</summary>
    [Parameter]
    public SwitchParameter InPlace { get; set; }

    /// <summary>Do not add aws:RequestedRegion and aws:ResourceAccount conditions that keep the scope of the ARNs on "Resource": "*" statements.</summary>
    [Parameter]
    public SwitchParameter NoScopeCondition { get; set; }

    /// <summary>The most characters (not counting white space) a repaired document may have; by default IAM's limit for its kind (managed 6,144; inline role 10,240, group 5,120, user 2,048).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int SizeLimit { get; set; }

    /// <summary>Name the exact actions a "Resource": "*" statement gets with the fewest prefix patterns that match exactly them in the capability map (ec2:DescribeVpc*), so the fix fits IAM's size limits; an action AWS adds later under such a prefix would be allowed (in a Deny: denied) too.</summary>
    [Parameter]
    public SwitchParameter CompactActions { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _repairer = new PolicyRepairer(Analyzer);
        _options = new RepairOptions
        {
            ScopeConditions = !NoScopeCondition,
            CompactActions = CompactActions,
            SizeLimit = MyInvocation.BoundParameters.ContainsKey(nameof(SizeLimit)) ? SizeLimit : null,
        };
    }


    private protected override void ProcessInput(PolicyInput input, object target)
    {
        PolicyRepairResult result;
        _options.Services = AnalyzedServices;
        try
        {
            result = _repairer.Repair(input, _options, CurrentAccount);
        }
        catch (PolicyParseException ex)
        {
            WriteParseError(ex, target, input.Source.Name);
            return;
        }
        if (InPlace && result.Changed) RewriteFile(input, result, target);
        WriteObject(result);
    }

    private void RewriteFile(PolicyInput input, PolicyRepairResult result, object target)
    {
        var file = CurrentFile;
        if (file is null)
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException($"-InPlace rewrites policy files given with -Path, -LiteralPath or Get-ChildItem, and {input.Source.Name} came as text (lines from Get-Content are text too); the repaired document is only in the result."),
                ErrorIds.RepairInPlaceNotAFile, ErrorCategory.InvalidOperation, target));
            return;
        }
        if (!string.Equals(input.Source.Name, file.Path, StringComparison.Ordinal))
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException($"-InPlace rewrites policy files, and '{file.Path}' holds authorization details, not one policy; {input.Source.Name} is repaired in the result only."),
                ErrorIds.RepairInPlaceNotAPolicyFile, ErrorCategory.InvalidOperation, file.Path));
            return;
        }

        var action = $"Rewrite with the repaired policy ({result.Changes.Count} {(result.Changes.Count == 1 ? "change" : "changes")})";
        if (!ShouldProcess(file.Path, action)) return;
        try
        {
            if (!File.ReadAllBytes(file.Path).SequenceEqual(file.Bytes))
            {
                WriteError(new ErrorRecord(
                    new IOException($"'{file.Path}' changed after it was read, so it was not rewritten; run the repair again."),
                    ErrorIds.RepairFileChanged, ErrorCategory.ResourceUnavailable, file.Path));
                return;
            }
            var format = TextFileFormat.Detect(file.Bytes);
            AtomicFile.Replace(file.Path, format.Encode(result.PolicyDocument));
            WriteVerbose($"Rewrote '{file.Path}' ({format.Name}).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            WriteError(new ErrorRecord(ex, ErrorIds.RepairFileWriteFailed, ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, file.Path));
        }
    }
}
