// Stand-ins for the AWS SDK for .NET v4 model types that AWS.Tools.IdentityManagement (v5) writes
// to the pipeline, with the same namespaces, names, property types and null-list behaviour
// (shared/docs/aws-tools-shapes.md). AWS.Tools cannot be installed here; the module must not need it.
using System;
using System.Collections.Generic;

namespace Amazon.IdentityManagement.Model
{
    public class PolicyVersion
    {
        public DateTime? CreateDate { get; set; }
        public string Document { get; set; }
        public bool? IsDefaultVersion { get; set; }
        public string VersionId { get; set; }
    }

    public class ManagedPolicy
    {
        public string Arn { get; set; }
        public int? AttachmentCount { get; set; }
        public DateTime? CreateDate { get; set; }
        public string DefaultVersionId { get; set; }
        public string Description { get; set; }
        public bool? IsAttachable { get; set; }
        public string Path { get; set; }
        public string PolicyId { get; set; }
        public string PolicyName { get; set; }
        public DateTime? UpdateDate { get; set; }
    }

    public class ManagedPolicyDetail
    {
        public string Arn { get; set; }
        public int? AttachmentCount { get; set; }
        public DateTime? CreateDate { get; set; }
        public string DefaultVersionId { get; set; }
        public string Description { get; set; }
        public bool? IsAttachable { get; set; }
        public string Path { get; set; }
        public int? PermissionsBoundaryUsageCount { get; set; }
        public string PolicyId { get; set; }
        public string PolicyName { get; set; }
        public List<PolicyVersion> PolicyVersionList { get; set; }
        public DateTime? UpdateDate { get; set; }
    }

    public class PolicyDetail
    {
        public string PolicyDocument { get; set; }
        public string PolicyName { get; set; }
    }

    public class AttachedPolicyType
    {
        public string PolicyArn { get; set; }
        public string PolicyName { get; set; }
    }

    public class AttachedPermissionsBoundary
    {
        public string PermissionsBoundaryArn { get; set; }
        public string PermissionsBoundaryType { get; set; }
    }

    public class RoleDetail
    {
        public string Arn { get; set; }
        public string AssumeRolePolicyDocument { get; set; }
        public List<AttachedPolicyType> AttachedManagedPolicies { get; set; }
        public DateTime? CreateDate { get; set; }
        public string Path { get; set; }
        public string RoleId { get; set; }
        public AttachedPermissionsBoundary PermissionsBoundary { get; set; }
        public string RoleName { get; set; }
        public List<PolicyDetail> RolePolicyList { get; set; }
    }

    public class UserDetail
    {
        public string Arn { get; set; }
        public List<AttachedPolicyType> AttachedManagedPolicies { get; set; }
        public DateTime? CreateDate { get; set; }
        public List<string> GroupList { get; set; }
        public string Path { get; set; }
        public AttachedPermissionsBoundary PermissionsBoundary { get; set; }
        public string UserId { get; set; }
        public string UserName { get; set; }
        public List<PolicyDetail> UserPolicyList { get; set; }
    }

    public class GroupDetail
    {
        public string Arn { get; set; }
        public List<AttachedPolicyType> AttachedManagedPolicies { get; set; }
        public DateTime? CreateDate { get; set; }
        public string GroupId { get; set; }
        public string GroupName { get; set; }
        public List<PolicyDetail> GroupPolicyList { get; set; }
        public string Path { get; set; }
    }

    public class GetAccountAuthorizationDetailsResponse
    {
        public List<GroupDetail> GroupDetailList { get; set; }
        public bool? IsTruncated { get; set; }
        public string Marker { get; set; }
        public List<ManagedPolicyDetail> Policies { get; set; }
        public List<RoleDetail> RoleDetailList { get; set; }
        public List<UserDetail> UserDetailList { get; set; }
        public long ContentLength { get; set; }
        public System.Net.HttpStatusCode HttpStatusCode { get; set; }
    }

    public class GetRolePolicyResponse
    {
        public string PolicyDocument { get; set; }
        public string PolicyName { get; set; }
        public string RoleName { get; set; }
    }

    public class GetUserPolicyResponse
    {
        public string PolicyDocument { get; set; }
        public string PolicyName { get; set; }
        public string UserName { get; set; }
    }

    public class GetGroupPolicyResponse
    {
        public string GroupName { get; set; }
        public string PolicyDocument { get; set; }
        public string PolicyName { get; set; }
    }
}
