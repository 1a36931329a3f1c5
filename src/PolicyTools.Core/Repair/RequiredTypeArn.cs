using System.Text;
using System;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;

namespace PolicyTools.Repair;

/// <summary>
/// Builds the ARN pattern that allows every resource of a type in one partition, region and
/// account, from the type's ARN format: <c>arn:${Partition}:ec2:${Region}:${Account}:subnet/${SubnetId}</c>
/// in aws/us-east-1/123456789012 is <c>arn:aws:ec2:us-east-1:123456789012:subnet/*</c>. A format
/// without an account segment keeps none: <c>image</c> is <c>arn:aws:ec2:us-east-1::image/*</c>.
/// </summary>
internal static class RequiredTypeArn
{
    public static string Build(ResourceTypeCapability type, string servicePrefix, ArnScope scope)
    {
        if (type.ArnFormats.Count == 0) throw new ArgumentException($"Resource type '{type.Name}' has no ARN format.", nameof(type));
        var format = type.ArnFormats[0];
        foreach (var candidate in type.ArnFormats)
        {
            if (candidate.StartsWith("arn:${Partition}:" + servicePrefix + ":", StringComparison.Ordinal))
            {
                format = candidate;
                break;
            }
        }

        var parts = format.Split(new[] { ':' }, 6);
        var builder = new StringBuilder(format.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) builder.Append(':');
            var part = parts[i];
            switch (i)
            {
                case 1 when part == "${Partition}":
                    builder.Append(scope.Partition);
                    break;
                case 3 when part == "${Region}":
                    builder.Append(scope.Region);
                    break;
                case 4 when part == "${Account}":
                    builder.Append(scope.Account);
                    break;
                default:
                    AppendWithWildcards(builder, part);
                    break;
            }
        }
        return builder.ToString();
    }

    // Every ${Placeholder} becomes '*'; neighbouring wildcards collapse into one.
    private static void AppendWithWildcards(StringBuilder builder, string part)
    {
        var i = 0;
        while (i < part.Length)
        {
            if (part[i] == '$' && i + 1 < part.Length && part[i + 1] == '{')
            {
                var end = part.IndexOf('}', i + 2);
                if (end > 0)
                {
                    if (builder.Length == 0 || builder[builder.Length - 1] != '*') builder.Append('*');
                    i = end + 1;
                    continue;
                }
            }
            builder.Append(part[i]);
            i++;
        }
    }
}
