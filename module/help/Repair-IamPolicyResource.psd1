# Help source for Repair-IamPolicyResource. Format: module/help/README.md.
@{
    Synopsis    = 'Repairs the statements of IAM policies that cannot work, in every AWS service of the capability map, without widening what they allow.'

    Description = @'
Repair-IamPolicyResource takes the same input as Test-IamPolicyResourceSupport (policy files, JSON text, and the objects of AWS.Tools.IdentityManagement) and writes one PolicyRepairResult per document: the repaired policy as plain JSON (PolicyDocument), the original, whether it Changed, each change in words (Changes), and the findings it left (Unrepaired), each saying why.

It is Repair-Ec2PolicyResource for every AWS service of the capability map, with -Service to narrow it; for EC2 both make the same repair. It repairs Error findings only: outside EC2 those are the ones AWS's documentation stands behind (s3:ListAllMyBuckets scoped to a bucket gets a "Resource": "*" statement), while Warnings, whose claim rests on the reference alone, are listed in Unrepaired and left as they are.

It repairs the two codes whose fix is certain:

- ResourceLevelPermissionsNotSupported: the actions that support no resource-level permissions move to a new statement with "Resource": "*", the same Effect and the same Condition, right after the original; a statement whose every action moves just gets "*". When every ARN of the statement names one region or account, the new statement keeps that scope with aws:RequestedRegion and aws:ResourceAccount (StringEqualsIfExists) conditions, unless -NoScopeCondition. A wildcard such as ec2:Describe* that also covers actions that accept ARNs is split in an Allow, so none of those is widened; a Deny keeps its wildcard.
- RequiredResourceTypeMissing: ARNs of the missing required types are added in the partition, region and account of the ARNs already granted (image ARNs have no account), in the statement itself or in a new statement for just the actions that need them.

Everything else is kept: statement order, Sids (new ones are unique), key order, conditions, the statements of other services, Version. Repairing a repaired policy changes nothing. ResourceTypeMismatch, InvalidArn, UnknownAction and ConditionKeyNotSupported are not repaired, since which resources or keys the author meant cannot be known; they are listed in Unrepaired.

A repaired document must fit IAM's size limit for its kind (managed policy 6,144 characters without white space; inline: role 10,240, group 5,120, user 2,048). A fix that does not fit is not made, and Changes says so and whether -CompactActions would make it fit.

The cmdlet never calls AWS. Its results bind by property name to New-IAMPolicyVersion (PolicyArn, PolicyDocument) and to Write-IAMRolePolicy, Write-IAMUserPolicy and Write-IAMGroupPolicy (RoleName, UserName or GroupName, PolicyName, PolicyDocument), which store them. Files change only with -InPlace, under -WhatIf and -Confirm.
'@

    Parameters  = @{
        Service           = @'
Only the findings of these services are repaired: prefixes as in action names (s3, lambda, sagemaker), with * and ? wildcards (*sagemaker*). A name or pattern that matches no service of the capability map is a terminating error (ServiceNotInCapabilityMap), so a typo does not pass as "no findings". Tab completion lists the services of the map. By default every service of the map is repaired. Whatever the services, no ARN is added where another action of the statement, in any service, could act on it.
'@
        Path              = @'
One or more policy files. Wildcards are expanded. A file may hold one policy document, or the JSON that 'aws iam get-account-authorization-details' writes, whose documents are all repaired (in the results only; -InPlace rewrites single-policy files).
'@
        LiteralPath       = @'
One or more policy files, taken as written: no wildcard expansion. Get-ChildItem output binds here by its PSPath property.
'@
        InputObject       = @'
A policy document from the pipeline: JSON text (plain, or URL-encoded as the IAM API returns it), a FileInfo, or an object of AWS.Tools.IdentityManagement (PolicyVersion, GetRolePolicyResponse and the other inline policy responses, ManagedPolicyDetail, RoleDetail, UserDetail, GroupDetail, GetAccountAuthorizationDetailsResponse) or of the same shape, or a policy made in PowerShell: a hashtable, [ordered] dictionary or ConvertFrom-Json output with a Statement. Lines of a file piped from Get-Content without -Raw are put back together and checked as that file.
'@
        PolicyArn         = @'
The ARN of the policy that a piped document belongs to. PolicyVersion objects from Get-IAMPolicyVersion do not carry it, so pass it along: it becomes the result's PolicyArn, which New-IAMPolicyVersion binds. Binds by property name (alias Arn); an empty value counts as none.
'@
        VersionId         = @'
The version id (v3) of the piped document, when the input object does not carry it. Binds by property name.
'@
        AllVersions       = @'
For account authorization details: repair every stored version of each customer managed policy, not only the default version.
'@
        IncludeAwsManaged = @'
For account authorization details: repair the AWS managed policies too. They are skipped by default because you cannot change them; their results show what a copy would need.
'@
        CapabilityMapPath = @'
A capability map file (ConvertTo-Ec2CapabilityMap output) to judge and repair against instead of the embedded one; -CompactActions uses its action list too.
'@
        InPlace           = @'
Rewrites each changed policy file (-Path, -LiteralPath, or piped files) with its repaired document, atomically, keeping its encoding (UTF-8 with or without BOM, UTF-16) and line endings. A file that changed after it was read is not rewritten (RepairFileChanged). Input that is not a single-policy file gives a RepairInPlaceNotAFile or RepairInPlaceNotAPolicyFile error, and the result is still written. Supports -WhatIf and -Confirm.
'@
        NoScopeCondition  = @'
Leaves out the aws:RequestedRegion and aws:ResourceAccount conditions that otherwise keep the region and account of a statement's ARNs on the new "Resource": "*" statement.
'@
        SizeLimit         = @'
The most characters (not counting white space) a repaired document may have. Use it for files, whose kind IAM cannot tell: 10240 for a role's inline policy, 5120 for a group's, 2048 for a user's.
'@
        CompactActions    = @'
Names the actions of a new "Resource": "*" statement with the fewest prefix patterns that match exactly those actions in the capability map (ec2:DescribeVpc*), so that a large split such as ec2:Describe* fits IAM's size limit. An action that AWS adds later under such a prefix would be allowed too, so it is not the default.
'@
    }

    ParameterDefaults = @{
        Service           = 'Every service of the capability map'
        CapabilityMapPath = 'The embedded map'
        SizeLimit         = 'IAM''s limit for the kind of the document: managed (and files, text) 6,144; inline role 10,240, group 5,120, user 2,048'
    }

    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Policy JSON text, plain or URL-encoded.' }
        @{ Type = 'System.IO.FileInfo'; Description = 'Policy files, for example from Get-ChildItem -Filter *.json.' }
        @{ Type = 'Amazon.IdentityManagement.Model.PolicyVersion'; Description = 'Get-IAMPolicyVersion output; pass -PolicyArn along. Inline policy responses (Get-IAMRolePolicy, Get-IAMUserPolicy, Get-IAMGroupPolicy), ManagedPolicyDetail and the Role/User/GroupDetail objects work the same way.' }
        @{ Type = 'Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse'; Description = 'Get-IAMAccountAuthorizationDetail output: every managed and inline policy of the account.' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Repair.PolicyRepairResult'; Description = 'One per document: Source, PolicyArn, VersionId, PolicyName, RoleName, UserName, GroupName (those that do not apply are empty strings, so that a result never binds to the wrong AWS.Tools cmdlet), PolicyDocument (plain JSON; the original when nothing changed), OriginalDocument, Changed, Changes and Unrepaired (PolicyFinding objects). The console shows a table of Changed, the number of changes and of unrepaired findings, and Source.' }
    )

    Notes       = @'
The repair rules are described in about_PolicyTools (REPAIR RULES). Run Test-IamPolicyResourceSupport on the results' documents, or on the files after -InPlace, to see what is left.

New-IAMPolicyVersion keeps at most five versions of a managed policy: delete an old one (Remove-IAMPolicyVersion) first when a policy has five. Store repaired policies with -WhatIf first, and review the Changes.

Bad input gives the same non-terminating errors as Test-IamPolicyResourceSupport (PolicyJsonInvalid and so on), and the next document is repaired.
'@

    Examples    = @(
        @{
            Title   = 'Repair the customer managed policies of an account'
            Code    = @'
Get-IAMPolicyList -Scope Local | ForEach-Object {
    Get-IAMPolicyVersion -PolicyArn $_.Arn -VersionId $_.DefaultVersionId |
        Repair-IamPolicyResource -PolicyArn $_.Arn
} | Where-Object Changed | New-IAMPolicyVersion -SetAsDefault $true -WhatIf
'@
            Remarks = @'
Each changed result binds to New-IAMPolicyVersion by PolicyArn and PolicyDocument and becomes the new default version. Run it with -WhatIf first; the old version stays in IAM, so Set-IAMDefaultPolicyVersion can go back.
'@
        }
        @{
            Title   = 'Repair the inline policies of the account''s roles'
            Code    = @'
Get-IAMAccountAuthorizationDetail | Repair-IamPolicyResource |
    Where-Object { $_.Changed -and $_.RoleName } |
    Write-IAMRolePolicy -WhatIf
'@
            Remarks = @'
Results of inline policies carry RoleName (or UserName, GroupName), PolicyName and PolicyDocument, which Write-IAMRolePolicy binds; their PolicyArn is empty, so they never reach New-IAMPolicyVersion by mistake. Use Write-IAMUserPolicy and Write-IAMGroupPolicy for users and groups.
'@
        }
        @{
            Title   = 'Look at a repair interactively'
            Code    = @'
$result = Repair-IamPolicyResource -Path ./run-instances-missing-types.json
$result.Changes

Statement 0 (Sid LaunchInEast): ec2:RunInstances needs an allowed ARN of every required resource type; added "arn:aws:ec2:us-east-1::image/*", "arn:aws:ec2:us-east-1:123456789012:network-interface/*", "arn:aws:ec2:us-east-1:123456789012:security-group/*" and "arn:aws:ec2:us-east-1:123456789012:subnet/*", in the partition, region and account of the ARNs already granted.

$result.PolicyDocument | Test-IamPolicyResourceSupport
'@
            Remarks = @'
Nothing is written anywhere: the result holds the repaired document, and checking it again gives no finding.
'@
        }
        @{
            Title   = 'Repair the policy files of a repository'
            Code    = @'
Repair-IamPolicyResource -Path ./policies/*.json -InPlace -WhatIf

What if: Performing the operation "Rewrite with the repaired policy (1 change)" on target "/home/ana/repo/policies/classic-describe-volumes.json".

Repair-IamPolicyResource -Path ./policies/*.json -InPlace | Where-Object Changed | Format-List Source, Changes, Unrepaired
git diff policies/
'@
            Remarks = @'
Changed files are rewritten atomically in their own encoding and line endings, so the diff shows only the repair. Unrepaired lists what needs a person (a misspelt action, an ARN of the wrong type).
'@
        }
        @{
            Title   = 'A split that is too big for a managed policy'
            Code    = @'
(Repair-IamPolicyResource -Path ./describe-wildcard-on-instances.json).Changes

Not changed: the repaired policy would have 7,094 characters (not counting white space), over IAM's limit of 6,144 for a managed policy (...); with -CompactActions (prefix patterns for the exact actions) it would have 2,750 and fit. Split the policy, or repair it by hand.

Repair-IamPolicyResource -Path ./describe-wildcard-on-instances.json -CompactActions
'@
            Remarks = @'
ec2:Describe* on instance ARNs: 175 Describe actions must move to "Resource": "*" by name. -CompactActions names them with prefix patterns that match exactly those actions in the map, so the policy fits.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Test-IamPolicyResourceSupport'
        'Get-Ec2ActionCapability'
        'New-IAMPolicyVersion'
        'Write-IAMRolePolicy'
    )
}
