namespace PolicyTools.Repair;

/// <summary>How <see cref="PolicyRepairer"/> repairs.</summary>
internal sealed class RepairOptions
{
    /// <summary>
    /// Keep the region and account that every ARN of a statement names on the <c>"Resource": "*"</c>
    /// statement made for actions without resource-level permissions (<c>aws:RequestedRegion</c>,
    /// <c>aws:ResourceAccount</c>). Default: true.
    /// </summary>
    public bool ScopeConditions { get; set; } = true;

    /// <summary>
    /// The most non-whitespace characters the repaired document may have; null for IAM's limit of
    /// the document's kind (see <see cref="PolicySizeLimit"/>). A fix that does not fit is not made.
    /// </summary>
    public int? SizeLimit { get; set; }

    /// <summary>
    /// Write the exact actions a "Resource": "*" statement gets (175 for <c>ec2:Describe*</c>) as the
    /// fewest <c>prefix*</c> patterns that match exactly those actions in the capability map, so the
    /// fix fits IAM's size limits. An action AWS adds later under such a prefix would be allowed
    /// on "*" too, so this is asked for, never assumed. Default: false.
    /// </summary>
    public bool CompactActions { get; set; }

    /// <summary>
    /// The services whose findings are repaired (the Ec2 cmdlets: <c>ec2</c>). Whatever the scope,
    /// no ARN is added where another action of the statement, in any service, could act on it.
    /// Default: every service of the map.
    /// </summary>
    public Analysis.ServiceScope Services { get; set; } = Analysis.ServiceScope.All;
}
