# Help source for Test-Ec2PolicyResourceSupport. Format: module/help/README.md.
@{
    Synopsis    = 'Finds the EC2 statements of IAM policies that cannot work as written.'

    Description = @'
Test-Ec2PolicyResourceSupport checks every EC2 action that an IAM policy names against the AWS Service Authorization Reference (the capability map embedded in the module) and writes one finding for each statement that cannot work: an action scoped to ARNs although it supports no resource-level permissions (ec2:DescribeVolumes on volume/*), resources of a type the action does not accept, a multi-resource action such as ec2:RunInstances with a required resource type that no Allow statement allows, a malformed or placeholder ARN, an action name that does not exist, and a condition key that requests for the action never carry.

It reasons over the whole policy the way IAM evaluates a request: ec2:AttachVolume allowed on instance/* in one statement and on volume/* in another is fine, and a mismatch that another statement of the same effect makes harmless is reported as Information, not Error, but only when that statement applies to the same requests at least as broadly (no Condition, or one the flagged statement's requests always meet); otherwise the finding keeps its severity and says under which condition the other statement works. AWS's cross-service condition keys (ec2:SourceInstanceArn, glue:RoleAssumedBy, lambda:SourceFunctionArn and the others on AWS's global condition keys page) count as carried by every action, and the account segment aws is valid where AWS names its own resources so (managed prefix lists).

Input can be policy files (-Path, -LiteralPath, or Get-ChildItem output), JSON text (plain or URL-encoded, as IAM returns it), the objects that AWS.Tools.IdentityManagement writes (Get-IAMPolicyVersion, Get-IAMRolePolicy, Get-IAMUserPolicy, Get-IAMGroupPolicy and Get-IAMAccountAuthorizationDetail, every managed and inline policy of the account), or the AWS CLI's JSON, through ConvertFrom-Json or as a file: get-account-authorization-details (whole, or its lists piped alone), get-policy-version, get-role-policy, get-user-policy and get-group-policy. An object without a document (list-policy-versions entries, Get-IAMPolicy) is an error that says which command gives the document. The module never calls AWS and needs no credentials, and AWS.Tools need not be installed.

Authorization details are judged principal by principal, the way IAM evaluates a request against all identity policies of a user (its inline and attached policies and those of its groups) or a role. A statement in another of the principal's policies makes an action work, or a resource type allowed, exactly as one in the same policy would. Findings stay one per policy statement; AffectedPrincipals lists the ARNs of the users and roles for which the problem holds. An Error that holds for no principal the policy reaches becomes Information naming the policy that covers it; a policy attached to nobody is judged alone, as is a version that is not the default (-AllVersions). A permissions boundary must allow an action by itself, so its Errors hold for every principal it bounds. The pages of Get-IAMAccountAuthorizationDetail (and lists piped alone) are one account: their findings are written when the pipeline ends. Single documents (files, text, PolicyVersion objects) are judged alone.

Source names the policy the same way whatever the input form: a managed policy's ARN (the version is in VersionId, and IsDefaultVersion says whether it is in effect), role/<RoleName>/<PolicyName> (user/..., group/...) for an inline policy, the path of a file that holds one policy, <string> or <object> for piped text and objects. File is the file the document was read from, so a finding from an authorization-details file names both, and its Line is the line in that file.

-Verbose says what was read (for authorization details: the documents, users, groups, roles and managed policies) and ends with a summary: documents checked, findings by severity, and the date of the capability map. When the map is older than 90 days, the first check of the session warns, with the commands that make a current one.

Input that cannot be analysed (invalid JSON, JSON that is not a policy, a missing file) gives a non-terminating error with a stable error id such as PolicyJsonInvalid, and the next input is analysed.

By default the cmdlet writes findings. -Quiet writes one boolean per document instead, and -PassThru one PolicyTestResult per document (with its findings), so that documents without findings are counted too, for example by ConvertTo-Ec2PolicyJUnit.
'@

    Parameters  = @{
        Path              = @'
One or more policy files. Wildcards are expanded. A file may hold one policy document, or the JSON that 'aws iam get-account-authorization-details' writes, whose documents are all analysed. '[' and ']' are wildcards too: a file whose name has them is read with -LiteralPath (the error for a -Path that matches nothing says so).
'@
        LiteralPath       = @'
One or more policy files, taken as written: no wildcard expansion. Get-ChildItem output binds here by its PSPath property.
'@
        InputObject       = @'
A policy document from the pipeline: JSON text (plain, or URL-encoded as the IAM API returns it), a FileInfo, or an object of AWS.Tools.IdentityManagement (PolicyVersion, GetRolePolicyResponse and the other inline policy responses, ManagedPolicyDetail, RoleDetail, UserDetail, GroupDetail, GetAccountAuthorizationDetailsResponse) or of the same shape, or a policy made in PowerShell: a hashtable, [ordered] dictionary or ConvertFrom-Json output with a Statement. Lines of a file piped from Get-Content without -Raw are put back together and checked as that file. $null is skipped.
'@
        PolicyArn         = @'
The ARN of the policy that a piped document belongs to. PolicyVersion objects from Get-IAMPolicyVersion do not carry it, so pass it along; it becomes the Source and PolicyArn of the findings. Binds by property name (alias Arn).
'@
        VersionId         = @'
The version id (v3) of the piped document, when the input object does not carry it. Binds by property name.
'@
        AllVersions       = @'
For account authorization details: analyse every stored version of each customer managed policy, not only the default version.
'@
        IncludeAwsManaged = @'
For account authorization details: analyse the AWS managed policies (arn:aws:iam::aws:policy/...) too. They are skipped by default because you cannot change them.
'@
        CapabilityMapPath = @'
A capability map file to use instead of the embedded one, for example a newer one written by ConvertTo-Ec2CapabilityMap from the AWS service reference JSON. The map is read once per file and cached until the file changes.
'@
        Quiet             = @'
Writes one boolean per document instead of findings: True when the document has no Error finding, False when it has one or could not be read. With -Verbose each boolean is paired with its Source in a verbose message; to keep the pairs, use -PassThru | Select-Object Source, File, Passed instead.
'@
        PassThru          = @'
Writes one PolicyTestResult per document instead of findings: Source, File, PolicyArn, VersionId, IsDefaultVersion, Status (Passed, Failed or Unreadable), the counts of errors, warnings and information, the Findings, and for a document that could not be read the InputErrorId and InputError. Documents without findings are included. Cannot be combined with -Quiet.
'@
    }

    ParameterDefaults = @{
        CapabilityMapPath = 'The embedded map'
    }

    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Policy JSON text, plain or URL-encoded.' }
        @{ Type = 'System.IO.FileInfo'; Description = 'Policy files, for example from Get-ChildItem -Filter *.json.' }
        @{ Type = 'Amazon.IdentityManagement.Model.PolicyVersion'; Description = 'Get-IAMPolicyVersion output; pass -PolicyArn along. Inline policy responses (Get-IAMRolePolicy, Get-IAMUserPolicy, Get-IAMGroupPolicy), ManagedPolicyDetail and the Role/User/GroupDetail objects work the same way.' }
        @{ Type = 'Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse'; Description = 'Get-IAMAccountAuthorizationDetail output: every managed and inline policy of the account.' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Analysis.PolicyFinding'; Description = 'By default: one finding per statement, code and severity, with Source, PolicyArn, VersionId, File, IsDefaultVersion, StatementIndex (0-based), Sid, Effect, Code, Severity, Actions, Resources, Message, Line (1-based, for files and text; in an authorization-details file, the line in that file) and AffectedPrincipals (for authorization details: the users and roles for which the problem holds). The console shows them as a table grouped by Source.' }
        @{ Type = 'PolicyTools.Analysis.PolicyTestResult'; Description = 'With -PassThru: one result per document.' }
        @{ Type = 'System.Boolean'; Description = 'With -Quiet: one boolean per document.' }
    )

    Notes       = @'
The finding codes, the repair rules and how to update the capability map are described in about_PolicyTools.

A policy can be fine for EC2 and still wrong for other services: only EC2 actions are checked; Test-IamPolicyResourceSupport checks every service of the capability map, and with -Service ec2 gives exactly these findings. Statements that reach EC2 only through a cross-service wildcard ("Action": "*" or NotAction) and name no EC2 resources are about other services and give no finding.

Findings are plain objects: Export-Csv writes Actions and Resources as comma-separated values.
'@

    Examples    = @(
        @{
            Title   = 'Audit an account from the AWS CLI, principal by principal'
            Code    = @'
aws iam get-account-authorization-details > gaad.json
Test-Ec2PolicyResourceSupport -Path ./gaad.json | Where-Object Severity -eq Error |
    Select-Object Source, Line, Code, @{ n = 'Principals'; e = { $_.AffectedPrincipals -join ', ' } }

Get-Content ./gaad.json -Raw | ConvertFrom-Json | Test-Ec2PolicyResourceSupport
'@
            Remarks = @'
The same findings from the file and from ConvertFrom-Json. From the file, Line is the line of the statement in gaad.json and File names it. AffectedPrincipals lists the users and roles whose requests fail; a policy attached to nobody has none and is judged alone.
'@
        }
        @{
            Title   = 'Check a policy file interactively'
            Code    = @'
Test-Ec2PolicyResourceSupport -Path ./classic-describe-volumes.json

   Source: /home/ana/policies/classic-describe-volumes.json

Line Stmt Severity    Code                                 Message
---- ---- --------    ----                                 -------
   4    0 Error       InvalidArn                           'arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*' has account 'AWS_ACCOUNT_ID', which is not a 12-digit account id (a placeholder left in?), so it matches nothing.
   4    0 Error       ResourceLevelPermissionsNotSupported This Allow grants nothing for ec2:DescribeVolumes: it does not support resource-level permissions, so only "Resource": "*" lets it through and the call fails with UnauthorizedOperation.
'@
            Remarks = @'
The classic mistake: ec2:DescribeVolumes scoped to volume ARNs. IAM accepts the policy and the policy simulator says the call is allowed, yet the real call fails with UnauthorizedOperation. With "Resource": "*" the same file gives no finding.
'@
        }
        @{
            Title   = 'Audit every policy of an account'
            Code    = @'
Get-IAMAccountAuthorizationDetail | Test-Ec2PolicyResourceSupport | Export-Csv ./ec2-policy-audit.csv -NoTypeInformation

Get-IAMAccountAuthorizationDetail | Test-Ec2PolicyResourceSupport -AllVersions -IncludeAwsManaged |
    Group-Object Code | Sort-Object Count -Descending | Select-Object Count, Name
'@
            Remarks = @'
Get-IAMAccountAuthorizationDetail (AWS.Tools.IdentityManagement) returns every customer managed policy, with its versions, and every inline policy of the account's users, groups and roles, page by page. Each user and role is judged with all its policies together: AffectedPrincipals names those for which a finding holds, and an Error that another policy of every principal covers is Information. Findings name managed policies by ARN and inline policies as role/<RoleName>/<PolicyName>. The second command also looks at non-default versions and AWS managed policies and counts the findings by code.
'@
        }
        @{
            Title   = 'Check the default version of each customer managed policy'
            Code    = @'
Get-IAMPolicyList -Scope Local | ForEach-Object {
    Get-IAMPolicyVersion -PolicyArn $_.Arn -VersionId $_.DefaultVersionId |
        Test-Ec2PolicyResourceSupport -PolicyArn $_.Arn
}
'@
            Remarks = @'
PolicyVersion objects carry the URL-encoded document and the version id, but not the policy ARN, so -PolicyArn passes it along; the findings then carry PolicyArn and VersionId, ready for Repair-Ec2PolicyResource and New-IAMPolicyVersion.
'@
        }
        @{
            Title   = 'Gate a pull request on the policy files of a repository'
            Code    = @'
$results = Test-Ec2PolicyResourceSupport -Path ./policies/*.json -PassThru
$results | ConvertTo-Ec2PolicyJUnit -OutFile ./out/policy-tests.xml
$results | ConvertTo-Ec2PolicySarif -OutFile ./out/policies.sarif
if ($results | Where-Object Status -ne Passed) { exit 1 }
'@
            Remarks = @'
-PassThru writes one result per file, including the files without findings and the files that are not valid policies, so the JUnit report lists every file as a test case. The SARIF log goes to GitHub code scanning (github/codeql-action/upload-sarif).
'@
        }
        @{
            Title   = 'Check a policy built in PowerShell before creating it'
            Code    = @'
$policy = @{
    Version   = '2012-10-17'
    Statement = @(@{ Effect = 'Allow'; Action = 'ec2:RunInstances'; Resource = 'arn:aws:ec2:*:123456789012:instance/*' })
}
if ($policy | Test-Ec2PolicyResourceSupport -Quiet) {
    New-IAMPolicy -PolicyName RunInstances -PolicyDocument ($policy | ConvertTo-Json -Depth 10)
}
'@
            Remarks = @'
A hashtable, an [ordered] dictionary or ConvertFrom-Json output with a Statement is checked like the same policy as JSON text (findings name it <object>; their lines count in that policy written out as JSON). This one is refused: RunInstances also needs image, network interface, security group and subnet ARNs allowed.
'@
        }
        @{
            Title   = 'One verdict per document'
            Code    = @'
Get-ChildItem ./policies -Recurse -Filter *.json | Where-Object { -not (Test-Ec2PolicyResourceSupport -LiteralPath $_.FullName -Quiet) }
'@
            Remarks = @'
-Quiet writes True for a document without Error findings and False otherwise; this lists the files that need attention.
'@
        }
        @{
            Title   = 'Use a newer capability map'
            Code    = @'
Invoke-WebRequest https://servicereference.us-east-1.amazonaws.com/v1/ec2/ec2.json -OutFile ./ec2.json
ConvertTo-Ec2CapabilityMap -Path ./ec2.json -OutFile ./ec2-capability-map.yaml
Test-Ec2PolicyResourceSupport -Path ./policy.json -CapabilityMapPath ./ec2-capability-map.yaml
'@
            Remarks = @'
When AWS adds actions or resource types after the embedded map was built (UnknownAction names the map's date), download AWS's current service reference JSON for EC2, convert it, and pass the result with -CapabilityMapPath.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'ConvertTo-Ec2PolicySarif'
        'ConvertTo-Ec2PolicyJUnit'
        'Repair-Ec2PolicyResource'
        'Get-Ec2ActionCapability'
    )
}
