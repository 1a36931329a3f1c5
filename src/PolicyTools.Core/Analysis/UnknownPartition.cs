using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Analysis;

/// <summary>
/// A Resource entry in a partition that does not exist (<c>arn:aws-test:ec2:…</c>) is reported once,
/// as InvalidArn; the statement-level rules ask what it would match in a real partition, so
/// that its types are not reported a second time as a mismatch.
/// </summary>
internal static class UnknownPartition
{
    /// <summary>The types the statement's unknown-partition ARNs match with the partition <c>aws</c>; null when it has none.</summary>
    public static ResourceTypeSet? TypesWithPartitionFixed(AnalysisContext context, StatementView view)
    {
        if (view.Statement.IsNotResource || view.Reached.Count == 0) return null;
        ResourceTypeSet? types = null;
        foreach (var match in view.Matches)
        {
            if (match?.Pattern is not { HasUnknownPartition: true } pattern) continue;
            var text = pattern.Text;
            // "arn:awsx" names a partition and nothing after it: there is no rest to re-home.
            var afterPartition = text.IndexOf(':', 4);
            if (afterPartition < 0) continue;
            var fixedText = "arn:aws" + text.Substring(afterPartition);
            types ??= new ResourceTypeSet(context.Service.ResourceTypes.Count);
            types.UnionWith(context.Matches.Get(fixedText, context.Document.AllowsPolicyVariables).Types);
        }
        return types;
    }
}
