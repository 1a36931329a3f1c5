using System.Collections.Generic;
using PolicyTools.Policies;

namespace PolicyTools.Inputs;

/// <summary>
/// The one walk over what AWS writes about IAM policies, whichever reader reads it (JSON files,
/// ConvertFrom-Json output, AWS.Tools objects): authorization-details pages and their list items
/// piped alone, policy versions (bare or wrapped as <c>get-policy-version</c> writes them) and
/// inline policy responses. Names every document the same way whatever the form (see
/// <see cref="PolicySource.Name"/>).
/// </summary>
internal static class DetailsWalker
{
    /// <summary>
    /// The documents of <paramref name="node"/>, with the account structure when it is (part of)
    /// authorization details; null when it is none of the shapes AWS writes.
    /// </summary>
    public static DetailsContent? Read(IDetailsNode node, string? file, AuthorizationDetailsOptions options, string? boundArn = null, string? boundVersion = null)
    {
        if (IsPage(node)) return Account(file, a => ReadPage(node, a, options));
        if (node.Has("PolicyVersionList")) return Account(file, a => ReadManaged(node, a, options));
        if (node.Has("RolePolicyList")) return Account(file, a => ReadPrincipal(node, a, PolicyOwnerKind.Role, "RoleName", "RolePolicyList"));
        if (node.Has("UserPolicyList") || node.Has("GroupList")) return Account(file, a => ReadPrincipal(node, a, PolicyOwnerKind.User, "UserName", "UserPolicyList"));
        if (node.Has("GroupPolicyList")) return Account(file, a => ReadGroup(node, a));
        if (node.Child("PolicyVersion") is { } wrapped && !node.Has("Statement"))
            return Single(FromPolicyVersion(wrapped, file, boundArn, boundVersion));
        if (node.Has("PolicyDocument")) return Single(FromInlineResponse(node, file, boundArn, boundVersion));
        if (node.Has("Document")) return Single(FromPolicyVersion(node, file, boundArn, boundVersion));
        if (node.Has("Versions") && !node.Has("Statement"))
            throw NoDocument($"The {node.TypeName} lists policy versions without their documents (aws iam list-policy-versions, Get-IAMPolicyVersionList); get each document with aws iam get-policy-version or Get-IAMPolicyVersion -PolicyArn <arn> -VersionId <id>.");
        if (node.Has("VersionId") && node.Has("IsDefaultVersion") && !node.Has("Statement"))
            throw NoDocument($"The {node.TypeName} {node.Text("VersionId")} has no Document; aws iam list-policy-versions and Get-IAMPolicyVersionList return versions without documents, aws iam get-policy-version and Get-IAMPolicyVersion return them with.");
        return null;
    }

    private static bool IsPage(IDetailsNode node) =>
        !node.Has("Statement") && (node.Has("UserDetailList") || node.Has("RoleDetailList") || node.Has("GroupDetailList") || (node.Has("Policies") && (node.Has("IsTruncated") || node.Has("Marker"))));

    private static DetailsContent Account(string? file, System.Action<AccountDetails> read)
    {
        var account = new AccountDetails { File = file };
        read(account);
        return new DetailsContent(account.Inputs, account);
    }

    private static DetailsContent Single(PolicyInput input) => new(new[] { input }, null);

    private static PolicyParseException NoDocument(string message) =>
        new(ErrorIds.PolicyDocumentMissing, PolicyErrorKind.InvalidData, message);

    private static void ReadPage(IDetailsNode page, AccountDetails account, AuthorizationDetailsOptions options)
    {
        foreach (var policy in page.Items("Policies")) ReadManaged(policy, account, options);
        foreach (var user in page.Items("UserDetailList")) ReadPrincipal(user, account, PolicyOwnerKind.User, "UserName", "UserPolicyList");
        foreach (var group in page.Items("GroupDetailList")) ReadGroup(group, account);
        foreach (var role in page.Items("RoleDetailList")) ReadPrincipal(role, account, PolicyOwnerKind.Role, "RoleName", "RolePolicyList");
    }

    private static void ReadManaged(IDetailsNode policy, AccountDetails account, AuthorizationDetailsOptions options)
    {
        var arn = policy.Text("Arn");
        var policyName = policy.Text("PolicyName");
        var name = arn ?? policyName ?? "policy";
        var report = !AuthorizationDetails.IsAwsManaged(arn) || options.IncludeAwsManaged;
        var defaultVersionId = policy.Text("DefaultVersionId");
        PolicyInput? defaultVersion = null;
        foreach (var version in policy.Items("PolicyVersionList"))
        {
            var versionId = version.Text("VersionId");
            var isDefault = version.IsTrue("IsDefaultVersion") || (versionId is not null && versionId == defaultVersionId);
            if (version.Document("Document") is not { } document) continue;
            var input = new PolicyInput(new PolicySource(name, arn, versionId, null, policyName, account.File, isDefault), document.Text, document.Line, document.IsOneLine);
            if (isDefault) defaultVersion = input;
            if (report && (isDefault || options.AllVersions)) account.Inputs.Add(input);
        }
        if (arn is not null) account.AddManaged(new ManagedPolicyEntry(arn, policyName, defaultVersion));
    }

    private static void ReadPrincipal(IDetailsNode entity, AccountDetails account, PolicyOwnerKind kind, string nameProperty, string listProperty)
    {
        var owner = entity.Text(nameProperty) ?? "(unnamed)";
        var principal = new PrincipalEntry(entity.Text("Arn") ?? kind.ToString().ToLowerInvariant() + "/" + owner, owner);
        ReadInline(entity, account, kind, owner, listProperty, principal.Inline);
        ReadAttached(entity, principal.Attached);
        foreach (var group in entity.Strings("GroupList")) principal.Groups.Add(group);
        principal.BoundaryArn = entity.Child("PermissionsBoundary")?.Text("PermissionsBoundaryArn");
        (kind == PolicyOwnerKind.Role ? account.Roles : account.Users).Add(principal);
    }

    private static void ReadGroup(IDetailsNode entity, AccountDetails account)
    {
        var name = entity.Text("GroupName") ?? "(unnamed)";
        var group = new GroupEntry(name);
        ReadInline(entity, account, PolicyOwnerKind.Group, name, "GroupPolicyList", group.Inline);
        ReadAttached(entity, group.Attached);
        account.AddGroup(group);
    }

    private static void ReadInline(IDetailsNode entity, AccountDetails account, PolicyOwnerKind kind, string owner, string listProperty, List<PolicyInput> inline)
    {
        foreach (var policy in entity.Items(listProperty))
        {
            var policyName = policy.Text("PolicyName") ?? "(unnamed)";
            if (policy.Document("PolicyDocument") is not { } document) continue;
            var source = new PolicySource(AuthorizationDetails.InlineName(kind, owner, policyName), null, null, new PolicyOwner(kind, owner), policyName, account.File, true);
            var input = new PolicyInput(source, document.Text, document.Line, document.IsOneLine);
            inline.Add(input);
            account.Inputs.Add(input);
        }
    }

    private static void ReadAttached(IDetailsNode entity, List<string> attached)
    {
        foreach (var policy in entity.Items("AttachedManagedPolicies"))
        {
            if (policy.Text("PolicyArn") is { } arn) attached.Add(arn);
        }
    }

    private static PolicyInput FromPolicyVersion(IDetailsNode version, string? file, string? boundArn, string? boundVersion)
    {
        var versionId = boundVersion ?? version.Text("VersionId");
        var document = version.Document("Document")
            ?? throw NoDocument($"The {version.TypeName}{(versionId is null ? "" : " " + versionId)} has no Document; aws iam list-policy-versions and Get-IAMPolicyVersionList return versions without documents, aws iam get-policy-version and Get-IAMPolicyVersion return them with.");
        bool? isDefault = version.Has("IsDefaultVersion") ? version.IsTrue("IsDefaultVersion") : null;
        var name = boundArn ?? file ?? "PolicyVersion" + (versionId is null ? "" : " " + versionId);
        return new PolicyInput(new PolicySource(name, boundArn, versionId, null, null, file, isDefault), document.Text, document.Line, document.IsOneLine);
    }

    private static PolicyInput FromInlineResponse(IDetailsNode item, string? file, string? boundArn, string? boundVersion)
    {
        var policyName = item.Text("PolicyName");
        PolicyOwner? owner = null;
        if (item.Text("RoleName") is { } role) owner = new PolicyOwner(PolicyOwnerKind.Role, role);
        else if (item.Text("UserName") is { } user) owner = new PolicyOwner(PolicyOwnerKind.User, user);
        else if (item.Text("GroupName") is { } group) owner = new PolicyOwner(PolicyOwnerKind.Group, group);
        var document = item.Document("PolicyDocument")
            ?? throw NoDocument($"The {item.TypeName} {policyName} has no PolicyDocument.");
        var arn = boundArn ?? item.Text("PolicyArn");
        var name = owner is not null && policyName is not null
            ? AuthorizationDetails.InlineName(owner.Kind, owner.Name, policyName)
            : arn ?? file ?? policyName ?? item.TypeName;
        var source = owner is null
            ? new PolicySource(name, arn, boundVersion ?? item.Text("VersionId"), null, policyName, file)
            : new PolicySource(name, null, null, owner, policyName, file, true);
        return new PolicyInput(source, document.Text, document.Line, document.IsOneLine);
    }
}

/// <summary>What <see cref="DetailsWalker"/> found: the documents, and the account when they came from authorization details.</summary>
internal sealed class DetailsContent
{
    public DetailsContent(IReadOnlyList<PolicyInput> inputs, AccountDetails? account)
    {
        Inputs = inputs;
        Account = account;
    }

    public IReadOnlyList<PolicyInput> Inputs { get; }

    public AccountDetails? Account { get; }
}
