using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Commands.Input;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Commands;

/// <summary>
/// What Test- and Repair- share: the input parameters (files, JSON text, AWS.Tools objects), the
/// capability map, and turning bad input into non-terminating errors so the pipeline goes on.
/// </summary>
public abstract class PolicyCommandBase : PSCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";
    protected const string InputObjectSet = "InputObject";

    private const long MaxFileBytes = 256L * 1024 * 1024;
    private const int ProgressThreshold = 20;

    /// <summary>Policy files; wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Policy files, taken literally; binds <c>Get-ChildItem</c> output by PSPath.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>JSON text (plain or URL-encoded) or an AWS.Tools object that carries a policy document.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyString]
    public object? InputObject { get; set; }

    /// <summary>The ARN of the policy the piped document belongs to (PolicyVersion objects do not carry it).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Arn")]
    public string? PolicyArn { get; set; }

    /// <summary>The version id of the piped document, e.g. v3.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? VersionId { get; set; }

    /// <summary>Every stored version of customer managed policies in authorization details, not only the default.</summary>
    [Parameter]
    public SwitchParameter AllVersions { get; set; }

    /// <summary>AWS managed policies in authorization details too.</summary>
    [Parameter]
    public SwitchParameter IncludeAwsManaged { get; set; }

    /// <summary>A capability map file (ConvertTo-Ec2CapabilityMap output) to use instead of the embedded one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CapabilityMapPath { get; set; }

    protected PolicyAnalyzer Analyzer { get; private set; } = null!;

    /// <summary>The file whose documents are being handed to <see cref="ProcessInput"/> (path and the bytes read); null for other input.</summary>
    protected SourceFile? CurrentFile { get; private set; }

    protected CapabilityMap Map => Analyzer.Map;

    protected override void BeginProcessing()
    {
        Analyzer = PolicyAnalyzer.For(LoadMap(this, CapabilityMapPath));
    }

    protected override void ProcessRecord()
    {
        var options = new AuthorizationDetailsOptions { AllVersions = AllVersions, IncludeAwsManaged = IncludeAwsManaged };
        switch (ParameterSetName)
        {
            case PathSet:
                foreach (var path in Path) foreach (var file in ResolvePath(path, literal: false)) ProcessFile(file, options);
                break;
            case LiteralPathSet:
                foreach (var path in LiteralPath) foreach (var file in ResolvePath(path, literal: true)) ProcessFile(file, options);
                break;
            default:
                ProcessObject(InputObject, options);
                break;
        }
    }

    /// <summary>Handles one document; bad input inside it is reported by the caller through <see cref="WriteInputError"/>.</summary>
    protected abstract void ProcessInput(PolicyInput input, object target);

    /// <summary>Called for an input that could not even be read as a document (e.g. a missing file).</summary>
    protected virtual void OnUnreadableInput(object target)
    {
    }

    protected void WriteInputError(Exception exception, string errorId, ErrorCategory category, object? target, string source)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        record.ErrorDetails = new ErrorDetails(source.Length == 0 ? exception.Message : $"{source}: {exception.Message}");
        WriteError(record);
    }

    protected void WriteParseError(PolicyParseException exception, object? target, string source) =>
        WriteInputError(exception, exception.ErrorId, Category(exception.Kind), target, source);

    /// <summary>The embedded map, or the file given; a map that cannot be used is one terminating error naming file and line.</summary>
    internal static CapabilityMap LoadMap(PSCmdlet cmdlet, string? path) => CapabilityMaps.Load(cmdlet, path);

    private void ProcessObject(object? input, AuthorizationDetailsOptions options)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        if (value is null)
        {
            WriteInputError(new ArgumentNullException(nameof(InputObject), "The input is null."), PolicyErrorIds.EmptyInput, ErrorCategory.InvalidArgument, input, "");
            OnUnreadableInput(input!);
            return;
        }
        if (value is FileSystemInfo fileInfo)
        {
            ProcessFile(fileInfo.FullName, options);
            return;
        }

        IReadOnlyList<PolicyInput> inputs;
        try
        {
            inputs = PipelineObjectReader.Read(input!, NullIfEmpty(PolicyArn), NullIfEmpty(VersionId), options);
        }
        catch (PolicyParseException ex)
        {
            WriteParseError(ex, input, PolicyArn ?? "");
            OnUnreadableInput(input!);
            return;
        }
        ProcessAll(inputs, input!);
    }

    private void ProcessFile(string path, AuthorizationDetailsOptions options)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                WriteInputError(new IOException($"'{path}' is a directory; give the policy files inside it (e.g. {System.IO.Path.Combine(path, "*.json")})."), "PolicyPathIsDirectory", ErrorCategory.InvalidArgument, path, "");
                OnUnreadableInput(path);
                return;
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                WriteInputError(new ItemNotFoundException($"Cannot find the policy file '{path}'."), "PolicyFileNotFound", ErrorCategory.ObjectNotFound, path, "");
                OnUnreadableInput(path);
                return;
            }
            if (info.Length > MaxFileBytes)
            {
                WriteInputError(new IOException($"'{path}' is {info.Length:N0} bytes; files over {MaxFileBytes:N0} bytes are not read."), "PolicyFileTooLarge", ErrorCategory.LimitsExceeded, path, "");
                OnUnreadableInput(path);
                return;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            WriteInputError(ex, "PolicyFileUnreadable", ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError, path, path);
            OnUnreadableInput(path);
            return;
        }

        IReadOnlyList<PolicyInput> inputs;
        try
        {
            inputs = PolicyFiles.Read(path, bytes, options);
        }
        catch (PolicyParseException ex)
        {
            WriteParseError(ex, path, path);
            OnUnreadableInput(path);
            return;
        }
        catch (System.Text.Json.JsonException ex)
        {
            WriteInputError(ex, PolicyErrorIds.InvalidJson, ErrorCategory.InvalidData, path, path);
            OnUnreadableInput(path);
            return;
        }
        CurrentFile = new SourceFile(path, bytes);
        try
        {
            ProcessAll(inputs, path);
        }
        finally
        {
            CurrentFile = null;
        }
    }

    private void ProcessAll(IReadOnlyList<PolicyInput> inputs, object target)
    {
        var showProgress = inputs.Count >= ProgressThreshold;
        var progress = new ProgressRecord(1, "Analysing policy documents", "Starting");
        for (var i = 0; i < inputs.Count; i++)
        {
            if (showProgress && (i % 10 == 0))
            {
                progress.StatusDescription = $"{i + 1} of {inputs.Count}: {inputs[i].Source.Name}";
                progress.PercentComplete = (int)(100L * i / inputs.Count);
                WriteProgress(progress);
            }
            ProcessInput(inputs[i], target);
        }
        if (showProgress)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    private IEnumerable<string> ResolvePath(string path, bool literal)
    {
        var resolved = new List<string>();
        try
        {
            if (literal)
            {
                resolved.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            }
            else
            {
                var paths = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    WriteInputError(new ArgumentException($"'{path}' is not a file system path."), "PolicyPathNotFileSystem", ErrorCategory.InvalidArgument, path, "");
                    return resolved;
                }
                resolved.AddRange(paths);
                if (resolved.Count == 0)
                    WriteInputError(new ItemNotFoundException($"No policy file matches '{path}'."), "PolicyFileNotFound", ErrorCategory.ObjectNotFound, path, "");
            }
        }
        catch (ItemNotFoundException ex)
        {
            WriteInputError(ex, "PolicyFileNotFound", ErrorCategory.ObjectNotFound, path, "");
            OnUnreadableInput(path);
        }
        catch (Exception ex) when (ex is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException or PSArgumentException)
        {
            WriteInputError(ex, "PolicyPathInvalid", ErrorCategory.InvalidArgument, path, "");
            OnUnreadableInput(path);
        }
        return resolved;
    }

    // Objects that carry an empty PolicyArn (repair results of inline policies) bind it by name.
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ErrorCategory Category(PolicyErrorKind kind) => kind switch
    {
        PolicyErrorKind.InvalidType => ErrorCategory.InvalidType,
        PolicyErrorKind.LimitExceeded => ErrorCategory.LimitsExceeded,
        _ => ErrorCategory.InvalidData,
    };
}

/// <summary>A policy file as it was read.</summary>
public sealed class SourceFile
{
    public SourceFile(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    /// <summary>The full file system path.</summary>
    public string Path { get; }

    /// <summary>The bytes read, to keep the file's encoding and to notice a change before it is rewritten.</summary>
    public byte[] Bytes { get; }
}
