using System;

namespace PolicyTools.Reports;

/// <summary>What the SARIF and JUnit writers need besides the documents.</summary>
internal sealed class ReportOptions
{
    /// <summary>
    /// File sources under this folder are written relative to it with forward slashes (what GitHub
    /// code scanning resolves against the repository root); others as absolute file URIs. Null: the
    /// current directory.
    /// </summary>
    public string? BasePath { get; set; }

    public string ToolName { get; set; } = "PolicyTools";

    /// <summary>The module version, e.g. <c>0.1.0</c>.</summary>
    public string? ToolVersion { get; set; }

    /// <summary>Where to read about the tool (the module's ProjectUri).</summary>
    public string? InformationUri { get; set; }

    /// <summary>The JUnit test suite name (and test case class name).</summary>
    public string SuiteName { get; set; } = "PolicyTools";

    /// <summary>The JUnit timestamp; null: now.</summary>
    public DateTime? Timestamp { get; set; }
}
