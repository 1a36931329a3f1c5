using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System;
using PolicyTools.Analysis;
using PolicyTools.Inputs;

namespace PolicyTools.Repair;

/// <summary>
/// The repair of one policy document. Its properties bind by name into the AWS.Tools cmdlets that
/// store a policy: <c>New-IAMPolicyVersion</c> (PolicyArn, PolicyDocument) and
/// <c>Write-IAMRolePolicy</c>/<c>Write-IAMUserPolicy</c>/<c>Write-IAMGroupPolicy</c> (RoleName,
/// UserName or GroupName, PolicyName, PolicyDocument).
/// </summary>
/// <remarks>
/// The identity properties that do not apply (PolicyArn of an inline policy, RoleName of a
/// managed policy, …) are empty strings, never null. Those cmdlets take PolicyArn and RoleName
/// from the pipeline by value as well as by name: for a null property PowerShell would fall back
/// to converting the whole object to text and bind that (a mis-bind), while an empty string fails
/// the binding of that one object with "Cannot bind argument … because it is an empty string".
/// </remarks>
public sealed class PolicyRepairResult
{
    internal PolicyRepairResult(
        PolicySource source,
        string policyDocument,
        string originalDocument,
        bool changed,
        IEnumerable<string> changes,
        IEnumerable<PolicyFinding> unrepaired)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        Source = source.Name;
        // A repaired older version must not become the default over the live one (New-IAMPolicyVersion
        // -SetAsDefault): without a PolicyArn it does not bind there.
        PolicyArn = source.IsDefaultVersion == false ? "" : source.PolicyArn ?? "";
        VersionId = source.VersionId;
        File = source.File;
        IsDefaultVersion = source.IsDefaultVersion;
        PolicyName = source.PolicyName ?? "";
        RoleName = source.Owner?.Kind == PolicyOwnerKind.Role ? source.Owner.Name : "";
        UserName = source.Owner?.Kind == PolicyOwnerKind.User ? source.Owner.Name : "";
        GroupName = source.Owner?.Kind == PolicyOwnerKind.Group ? source.Owner.Name : "";
        PolicyDocument = policyDocument ?? throw new ArgumentNullException(nameof(policyDocument));
        OriginalDocument = originalDocument ?? throw new ArgumentNullException(nameof(originalDocument));
        Changed = changed;
        Changes = new ValueList(changes ?? Enumerable.Empty<string>());
        Unrepaired = new ReadOnlyCollection<PolicyFinding>((unrepaired ?? Enumerable.Empty<PolicyFinding>()).ToList());
    }

    /// <summary>File path, policy ARN, or a name such as <c>role/MyRole/MyPolicy</c>.</summary>
    public string Source { get; }

    /// <summary>The managed policy's ARN; empty for inline policies, files, text and versions that are not the default (see <see cref="Source"/>).</summary>
    public string PolicyArn { get; }

    /// <summary>The version that was repaired, where known (e.g. v3).</summary>
    public string? VersionId { get; }

    /// <summary>The file the document was read from; null for piped objects and text.</summary>
    public string? File { get; }

    /// <summary>Whether the repaired managed policy version is the one in effect; null where the input does not say.</summary>
    public bool? IsDefaultVersion { get; }

    /// <summary>The managed or inline policy's name, where known; otherwise empty.</summary>
    public string PolicyName { get; }

    /// <summary>The role an inline policy belongs to; otherwise empty.</summary>
    public string RoleName { get; }

    /// <summary>The user an inline policy belongs to; otherwise empty.</summary>
    public string UserName { get; }

    /// <summary>The group an inline policy belongs to; otherwise empty.</summary>
    public string GroupName { get; }

    /// <summary>The repaired document as plain JSON (the original when nothing changed), ready for New-IAMPolicyVersion.</summary>
    public string PolicyDocument { get; }

    /// <summary>The document as it came in, as plain JSON (URL-encoded input decoded once).</summary>
    public string OriginalDocument { get; }

    /// <summary>True when <see cref="PolicyDocument"/> differs from <see cref="OriginalDocument"/>.</summary>
    public bool Changed { get; }

    /// <summary>Each change in words: what moved where, and why; or why nothing could change.</summary>
    public ValueList Changes { get; }

    /// <summary>Problems left in <see cref="PolicyDocument"/> (Error and Warning findings), each saying why it was not repaired.</summary>
    public ReadOnlyCollection<PolicyFinding> Unrepaired { get; }

    public override string ToString() => Source;
}
