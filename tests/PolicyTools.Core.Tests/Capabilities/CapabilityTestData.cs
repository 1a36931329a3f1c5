using System.IO;
using System.Text;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>The repository's AWS service reference data and the embedded map's text.</summary>
internal static class CapabilityTestData
{
    public static string ServiceReferencePath { get; } = TestFiles.PathOf("data/ec2-authorization-reference.json");

    public static string EmbeddedYaml()
    {
        using var stream = PolicyTools.Data.CapabilityMapResources.Assembly.GetManifestResourceStream("PolicyTools.Data.CapabilityMap.ec2.yaml")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));
}
