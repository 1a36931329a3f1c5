using System.Management.Automation;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Commands.Input;

/// <summary>
/// Reads policy documents out of what users pipe in: JSON strings, policy objects, and (through
/// <see cref="DetailsWalker"/>) AWS.Tools objects (PolicyVersion, inline policy responses,
/// ManagedPolicyDetail, Role/User/GroupDetail, GetAccountAuthorizationDetailsResponse) or
/// ConvertFrom-Json output of the AWS CLI. Duck-typed on property names, so neither AWS.Tools
/// nor its types are needed.
/// </summary>
internal static class PipelineObjectReader
{
    public const string StringSource = "<string>";

    /// <summary>The name of a policy made in PowerShell (a hashtable, ConvertFrom-Json output).</summary>
    public const string ObjectSource = "<object>";

    /// <summary>The documents of one piped object, with the account structure when it is (part of) authorization details.</summary>
    public static DetailsContent Read(object input, string? boundArn, string? boundVersion, AuthorizationDetailsOptions options)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        if (value is string text)
        {
            // aws iam … output captured as text: walked like the same JSON in a file.
            if (boundArn is null && AuthorizationDetails.LooksLike(text) && AuthorizationDetails.TryFromJson(text, null, options) is { } walked)
                return walked;
            return Single(new PolicyInput(new PolicySource(boundArn ?? StringSource, boundArn, boundVersion), text));
        }

        var item = PSObject.AsPSObject(input);
        if (!PolicyObjectJson.IsPolicyObject(input) && DetailsWalker.Read(new PSObjectDetailsNode(item), null, options, boundArn, boundVersion) is { } content)
            return content;
        if (PolicyObjectJson.IsPolicyObject(input))
            return Single(new PolicyInput(new PolicySource(boundArn ?? ObjectSource, boundArn, boundVersion), PolicyObjectJson.Write(input)));

        throw new PolicyParseException(ErrorIds.PolicyInputNotSupported, PolicyErrorKind.InvalidType,
            $"A {new PSObjectDetailsNode(item).TypeName} holds no policy document{WhereItsDocumentIs(item)}: pipe JSON text, a file, a policy object with a Statement (a hashtable, ConvertFrom-Json output), an AWS.Tools object with Document or PolicyDocument (Get-IAMPolicyVersion, Get-IAMRolePolicy, Get-IAMAccountAuthorizationDetail), or ConvertFrom-Json output of the AWS CLI (get-account-authorization-details, get-policy-version, get-role-policy).");
    }

    private static DetailsContent Single(PolicyInput input) => new(new[] { input }, null);

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

    private static bool Has(PSObject item, string name) => item.Properties[name] is not null;
}
