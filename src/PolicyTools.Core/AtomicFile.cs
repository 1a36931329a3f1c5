using System;
using System.IO;

namespace PolicyTools;

/// <summary>
/// Writes a file's content all at once: the new bytes go to a temporary file beside it, flushed
/// to disk, which then replaces the original in one rename. A reader sees the old file or the new
/// one, never half of either; a failure leaves the original as it was. The one home of that dance,
/// for repaired policy files (-InPlace) and written capability maps.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Replaces the content of the existing file <paramref name="path"/>; a file that has gone is an error, not created again.</summary>
    public static void Replace(string path, byte[] bytes) => Write(path, bytes, mustExist: true);

    /// <summary>Writes <paramref name="path"/>, replacing the file if there is one.</summary>
    public static void Write(string path, byte[] bytes) => Write(path, bytes, mustExist: false);

    private static void Write(string path, byte[] bytes, bool mustExist)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
            if (mustExist || File.Exists(full))
            {
                // Keeps the original's attributes on Windows; a rename(2) on Unix.
                File.Replace(temp, full, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, full);
            }
        }
        catch (PlatformNotSupportedException) when (!mustExist)
        {
            // A file system without an atomic replace: the map is still written, just not atomically.
            File.Copy(temp, full, overwrite: true);
            Delete(temp);
        }
        catch
        {
            Delete(temp);
            throw;
        }
    }

    private static void Delete(string temp)
    {
        try
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
