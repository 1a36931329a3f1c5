using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using PolicyTools.Capabilities;

namespace PolicyTools.Commands;

/// <summary>
/// The capability map a command uses: the embedded one, or a file given with <c>-CapabilityMapPath</c>.
/// Files are parsed once per version (path, time stamp and length), and shared by the cmdlets and the
/// argument completers of the session.
/// </summary>
internal static class CapabilityMaps
{
    /// <summary>The service that action names without a prefix (<c>RunInstances</c>) belong to.</summary>
    public const string DefaultService = "ec2";

    private static readonly ConcurrentDictionary<string, Entry> s_files = new(StringComparer.Ordinal);

    /// <summary>
    /// The map for <paramref name="path"/> (null or <c>(embedded)</c>: the embedded map). A map that
    /// cannot be used is one terminating error naming the file and, where known, the line.
    /// </summary>
    public static CapabilityMap Load(PSCmdlet cmdlet, string? path)
    {
        if (path is null || string.Equals(path, CapabilityMap.EmbeddedPath, StringComparison.Ordinal)) return CapabilityMap.Default;

        string fullPath;
        try
        {
            fullPath = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem") throw new ArgumentException($"'{path}' is not a file system path.");
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or PSArgumentException or ItemNotFoundException)
        {
            throw Terminate(cmdlet, new CapabilityMapFormatException(ErrorIds.CapabilityMapPathInvalid, PolicyErrorKind.InvalidArgument, path, 0, ex.Message, ex), path);
        }

        if (Directory.Exists(fullPath) && !CapabilityMapServiceFiles.IsServiceFolder(fullPath))
            throw Terminate(cmdlet, new CapabilityMapFormatException(ErrorIds.CapabilityMapNotFound, PolicyErrorKind.ObjectNotFound, fullPath, 0, "it is a directory, not a file."), path);
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
            throw Terminate(cmdlet, new CapabilityMapFormatException(ErrorIds.CapabilityMapNotFound, PolicyErrorKind.ObjectNotFound, fullPath, 0, "the file does not exist."), path);

        try
        {
            return LoadFile(fullPath);
        }
        catch (CapabilityMapFormatException ex)
        {
            // CapabilityMapUnreadable (with PermissionDenied or ReadError) or CapabilityMapInvalid.
            throw Terminate(cmdlet, ex, path);
        }
    }

    /// <summary>
    /// For argument completers: the map of a <c>-CapabilityMapPath</c> already typed on the command
    /// line, or the embedded map. Never throws; a file that cannot be used gives the embedded map.
    /// </summary>
    public static CapabilityMap ForCompletion(object? capabilityMapPath)
    {
        try
        {
            var value = capabilityMapPath is PSObject ps ? ps.BaseObject : capabilityMapPath;
            if (value is not string path || path.Trim().Length == 0) return CapabilityMap.Default;
            path = path.Trim().Trim('\'', '"');
            if (string.Equals(path, CapabilityMap.EmbeddedPath, StringComparison.Ordinal)) return CapabilityMap.Default;
            var fullPath = System.IO.Path.GetFullPath(CompletionPath(path));
            return File.Exists(fullPath) || CapabilityMapServiceFiles.IsServiceFolder(fullPath) ? LoadFile(fullPath) : CapabilityMap.Default;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            // Completion must never fail the prompt; the command itself reports a bad map.
            return CapabilityMap.Default;
        }
    }

    // A completer runs while the prompt's pipeline does, so the session's path API is not available;
    // a nested command in the current runspace can still tell the current file system location.
    private static string CompletionPath(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("USERPROFILE");
            return home is null ? path : home + path.Substring(1);
        }
        if (System.IO.Path.IsPathRooted(path)) return path;

        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand("Microsoft.PowerShell.Management\\Get-Location").AddParameter("PSProvider", "FileSystem");
        var location = shell.Invoke();
        var directory = location.Count > 0 && location[0]?.BaseObject is PathInfo info ? info.ProviderPath : Environment.CurrentDirectory;
        return System.IO.Path.Combine(directory, path);
    }

    /// <summary>The map in words, for messages: <c>the embedded capability map dated 2026-08-20</c>.</summary>
    public static string Describe(CapabilityMap map) =>
        string.Equals(map.Path, CapabilityMap.EmbeddedPath, StringComparison.Ordinal)
            ? $"the embedded capability map dated {map.Date}"
            : $"the capability map '{map.Path}' dated {map.Date}";

    /// <summary>Forgets a file written by this session, so that it is read again on next use.</summary>
    public static void Forget(string fullPath) => s_files.TryRemove(fullPath, out _);

    // Parsed once per file version. A file that is not a valid map is remembered as such too (the
    // completer asks on every key press); a file that could not be read at all is tried again.
    private static CapabilityMap LoadFile(string fullPath)
    {
        var folder = Directory.Exists(fullPath);
        var info = new FileInfo(folder ? System.IO.Path.Combine(fullPath, CapabilityMapServiceFiles.HeaderFileName) : fullPath);
        var stamp = (info.LastWriteTimeUtc, info.Exists ? info.Length : -1);
        if (s_files.TryGetValue(fullPath, out var cached) && cached.Stamp == stamp)
        {
            if (cached.Error is not null) throw cached.Error;
            return cached.Map!;
        }
        try
        {
            var map = folder ? CapabilityMapServiceFiles.Load(fullPath) : CapabilityMap.LoadFile(fullPath);
            s_files[fullPath] = new Entry(stamp, map, null);
            return map;
        }
        catch (CapabilityMapFormatException ex) when (ex.Line > 0)
        {
            s_files[fullPath] = new Entry(stamp, null, ex);
            throw;
        }
    }

    private static Exception Terminate(PSCmdlet cmdlet, CapabilityMapFormatException exception, string target)
    {
        var record = ErrorCategories.Record(exception, target);
        record.ErrorDetails = new ErrorDetails(exception.Message)
        {
            RecommendedAction = "Give a map written by ConvertTo-IamCapabilityMap or ConvertTo-Ec2CapabilityMap, or leave out -CapabilityMapPath to use the map built into the module.",
        };
        cmdlet.ThrowTerminatingError(record);
        return exception; // not reached: ThrowTerminatingError always throws
    }

    private sealed class Entry
    {
        public Entry((DateTime, long) stamp, CapabilityMap? map, CapabilityMapFormatException? error)
        {
            Stamp = stamp;
            Map = map;
            Error = error;
        }

        public (DateTime, long) Stamp { get; }

        public CapabilityMap? Map { get; }

        public CapabilityMapFormatException? Error { get; }
    }
}
