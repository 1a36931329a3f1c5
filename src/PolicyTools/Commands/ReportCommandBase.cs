using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using PolicyTools.Analysis;
using PolicyTools.Commands.Input;
using PolicyTools.Reports;

namespace PolicyTools.Commands;

/// <summary>
/// What the CI report cmdlets share: findings or per-document results in from the pipeline, one
/// report out at the end, as a string or, under ShouldProcess, a UTF-8 file.
/// </summary>
public abstract class ReportCommandBase : PSCmdlet
{
    private readonly PolicyReportBuilder _builder = new();

    /// <summary>Findings, or PolicyTestResult objects from Test-Ec2PolicyResourceSupport -PassThru.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public PSObject?[] InputObject { get; set; } = Array.Empty<PSObject>();

    /// <summary>Write the report to this file (UTF-8, no BOM) instead of returning it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Policy file paths in the report are relative to this folder; default: the current location.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BasePath { get; set; }

    /// <summary>The report's name in messages, e.g. "SARIF log".</summary>
    protected abstract string ReportName { get; }

    private protected abstract string Render(IReadOnlyList<PolicyTestResult> documents, ReportOptions options);

    protected override void ProcessRecord()
    {
        if (InputObject is null) return;
        foreach (var item in InputObject)
        {
            if (item is null) continue;
            if (!ReportInputReader.TryAdd(_builder, item))
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException($"{ReportName}: a {item.BaseObject.GetType().Name} is neither a finding nor a test result; pipe the output of Test-Ec2PolicyResourceSupport (findings, or -PassThru results)."),
                    ErrorIds.ReportInputNotSupported,
                    ErrorCategory.InvalidType,
                    item));
            }
        }
    }

    protected override void EndProcessing()
    {
        var documents = _builder.Build();
        var options = new ReportOptions
        {
            BasePath = ResolveBasePath(),
            ToolVersion = ModuleVersion(),
            InformationUri = MyInvocation.MyCommand.Module?.ProjectUri?.AbsoluteUri,
        };

        if (OutFile is null)
        {
            WriteObject(Render(documents, options));
            return;
        }

        var path = ResolveOutFile(OutFile);
        if (!ShouldProcess(path, $"Write a {ReportName} of {documents.Count} documents and {_builder.FindingCount} findings")) return;
        var text = Render(documents, options);
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ReportOutFileWriteFailed,
                ex is IOException ? ErrorCategory.WriteError : ErrorCategory.PermissionDenied, OutFile));
        }
    }

    private string ResolveBasePath() =>
        BasePath is null
            ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(BasePath);

    private string ResolveOutFile(string outFile)
    {
        string path;
        try
        {
            path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(outFile, out var provider, out _);
            if (provider.Name != "FileSystem")
                throw new PSArgumentException($"'{outFile}' is not a file system path.");
        }
        catch (Exception ex) when (ex is PSArgumentException or ArgumentException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ReportOutFileInvalid, ErrorCategory.InvalidArgument, outFile));
            throw; // not reached
        }

        if (Directory.Exists(path))
        {
            ThrowTerminatingError(new ErrorRecord(new IOException($"'{path}' is a directory; give a file name such as {System.IO.Path.Combine(path, "results.sarif")}."),
                ErrorIds.ReportOutFileIsDirectory, ErrorCategory.InvalidArgument, outFile));
        }
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"Cannot write '{path}': the folder '{directory}' does not exist."),
                ErrorIds.ReportOutFileDirectoryNotFound, ErrorCategory.ObjectNotFound, outFile));
        }
        return path;
    }

    private string? ModuleVersion()
    {
        var version = MyInvocation.MyCommand.Module?.Version;
        if (version is null) return null;
        return version.Build >= 0 ? version.ToString(3) : version.ToString(2) + ".0";
    }
}
