using System;
using System.Collections.Generic;
using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Analysis;

/// <summary>
/// The partition, region and account an ARN pattern names, as written (<c>*</c> where it names
/// none); and what one region or account every ARN of a statement shares.
/// </summary>
internal sealed class ArnScope : IEquatable<ArnScope>
{
    public ArnScope(string partition, string region, string account)
    {
        Partition = partition;
        Region = region;
        Account = account;
    }

    public string Partition { get; }

    public string Region { get; }

    public string Account { get; }

    /// <summary>
    /// The scope of an ARN pattern as written, segment by segment; missing or empty segments
    /// become <c>*</c>. (A <c>*</c> that ends a segment may run past colons, so IAM cannot pin what
    /// follows it; the author still wrote the account where the account goes, and an ARN built from
    /// these segments has the same shape.)
    /// </summary>
    public static ArnScope Of(ArnPattern pattern) =>
        new(Written(pattern, 1) ?? "*", Written(pattern, 3) ?? "*", Written(pattern, 4) ?? "*");

    /// <summary>The text of segment <paramref name="index"/> as written; null where the pattern has no such segment or it is empty.</summary>
    private static string? Written(ArnPattern pattern, int index) =>
        pattern.Segments.Count > index && pattern.Segments[index].Length > 0 ? pattern.Segments[index] : null;

    /// <summary>
    /// The one region and the one account that every ARN of the service among the resources names
    /// (null where they differ, use a wildcard or a placeholder such as AWS_ACCOUNT_ID). ARNs that
    /// have no region or account segment at all (<c>image</c>, <c>snapshot</c>) neither count for
    /// nor against; other services' ARNs are not about this statement's EC2 actions.
    /// </summary>
    public static (string? Region, string? Account) Shared(IEnumerable<string> resources, ServiceCapabilities service)
    {
        string? region = null, account = null;
        bool regionOk = true, accountOk = true, any = false;
        foreach (var resource in resources)
        {
            var pattern = ArnPattern.Parse(resource, variablesAllowed: false);
            if (!pattern.IsArn) continue;
            var segments = pattern.Segments;
            var arnService = segments.Count > 2 ? segments[2] : null;
            if (arnService is null || (!ArnPattern.IsWildcardSegment(arnService) && !string.Equals(arnService, service.Prefix, StringComparison.Ordinal))) continue;
            any = true;
            Check(segments.Count > 3 ? segments[3] : null, ArnSegment.IsRegion, ref region, ref regionOk);
            Check(segments.Count > 4 ? segments[4] : null, ArnSegment.IsAccount, ref account, ref accountOk);
        }
        if (!any) return (null, null);
        return (regionOk ? region : null, accountOk ? account : null);

        static void Check(string? segment, Func<string, bool> valid, ref string? shared, ref bool ok)
        {
            if (!ok) return;
            if (segment is null)
            {
                ok = false; // "arn:aws:ec2:*" and the like run past the segment: any value
                return;
            }
            if (segment.Length == 0) return;
            if (!valid(segment) || (shared is not null && shared != segment))
            {
                ok = false;
                return;
            }
            shared = segment;
        }
    }

    public bool Equals(ArnScope? other) =>
        other is not null && Partition == other.Partition && Region == other.Region && Account == other.Account;

    public override bool Equals(object? obj) => Equals(obj as ArnScope);

    public override int GetHashCode() => (Partition + ":" + Region + ":" + Account).GetHashCode();

    public override string ToString() => $"{Partition}:{Region}:{Account}";
}
