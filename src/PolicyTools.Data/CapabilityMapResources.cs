using System.Reflection;

namespace PolicyTools.Data;

/// <summary>
/// Where the embedded capability map is: one resource per service, named
/// <c>PolicyTools.Data.CapabilityMap.&lt;prefix&gt;.yaml</c>, and the header <c>_map.yaml</c>.
/// </summary>
public static class CapabilityMapResources
{
    /// <summary>The start of every map resource's name.</summary>
    public const string Prefix = "PolicyTools.Data.CapabilityMap.";

    /// <summary>The assembly that holds the map.</summary>
    public static Assembly Assembly => typeof(CapabilityMapResources).Assembly;
}
