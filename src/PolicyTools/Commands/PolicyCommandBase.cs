using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Commands.Input;
using PolicyTools.Inputs;
using PolicyTools.Policies;
using PolicyTools.Principals;

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
    [AllowNull]
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

    private const int DocumentProgressId = 1;
    private const int FileProgressId = 2;
    private const int PipelineProgressId = 3;
    private const string DocumentActivity = "Analysing policy documents";
    private const string FileActivity = "Analysing policy files";
    private const string PipelineActivity = "Analysing piped policy input";

    private int _pipelineCount;
    private bool _pipelineProgressShown;

    private protected PolicyAnalyzer Analyzer { get; private set; } = null!;

    /// <summary>The file whose documents are being handed to <see cref="ProcessInput"/> (path and the bytes read); null for other input.</summary>
    protected SourceFile? CurrentFile { get; private set; }

    private protected CapabilityMap Map => Analyzer.Map;

    /// <summary>The part of the map the command checks: EC2 for the Ec2 cmdlets, every service for the Iam ones.</summary>
    private CapabilityMap Scope(CapabilityMap map) => this is IServiceParameter ? map : map.Only(CapabilityMaps.DefaultService);

    /// <summary>The services whose findings the command reports or repairs: EC2, or those of <c>-Service</c> (<see cref="IServiceParameter"/>).</summary>
    private protected ServiceScope AnalyzedServices { get; private set; } = ServiceScopes.Ec2;

    /// <summary>The account whose documents are being handed to <see cref="ProcessInput"/> (authorization details); null for single documents.</summary>
    private protected AccountAnalysis? CurrentAccount { get; private set; }

    // Pages of authorization details (and their list items piped alone): one account, analysed at the end.
    private AccountDetails? _pipedAccount;
    private object? _pipedAccountTarget;

    protected override void BeginProcessing()
    {
        Analyzer = PolicyAnalyzer.For(Scope(LoadMap(this, CapabilityMapPath)));
        AccountInput.WarnIfMapIsOld(this, Map);
        if (this is IServiceParameter scoped) AnalyzedServices = ServiceScopes.FromParameter(this, scoped.Service, Map);
    }

    private AuthorizationDetailsOptions Options => new() { AllVersions = AllVersions, IncludeAwsManaged = IncludeAwsManaged };

    protected override void ProcessRecord()
    {
        var options = Options;
        switch (ParameterSetName)
        {
            case PathSet:
                ProcessFiles(Path, literal: false, options);
                break;
            case LiteralPathSet:
                ProcessFiles(LiteralPath, literal: true, options);
                break;
            default:
                // $null in a pipeline (an empty property, a failed lookup) is nothing to check, not an error.
                if (InputObject is null || (InputObject is PSObject { BaseObject: null })) return;
                if (GetContentLines.TryRead(InputObject) is { } line)
                {
                    if (_lines is not null && _lines.Continues(line))
                    {
                        _lines.Append(line);
                        return;
                    }
                    FlushLines();
                    _lines = GetContentLines.Start(line, InputObject!);
                    break;
                }
                FlushLines();
                ProcessObject(InputObject, options);
                break;
        }
        CountPipelineInput();
    }

    // Get-Content's lines of one file, waiting for the file's last line.
    private GetContentLines? _lines;

    private void FlushLines()
    {
        if (_lines is null) return;
        var lines = _lines;
        _lines = null;
        string name;
        try
        {
            name = SessionState.Path.GetUnresolvedProviderPathFromPSPath(lines.PSPath);
        }
        catch (Exception ex) when (ex is ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or NotSupportedException or ArgumentException or PSInvalidOperationException)
        {
            name = lines.PSPath;
        }
        DetailsContent content;
        try
        {
            content = PolicyFiles.FromText(name, lines.Text, Options);
        }
        catch (PolicyParseException ex)
        {
            ReportUnreadable(ex, ex.ErrorId, ErrorCategories.Of(ex.Kind), lines.First, name, name: name);
            return;
        }
        if (content.Account is { } account) ProcessAccount(account, lines.First);
        else ProcessAll(content.Inputs, lines.First);
    }

    protected override void EndProcessing()
    {
        FlushLines();
        if (_pipedAccount is { } account)
        {
            _pipedAccount = null;
            ProcessAccount(account, _pipedAccountTarget!);
        }
        if (_pipelineProgressShown)
            WriteProgressRecord(PipelineProgressId, PipelineActivity, $"{_pipelineCount} inputs", -1, completed: true);
    }

    /// <summary>Handles one document; bad input inside it is reported by the caller through <see cref="WriteInputError"/>.</summary>
    private protected abstract void ProcessInput(PolicyInput input, object target);

    /// <summary>Called for an input that could not even be read as a document (e.g. a missing file).</summary>
    protected virtual void OnUnreadableInput(object target)
    {
    }

    /// <summary>
    /// Called for an input that could not even be read as a document, after its error was written:
    /// <paramref name="sourceName"/> is the file path or the name the document would have had,
    /// <paramref name="errorId"/> the error id. By default calls <see cref="OnUnreadableInput(object)"/>.
    /// </summary>
    protected virtual void OnUnreadableInput(object target, string sourceName, string errorId, Exception exception) => OnUnreadableInput(target);

    protected void WriteInputError(Exception exception, string errorId, ErrorCategory category, object? target, string source)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        record.ErrorDetails = new ErrorDetails(source.Length == 0 ? exception.Message : $"{source}: {exception.Message}");
        WriteError(record);
    }

    protected void WriteParseError(PolicyParseException exception, object? target, string source) =>
        WriteInputError(exception, exception.ErrorId, ErrorCategories.Of(exception.Kind), target, source);

    private void ReportUnreadable(Exception exception, string errorId, ErrorCategory category, object? target, string source, string? name = null)
    {
        WriteInputError(exception, errorId, category, target, source);
        OnUnreadableInput(target!, name ?? UnreadableSourceName(target, source), errorId, exception);
    }

    // The name a piped document would have had: the bound PolicyArn, or what PipelineObjectReader
    // calls a string.
    private static string UnreadableSourceName(object? target, string source)
    {
        if (source.Length > 0) return source;
        var value = target is PSObject ps ? ps.BaseObject : target;
        return value switch
        {
            null => "<null>",
            string => PipelineObjectReader.StringSource,
            _ => "<" + value.GetType().Name + ">",
        };
    }

    /// <summary>The embedded map, or the file given; a map that cannot be used is one terminating error naming file and line.</summary>
    internal static CapabilityMap LoadMap(PSCmdlet cmdlet, string? path) => CapabilityMaps.Load(cmdlet, path);

    private void ProcessObject(object? input, AuthorizationDetailsOptions options)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        if (value is null)
        {
            ReportUnreadable(new ArgumentNullException(nameof(InputObject), "The input is null."), ErrorIds.PolicyInputEmpty, ErrorCategory.InvalidArgument, input, "");
            return;
        }
        if (value is FileSystemInfo fileInfo)
        {
            ProcessFile(fileInfo.FullName, null, options);
            return;
        }

        DetailsContent content;
        try
        {
            content = PipelineObjectReader.Read(input!, NullIfEmpty(PolicyArn), NullIfEmpty(VersionId), options);
        }
        catch (PolicyParseException ex)
        {
            ReportUnreadable(ex, ex.ErrorId, ErrorCategories.Of(ex.Kind), input, PolicyArn ?? "");
            return;
        }
        if (content.Account is { } account)
        {
            _pipedAccountTarget ??= input;
            if (_pipedAccount is null) _pipedAccount = account;
            else _pipedAccount.Add(account);
            return;
        }
        ProcessAll(content.Inputs, input!);
    }

    // Every policy of an account judged with the principals it reaches.
    private void ProcessAccount(AccountDetails account, object target)
    {
        CurrentAccount = AccountAnalysis.Run(Analyzer, account);
        AccountInput.DescribeRead(this, CurrentAccount);
        try
        {
            ProcessAll(account.Inputs, target);
        }
        finally
        {
            CurrentAccount = null;
        }
    }

    /// <summary>
    /// Reads and checks one file. <paramref name="listed"/> is the entry the folder listing of a
    /// wildcard gave for it, which already knows whether it is a file and its length; without it
    /// the file system is asked once (a thousand-file audit asked three times per file before).
    /// </summary>
    private void ProcessFile(string path, FileSystemInfo? listed, AuthorizationDetailsOptions options)
    {
        byte[] bytes;
        try
        {
            var info = listed is null ? new FileInfo(path) : listed as FileInfo;
            if (info is null || !info.Exists)
            {
                if (Directory.Exists(path))
                    ReportUnreadable(new IOException($"'{path}' is a directory; give the policy files inside it (e.g. {System.IO.Path.Combine(path, "*.json")})."), ErrorIds.PolicyPathIsDirectory, ErrorCategory.InvalidArgument, path, "", name: path);
                else
                    ReportNotFound(path);
                return;
            }
            if (info.Length > MaxFileBytes)
            {
                ReportUnreadable(new IOException($"'{path}' is {info.Length:N0} bytes; files over {MaxFileBytes:N0} bytes are not read."), ErrorIds.PolicyFileTooLarge, ErrorCategory.LimitsExceeded, path, "", name: path);
                return;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone since it was listed or looked at.
            ReportNotFound(path);
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            ReportUnreadable(ex, ErrorIds.PolicyFileUnreadable, ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError, path, path, name: path);
            return;
        }

        DetailsContent content;
        try
        {
            content = PolicyFiles.Read(path, bytes, options);
        }
        catch (PolicyParseException ex)
        {
            ReportUnreadable(ex, ex.ErrorId, ErrorCategories.Of(ex.Kind), path, path, name: path);
            return;
        }
        catch (System.Text.Json.JsonException ex)
        {
            ReportUnreadable(ex, ErrorIds.PolicyJsonInvalid, ErrorCategory.InvalidData, path, path, name: path);
            return;
        }
        CurrentFile = new SourceFile(path, bytes);
        try
        {
            if (content.Account is { } account) ProcessAccount(account, path);
            else
            {
                WriteVerbose($"Read '{path}': {content.Inputs.Count} {(content.Inputs.Count == 1 ? "document" : "documents")}.");
                ProcessAll(content.Inputs, path);
            }
        }
        finally
        {
            CurrentFile = null;
        }
    }

    private void ReportNotFound(string path) =>
        ReportUnreadable(new ItemNotFoundException($"Cannot find the policy file '{path}'."), ErrorIds.PolicyFileNotFound, ErrorCategory.ObjectNotFound, path, "", name: path);

    // -Path policies/*.json: the files of a wildcard are known up front, so the progress has a percentage.
    private void ProcessFiles(string[] paths, bool literal, AuthorizationDetailsOptions options)
    {
        foreach (var path in paths) ProcessFiles(ResolvePath(path, literal), options);
    }

    private void ProcessFiles(IReadOnlyList<ResolvedFile> files, AuthorizationDetailsOptions options) =>
        ForEachWithProgress(files, FileProgressId, FileActivity, "files", file => file.Path, file => ProcessFile(file.Path, file.Listed, options));

    /// <summary>A path to check, with the folder listing's entry for it when a wildcard was resolved by listing.</summary>
    /// <remarks>A class: lists and sorts of it share the runtime's precompiled code for reference types.</remarks>
    private sealed class ResolvedFile
    {
        public ResolvedFile(string path, FileSystemInfo? listed)
        {
            Path = path;
            Listed = listed;
        }

        public string Path { get; }

        public FileSystemInfo? Listed { get; }
    }

    // Piped input (Get-IAMPolicyVersion ..., Get-ChildItem ...): the total is unknown, so the
    // progress counts, once the pipeline is long enough to be worth it.
    private void CountPipelineInput()
    {
        if (!MyInvocation.ExpectingInput) return;
        _pipelineCount++;
        if (_pipelineCount < ProgressThreshold || _pipelineCount % 10 != 0) return;
        _pipelineProgressShown = true;
        WriteProgressRecord(PipelineProgressId, PipelineActivity, $"{_pipelineCount} inputs", -1);
    }

    private void ProcessAll(IReadOnlyList<PolicyInput> inputs, object target)
    {
        if (inputs.Count < ProgressThreshold)
        {
            // A file's one document, the common case: no progress to show, so no delegates to make.
            for (var i = 0; i < inputs.Count; i++) ProcessInput(inputs[i], target);
            return;
        }
        ForEachWithProgress(inputs, DocumentProgressId, DocumentActivity, "documents", input => input.Source.Name, input => ProcessInput(input, target));
    }

    // A known number of items: progress with a percentage, once there are enough to be worth it.
    private void ForEachWithProgress<T>(IReadOnlyList<T> items, int id, string activity, string noun, Func<T, string> name, Action<T> process)
    {
        var showProgress = items.Count >= ProgressThreshold;
        for (var i = 0; i < items.Count; i++)
        {
            if (showProgress && i % 10 == 0)
                WriteProgressRecord(id, activity, $"{i + 1} of {items.Count}: {name(items[i])}", (int)(100L * i / items.Count));
            process(items[i]);
        }
        if (showProgress)
            WriteProgressRecord(id, activity, $"{items.Count} {noun}", 100, completed: true);
    }

    // A new record each time: hosts and PowerShell.Streams.Progress may keep the records they are given.
    private void WriteProgressRecord(int id, string activity, string status, int percent, bool completed = false)
    {
        WriteProgress(new ProgressRecord(id, activity, status)
        {
            PercentComplete = percent,
            RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });
    }

    private IReadOnlyList<ResolvedFile> ResolvePath(string path, bool literal)
    {
        var resolved = new List<ResolvedFile>();
        try
        {
            if (literal)
            {
                resolved.Add(new ResolvedFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), null));
            }
            else if (TryResolveWildcardLeaf(path, resolved))
            {
                return resolved;
            }
            else
            {
                var paths = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    WriteInputError(new ArgumentException($"'{path}' is not a file system path."), ErrorIds.PolicyPathNotFileSystem, ErrorCategory.InvalidArgument, path, "");
                    return resolved;
                }
                foreach (var match in paths) resolved.Add(new ResolvedFile(match, null));
                if (resolved.Count == 0)
                    WriteInputError(new ItemNotFoundException($"No policy file matches '{path}'." + LiteralPathHint(path)), ErrorIds.PolicyFileNotFound, ErrorCategory.ObjectNotFound, path, "");
            }
        }
        catch (ItemNotFoundException ex)
        {
            ReportUnreadable(ex, ErrorIds.PolicyFileNotFound, ErrorCategory.ObjectNotFound, path, "", name: FullPathOrAsGiven(path));
        }
        catch (Exception ex) when (ex is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException or PSArgumentException)
        {
            ReportUnreadable(ex, ErrorIds.PolicyPathInvalid, ErrorCategory.InvalidArgument, path, "", name: FullPathOrAsGiven(path));
        }
        return resolved;
    }

    /// <summary>
    /// The common <c>-Path dir/*.json</c> (wildcards in the last part only, a file system folder)
    /// resolved by listing the folder once. PowerShell's globber does the same work but converts
    /// every match back through its drive and provider machinery, which took about a third of the
    /// time of a thousand-file audit. The result is what the globber gives: matched case-insensitively,
    /// hidden entries left out, folders first, each group sorted. Anything else (wildcards in a
    /// folder name, other providers, no match) goes to the globber and its errors.
    /// </summary>
    private bool TryResolveWildcardLeaf(string path, List<ResolvedFile> resolved)
    {
        var leaf = SessionState.Path.ParseChildName(path);
        var parent = SessionState.Path.ParseParent(path, null);
        if (!WildcardPattern.ContainsWildcardCharacters(leaf) || WildcardPattern.ContainsWildcardCharacters(parent)) return false;
        var directory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(string.IsNullOrEmpty(parent) ? "." : parent, out var provider, out _);
        if (provider.Name != "FileSystem" || !Directory.Exists(directory)) return false;

        var pattern = WildcardPattern.Get(leaf, WildcardOptions.IgnoreCase);
        var folders = new List<ResolvedFile>();
        var files = new List<ResolvedFile>();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if ((entry.Attributes & FileAttributes.Hidden) != 0 || !pattern.IsMatch(entry.Name)) continue;
            (entry is DirectoryInfo ? folders : files).Add(new ResolvedFile(entry.FullName, entry));
        }
        if (folders.Count + files.Count == 0) return false;
        folders.Sort(s_byPath);
        files.Sort(s_byPath);
        resolved.AddRange(folders);
        resolved.AddRange(files);
        return true;
    }

    private static readonly Comparison<ResolvedFile> s_byPath = (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Path, b.Path);

    // -Path reads '[' and ']' (and '*', '?') as wildcards, so a file named with them is found only by -LiteralPath.
    private string LiteralPathHint(string path)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(path)) return "";
        var hint = " -Path reads '*', '?', '[' and ']' as wildcards";
        var full = FullPathOrAsGiven(path);
        return File.Exists(full)
            ? hint + $"; a file of that very name exists: use -LiteralPath '{path}'."
            : hint + "; to name a file with '[' or ']' in its name, use -LiteralPath.";
    }

    private string FullPathOrAsGiven(string path)
    {
        try
        {
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException or PSArgumentException or PSInvalidOperationException)
        {
            return path;
        }
    }

    // Objects that carry an empty PolicyArn (repair results of inline policies) bind it by name.
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
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
