# Help source for Test-IamPolicyResourceSupport. Format: module/help/README.md.
@{
    Synopsis    = 'Finds the statements of IAM policies that cannot work as written, in every AWS service of the capability map.'

    Description = @'
Test-IamPolicyResourceSupport is Test-Ec2PolicyResourceSupport for every AWS service of the capability map: the same input, output, switches, errors and views, with -Service to narrow the check. It checks every action that an IAM policy names, in every service, against the AWS Service Authorization Reference (the capability map embedded in the module) and writes one finding for each statement that cannot work: an action scoped to ARNs although it supports no resource-level permissions (ec2:DescribeVolumes on volume/*), resources of a type the action does not accept, a multi-resource action such as ec2:RunInstances with a required resource type that no Allow statement allows, a malformed or placeholder ARN, an action name that does not exist, and a condition key that requests for the action never carry.

Outside EC2 the reference is less reliable, so a finding is an Error only where AWS's documentation says so, and the evidence (a documentation link and quote, in the module's data/service-evidence.yaml) stands behind it: for example s3:ListAllMyBuckets scoped to one bucket, or kms:ListKeys scoped to key ARNs. Other ResourceLevelPermissionsNotSupported and ResourceTypeMismatch findings outside EC2 are Warnings whose message says that the reference lists no (or other) resource types for the action. RequiredResourceTypeMissing is reported only for services whose required resource types are known to be all needed in one request (EC2), and ConditionKeyNotSupported is at most a Warning outside EC2. Request forms that AWS documents and the reference leaves out are known and give no finding: CloudWatch Logs' log-group:name:* ARNs, logs:DescribeLogGroups on log-group:*, iam:ListUsers on a user path (user/division_abc/*), AWS Backup's recovery-point ARNs, and s3:ListAllMyBuckets on arn:aws:s3:::*.

It reasons over the whole policy the way IAM evaluates a request: ec2:AttachVolume allowed on instance/* in one statement and on volume/* in another is fine, and a mismatch that another statement of the same effect makes harmless is reported as Information, not Error.

Input can be policy files (-Path, -LiteralPath, or Get-ChildItem output), JSON text (plain or URL-encoded, as IAM returns it), or the objects that AWS.Tools.IdentityManagement writes: Get-IAMPolicyVersion, Get-IAMRolePolicy, Get-IAMUserPolicy, Get-IAMGroupPolicy and Get-IAMAccountAuthorizationDetail (every managed and inline policy of the account). The module never calls AWS and needs no credentials, and AWS.Tools need not be installed.

Input that cannot be analysed (invalid JSON, JSON that is not a policy, a missing file) gives a non-terminating error with a stable error id such as PolicyJsonInvalid, and the next input is analysed.

By default the cmdlet writes findings. -Quiet writes one boolean per document instead, and -PassThru one PolicyTestResult per document (with its findings), so that documents without findings are counted too, for example by ConvertTo-Ec2PolicyJUnit.
'@

    Parameters  = @{
        Service           = @'
Only the findings of these services: prefixes as in action names (s3, lambda, sagemaker), with * and ? wildcards (*sagemaker*). A name or pattern that matches no service of the capability map is a terminating error (ServiceNotInCapabilityMap), so a typo does not pass as "no findings". Tab completion lists the services of the map. By default every service of the map is checked.
'@
        Path              = @'
One or more policy files. Wildcards are expanded. A file may hold one policy document, or the JSON that 'aws iam get-account-authorization-details' writes, whose documents are all analysed.
'@
        LiteralPath       = @'
One or more policy files, taken as written: no wildcard expansion. Get-ChildItem output binds here by its PSPath property.
'@
        InputObject       = @'
A policy document from the pipeline: JSON text (plain, or URL-encoded as the IAM API returns it), a FileInfo, or an object of AWS.Tools.IdentityManagement (PolicyVersion, GetRolePolicyResponse and the other inline policy responses, ManagedPolicyDetail, RoleDetail, UserDetail, GroupDetail, GetAccountAuthorizationDetailsResponse) or of the same shape, or a policy made in PowerShell: a hashtable, [ordered] dictionary or ConvertFrom-Json output with a Statement. Lines of a file piped from Get-Content without -Raw are put back together and checked as that file.
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
Writes one boolean per document instead of findings: True when the document has no Error finding, False when it has one or could not be read.
'@
        PassThru          = @'
Writes one PolicyTestResult per document instead of findings: Source, Status (Passed, Failed or Unreadable), the counts of errors, warnings and information, the Findings, and for a document that could not be read the InputErrorId and InputError. Documents without findings are included. Cannot be combined with -Quiet.
'@
    }

    ParameterDefaults = @{
        Service           = 'Every service of the capability map'
        CapabilityMapPath = 'The embedded map'
    }

    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Policy JSON text, plain or URL-encoded.' }
        @{ Type = 'System.IO.FileInfo'; Description = 'Policy files, for example from Get-ChildItem -Filter *.json.' }
        @{ Type = 'Amazon.IdentityManagement.Model.PolicyVersion'; Description = 'Get-IAMPolicyVersion output; pass -PolicyArn along. Inline policy responses (Get-IAMRolePolicy, Get-IAMUserPolicy, Get-IAMGroupPolicy), ManagedPolicyDetail and the Role/User/GroupDetail objects work the same way.' }
        @{ Type = 'Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse'; Description = 'Get-IAMAccountAuthorizationDetail output: every managed and inline policy of the account.' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Analysis.PolicyFinding'; Description = 'By default: one finding per statement, code and severity, with Source, PolicyArn, VersionId, StatementIndex (0-based), Sid, Effect, Code, Severity, Actions, Resources, Message and Line (1-based, for files and text). The console shows them as a table grouped by Source.' }
        @{ Type = 'PolicyTools.Analysis.PolicyTestResult'; Description = 'With -PassThru: one result per document.' }
        @{ Type = 'System.Boolean'; Description = 'With -Quiet: one boolean per document.' }
    )

    Notes       = @'
The finding codes, the repair rules and how to update the capability map are described in about_PolicyTools.

Test-Ec2PolicyResourceSupport is this cmdlet with -Service ec2: for EC2 both give the same findings. A statement that reaches a service only through a cross-service wildcard ("Action": "*" or NotAction) and names none of its resources is about other services and gives no finding for it. The embedded capability map holds the services listed by Get-Ec2CapabilityMap; give a map of more services, written by the converter, with -CapabilityMapPath.

Findings are plain objects: Export-Csv writes Actions and Resources as comma-separated values.
'@

    Examples    = @(
        @{
            Title   = 'Check S3 and KMS only'
            Code    = @'
Test-IamPolicyResourceSupport -Path ./policies/*.json -Service s3, kms |
    Where-Object Severity -eq Error
'@
            Remarks = @'
-Service narrows the check to the services named (wildcards allowed, tab completion lists them). Outside EC2 an Error is a statement that AWS's documentation says cannot work, such as s3:ListAllMyBuckets on arn:aws:s3:::my-bucket or kms:ListKeys on a key ARN; the others are Warnings.
'@
        }
        @{
            Title   = 'Check a policy file interactively'
            Code    = @'
Test-IamPolicyResourceSupport -Path ./classic-describe-volumes.json

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
Get-IAMAccountAuthorizationDetail | Test-IamPolicyResourceSupport | Export-Csv ./policy-audit.csv -NoTypeInformation

Get-IAMAccountAuthorizationDetail | Test-IamPolicyResourceSupport -AllVersions -IncludeAwsManaged |
    Group-Object Code | Sort-Object Count -Descending | Select-Object Count, Name
'@
            Remarks = @'
Get-IAMAccountAuthorizationDetail (AWS.Tools.IdentityManagement) returns every customer managed policy, with its versions, and every inline policy of the account's users, groups and roles, page by page. Findings name managed policies by ARN and inline policies as role/<RoleName>/<PolicyName>. The second command also looks at non-default versions and AWS managed policies and counts the findings by code.
'@
        }
        @{
            Title   = 'Check the default version of each customer managed policy'
            Code    = @'
Get-IAMPolicyList -Scope Local | ForEach-Object {
    Get-IAMPolicyVersion -PolicyArn $_.Arn -VersionId $_.DefaultVersionId |
        Test-IamPolicyResourceSupport -PolicyArn $_.Arn
}
'@
            Remarks = @'
PolicyVersion objects carry the URL-encoded document and the version id, but not the policy ARN, so -PolicyArn passes it along; the findings then carry PolicyArn and VersionId, ready for Repair-Ec2PolicyResource and New-IAMPolicyVersion.
'@
        }
        @{
            Title   = 'Gate a pull request on the policy files of a repository'
            Code    = @'
$results = Test-IamPolicyResourceSupport -Path ./policies/*.json -PassThru
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
if ($policy | Test-IamPolicyResourceSupport -Quiet) {
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
Get-ChildItem ./policies -Recurse -Filter *.json | Where-Object { -not (Test-IamPolicyResourceSupport -LiteralPath $_.FullName -Quiet) }
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
Test-IamPolicyResourceSupport -Path ./policy.json -CapabilityMapPath ./ec2-capability-map.yaml
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
