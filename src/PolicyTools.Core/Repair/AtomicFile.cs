using System;
using System.IO;

namespace PolicyTools.Repair;

/// <summary>
/// Replaces a file's content all at once: the new bytes go to a temporary file beside it, flushed
/// to disk, which then replaces the original in one rename. A reader sees the old file or the new
/// one, never half of either; a failure leaves the original as it was.
/// </summary>
internal static class AtomicFile
{
    public static void Replace(string path, byte[] bytes)
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
            // Keeps the original's attributes on Windows; a rename(2) on Unix.
            File.Replace(temp, full, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        catch
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
            throw;
        }
    }
}
