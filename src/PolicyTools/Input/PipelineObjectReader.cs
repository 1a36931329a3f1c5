using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Commands.Input;

/// <summary>
/// Reads policy documents out of what users pipe in: JSON strings, AWS.Tools objects
/// (PolicyVersion, inline policy responses, ManagedPolicyDetail, Role/User/GroupDetail,
/// GetAccountAuthorizationDetailsResponse) or objects of the same shape. Duck-typed on
/// property names, so neither AWS.Tools nor its types are needed.
/// </summary>
internal static class PipelineObjectReader
{
    public const string StringSource = "<string>";

    /// <summary>The name of a policy made in PowerShell (a hashtable, ConvertFrom-Json output).</summary>
    public const string ObjectSource = "<object>";

    public static IReadOnlyList<PolicyInput> Read(object input, string? boundArn, string? boundVersion, AuthorizationDetailsOptions options)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        if (value is string text)
            return new[] { new PolicyInput(new PolicySource(boundArn ?? StringSource, boundArn, boundVersion), text) };

        var item = PSObject.AsPSObject(input);
        if (Has(item, "UserDetailList") || Has(item, "RoleDetailList") || Has(item, "GroupDetailList") || (Has(item, "Policies") && Has(item, "IsTruncated")))
            return FromAuthorizationDetails(item, options);
        if (Has(item, "PolicyVersionList"))
            return FromManagedPolicyDetail(item, options);
        if (Has(item, "RolePolicyList")) return FromEntity(item, PolicyOwnerKind.Role, "RoleName", "RolePolicyList");
        if (Has(item, "UserPolicyList")) return FromEntity(item, PolicyOwnerKind.User, "UserName", "UserPolicyList");
        if (Has(item, "GroupPolicyList")) return FromEntity(item, PolicyOwnerKind.Group, "GroupName", "GroupPolicyList");
        if (Has(item, "PolicyDocument")) return new[] { FromInlineResponse(item, boundArn, boundVersion) };
        if (Has(item, "Document")) return new[] { FromPolicyVersion(item, boundArn, boundVersion) };
        if (PolicyObjectJson.IsPolicyObject(input))
            return new[] { new PolicyInput(new PolicySource(boundArn ?? ObjectSource, boundArn, boundVersion), PolicyObjectJson.Write(input)) };

        throw new PolicyParseException(PolicyErrorIds.InputNotSupported, PolicyErrorKind.InvalidType,
            $"A {TypeName(item)} holds no policy document{WhereItsDocumentIs(item)}: pipe JSON text, a file, a policy object with a Statement (a hashtable, ConvertFrom-Json output), or an AWS.Tools object with Document or PolicyDocument (Get-IAMPolicyVersion, Get-IAMRolePolicy, Get-IAMAccountAuthorizationDetail).");
    }

    // The AWS.Tools objects people pipe expecting their policies to be read: say where the documents are.
    private static string WhereItsDocumentIs(PSObject item)
    {
        if (Has(item, "DefaultVersionId") && Has(item, "Arn"))
            return " (Get-IAMPolicy and Get-IAMPolicyList describe a managed policy; its document comes from Get-IAMPolicyVersion -PolicyArn $_.Arn -VersionId $_.DefaultVersionId)";
        if (Has(item, "AssumeRolePolicyDocument") && Has(item, "RoleName"))
            return " (Get-IAMRole gives only the trust policy; the role's permissions come from Get-IAMRolePolicy and its attached managed policies, or all at once from Get-IAMAccountAuthorizationDetail)";
        if (Has(item, "PolicyArn") && Has(item, "PolicyName"))
            return " (an attached policy is named, not included: get its document with Get-IAMPolicy and Get-IAMPolicyVersion, or audit with Get-IAMAccountAuthorizationDetail)";
        return "";
    }

    private static PolicyInput FromPolicyVersion(PSObject item, string? boundArn, string? boundVersion)
    {
        var versionId = boundVersion ?? String(item, "VersionId");
        var document = String(item, "Document");
        if (string.IsNullOrEmpty(document))
            throw new PolicyParseException(PolicyErrorIds.DocumentMissing, PolicyErrorKind.InvalidData,
                $"The {TypeName(item)}{(versionId is null ? "" : " " + versionId)} has no Document; Get-IAMPolicyVersionList returns versions without documents, Get-IAMPolicyVersion returns them with.");
        var name = boundArn is null ? "PolicyVersion" + (versionId is null ? "" : " " + versionId) : AuthorizationDetails.ManagedName(boundArn, versionId, withVersion: false);
        return new PolicyInput(new PolicySource(name, boundArn, versionId), document!);
    }

    private static PolicyInput FromInlineResponse(PSObject item, string? boundArn, string? boundVersion)
    {
        var policyName = String(item, "PolicyName");
        var document = String(item, "PolicyDocument");
        PolicyOwner? owner = null;
        if (String(item, "RoleName") is { } role) owner = new PolicyOwner(PolicyOwnerKind.Role, role);
        else if (String(item, "UserName") is { } user) owner = new PolicyOwner(PolicyOwnerKind.User, user);
        else if (String(item, "GroupName") is { } group) owner = new PolicyOwner(PolicyOwnerKind.Group, group);
        if (string.IsNullOrEmpty(document))
            throw new PolicyParseException(PolicyErrorIds.DocumentMissing, PolicyErrorKind.InvalidData, $"The {TypeName(item)} {policyName} has no PolicyDocument.");

        var arn = boundArn ?? String(item, "PolicyArn");
        var name = owner is not null && policyName is not null
            ? AuthorizationDetails.InlineName(owner.Kind, owner.Name, policyName)
            : arn ?? policyName ?? TypeName(item);
        return new PolicyInput(new PolicySource(name, owner is null ? arn : null, owner is null ? boundVersion ?? String(item, "VersionId") : null, owner, policyName), document!);
    }

    private static IReadOnlyList<PolicyInput> FromAuthorizationDetails(PSObject item, AuthorizationDetailsOptions options)
    {
        var inputs = new List<PolicyInput>();
        foreach (var policy in Items(item, "Policies")) inputs.AddRange(FromManagedPolicyDetail(policy, options));
        foreach (var user in Items(item, "UserDetailList")) inputs.AddRange(FromEntity(user, PolicyOwnerKind.User, "UserName", "UserPolicyList"));
        foreach (var group in Items(item, "GroupDetailList")) inputs.AddRange(FromEntity(group, PolicyOwnerKind.Group, "GroupName", "GroupPolicyList"));
        foreach (var role in Items(item, "RoleDetailList")) inputs.AddRange(FromEntity(role, PolicyOwnerKind.Role, "RoleName", "RolePolicyList"));
        return inputs;
    }

    private static IReadOnlyList<PolicyInput> FromManagedPolicyDetail(PSObject policy, AuthorizationDetailsOptions options)
    {
        var arn = String(policy, "Arn");
        if (AuthorizationDetails.IsAwsManaged(arn) && !options.IncludeAwsManaged) return Array.Empty<PolicyInput>();
        var policyName = String(policy, "PolicyName");
        var defaultVersion = String(policy, "DefaultVersionId");
        var inputs = new List<PolicyInput>();
        foreach (var version in Items(policy, "PolicyVersionList"))
        {
            var versionId = String(version, "VersionId");
            var isDefault = Bool(version, "IsDefaultVersion") || (versionId is not null && versionId == defaultVersion);
            if (!isDefault && !options.AllVersions) continue;
            var document = String(version, "Document");
            if (string.IsNullOrEmpty(document)) continue;
            var name = AuthorizationDetails.ManagedName(arn ?? policyName ?? "policy", versionId, options.AllVersions);
            inputs.Add(new PolicyInput(new PolicySource(name, arn, versionId, null, policyName), document!));
        }
        return inputs;
    }

    private static IReadOnlyList<PolicyInput> FromEntity(PSObject entity, PolicyOwnerKind kind, string nameProperty, string listProperty)
    {
        var owner = String(entity, nameProperty) ?? "(unnamed)";
        var inputs = new List<PolicyInput>();
        foreach (var policy in Items(entity, listProperty))
        {
            var policyName = String(policy, "PolicyName") ?? "(unnamed)";
            var document = String(policy, "PolicyDocument");
            if (string.IsNullOrEmpty(document)) continue;
            inputs.Add(new PolicyInput(new PolicySource(AuthorizationDetails.InlineName(kind, owner, policyName), null, null, new PolicyOwner(kind, owner), policyName), document!));
        }
        return inputs;
    }

    private static bool Has(PSObject item, string name) => item.Properties[name] is not null;

    // An empty string is no value: repair results carry "" for the identity names that do not apply.
    private static string? String(PSObject item, string name)
    {
        var value = item.Properties[name]?.Value;
        if (value is PSObject ps) value = ps.BaseObject;
        return value is string text && text.Length > 0 ? text : null;
    }

    private static bool Bool(PSObject item, string name)
    {
        var value = item.Properties[name]?.Value;
        if (value is PSObject ps) value = ps.BaseObject;
        return value is bool b && b;
    }

    // AWS.Tools v5 leaves lists null when the service returned nothing.
    private static IEnumerable<PSObject> Items(PSObject item, string name)
    {
        var value = item.Properties[name]?.Value;
        if (value is PSObject ps) value = ps.BaseObject;
        if (value is null || value is string || value is not IEnumerable list) yield break;
        foreach (var element in list)
        {
            if (element is not null) yield return PSObject.AsPSObject(element);
        }
    }

    private static string TypeName(PSObject item)
    {
        var names = item.TypeNames;
        var name = names.Count > 0 ? names[0] : item.BaseObject?.GetType().FullName ?? "object";
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }
}
