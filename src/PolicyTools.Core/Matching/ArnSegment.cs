using System.Text.RegularExpressions;

namespace PolicyTools.Matching;

/// <summary>What a literal region or account segment of an ARN looks like: <c>us-east-1</c>, <c>123456789012</c>.</summary>
internal static class ArnSegment
{
    private static readonly Regex s_region = new(@"^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_account = new(@"^\d{12}$", RegexOptions.CultureInvariant);

    /// <summary>A region name such as <c>us-east-1</c> or <c>us-gov-west-1</c>.</summary>
    public static bool IsRegion(string text) => s_region.IsMatch(text);

    /// <summary>A 12-digit account id (not a placeholder such as <c>AWS_ACCOUNT_ID</c>).</summary>
    public static bool IsAccount(string text) => s_account.IsMatch(text);
}
