BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:classic = @'
{ "Version": "2012-10-17",
  "Statement": [{ "Sid": "Stmt1414688041000", "Effect": "Allow",
                  "Action": ["ec2:DescribeVolumes"],
                  "Resource": ["arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*"] }] }
'@
    $script:classicFixed = $classic -replace '\["arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/\*"\]', '["*"]'
    $script:runInstances = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"}]}'
    $script:clean = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}'
    $script:arn = 'arn:aws:iam::123456789012:policy/Ops'
}

Describe 'Test-Ec2PolicyResourceSupport' {
    Context 'The classic DescribeVolumes mistake' {
        It 'reports an Error naming ec2:DescribeVolumes and the placeholder account, from a file' {
            $file = Join-Path $TestDrive 'classic.json'
            Set-Content -LiteralPath $file -Value $classic
            $findings = Test-Ec2PolicyResourceSupport -Path $file
            $rlp = $findings | Where-Object Code -eq 'ResourceLevelPermissionsNotSupported'
            $rlp.Severity | Should -Be 'Error'
            $rlp.Actions | Should -Be @('ec2:DescribeVolumes')
            $rlp.Message | Should -Match 'grants nothing for ec2:DescribeVolumes'
            $rlp.Message | Should -Match '"\*"'
            $rlp.Source | Should -Be $file
            $rlp.StatementIndex | Should -Be 0
            $rlp.Sid | Should -Be 'Stmt1414688041000'
            $rlp.Effect | Should -Be 'Allow'
            $rlp.Line | Should -Be 2
            $invalid = $findings | Where-Object Code -eq 'InvalidArn'
            $invalid.Resources | Should -Be @('arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*')
            $invalid.Message | Should -Match 'AWS_ACCOUNT_ID'
            $findings.Count | Should -Be 2
        }

        It 'gives no finding once the Resource is "*"' {
            $classicFixed | Test-Ec2PolicyResourceSupport | Should -BeNullOrEmpty
        }

        It 'reads a JSON string from the pipeline' {
            $findings = [IO.File]::ReadAllText((Join-Path (Get-RepoRoot) 'module/examples/classic-describe-volumes.json')) | Test-Ec2PolicyResourceSupport
            $findings.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
            $findings[0].Source | Should -Be '<string>'
        }

        It 'reads a URL-encoded PolicyVersion and binds -PolicyArn and VersionId' {
            $findings = New-PolicyVersion $classic 'v3' | Test-Ec2PolicyResourceSupport -PolicyArn $arn
            $findings.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
            $findings | ForEach-Object { $_.PolicyArn | Should -Be $arn; $_.VersionId | Should -Be 'v3'; $_.Source | Should -Be $arn }
        }

        It 'binds PolicyArn and VersionId by property name from a hand-made object' {
            $findings = [pscustomobject]@{ PolicyArn = $arn; VersionId = 'v9'; Document = ConvertTo-UrlEncoded $classic } | Test-Ec2PolicyResourceSupport
            $findings[0].PolicyArn | Should -Be $arn
            $findings[0].VersionId | Should -Be 'v9'
        }

        It 'decodes exactly once: a literal %41 in a condition value stays %41' {
            $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:*:*:instance/*","Condition":{"StringEquals":{"ec2:ResourceTag/Name":"100%41"}}}]}'
            New-PolicyVersion $json | Test-Ec2PolicyResourceSupport -PolicyArn $arn | Should -BeNullOrEmpty
            (ConvertTo-UrlEncoded (ConvertTo-UrlEncoded $json)) | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyUrlDecodingFailed,*'
        }
    }

    Context 'Files' {
        BeforeAll {
            $dir = Join-Path $TestDrive 'files'
            New-Item $dir -ItemType Directory | Out-Null
            Set-Content (Join-Path $dir 'a.json') $classic
            Set-Content (Join-Path $dir 'b.json') $clean
            Set-Content (Join-Path $dir 'c.json') $runInstances
        }

        It 'expands wildcards in -Path' {
            $findings = Test-Ec2PolicyResourceSupport -Path (Join-Path $dir '*.json')
            ($findings.Source | Sort-Object -Unique | ForEach-Object { Split-Path $_ -Leaf }) | Should -Be @('a.json', 'c.json')
        }

        It 'takes Get-ChildItem output from the pipeline' {
            $findings = Get-ChildItem $dir -Filter *.json | Test-Ec2PolicyResourceSupport
            $findings.Code | Should -Contain 'RequiredResourceTypeMissing'
        }

        It 'takes -LiteralPath and its PSPath alias' {
            (Test-Ec2PolicyResourceSupport -LiteralPath (Join-Path $dir 'c.json')).Code | Should -Be 'RequiredResourceTypeMissing'
            (Test-Ec2PolicyResourceSupport -PSPath (Join-Path $dir 'c.json')).Code | Should -Be 'RequiredResourceTypeMissing'
        }

        It 'returns one boolean per document with -Quiet' {
            Test-Ec2PolicyResourceSupport -Path (Join-Path $dir '*.json') -Quiet | Should -Be @($false, $true, $false)
        }

        It 'checks files piped line by line from Get-Content as those files, with their line numbers' {
            $files = 'a.json', 'b.json', 'c.json' | ForEach-Object { Join-Path $dir $_ }
            $findings = Get-Content $files | Test-Ec2PolicyResourceSupport -ErrorVariable problems

            $problems | Should -BeNullOrEmpty
            ($findings | Where-Object Code -eq 'ResourceLevelPermissionsNotSupported').Source | Should -Be $files[0]
            ($findings | Where-Object Code -eq 'ResourceLevelPermissionsNotSupported').Line | Should -Be 2
            ($findings | Where-Object Code -eq 'RequiredResourceTypeMissing').Source | Should -Be $files[2]
            Get-Content $files | Test-Ec2PolicyResourceSupport -Quiet | Should -Be @($false, $true, $false)
        }

        It 'checks each Get-Content -Raw text on its own, named after its file' {
            $files = 'a.json', 'a.json' | ForEach-Object { Join-Path $dir $_ }
            Get-Content -Raw $files | Test-Ec2PolicyResourceSupport -Quiet | Should -Be @($false, $false)
            (Get-Content -Raw $files[0] | Test-Ec2PolicyResourceSupport).Source | Select-Object -Unique | Should -Be $files[0]
        }

        It 'keeps a file read line by line apart from strings piped after it' {
            $results = @(Get-Content (Join-Path $dir 'b.json')) + @($classic) | Test-Ec2PolicyResourceSupport -PassThru
            $results.Count | Should -Be 2
            $results[0].Source | Should -Be (Join-Path $dir 'b.json')
            $results[0].Status | Should -Be 'Passed'
            $results[1].Source | Should -Be '<string>'
        }
    }

    Context 'Policies made in PowerShell' {
        It 'checks ConvertFrom-Json output like the JSON text it came from' {
            $fromText = $classic | Test-Ec2PolicyResourceSupport
            $fromObject = $classic | ConvertFrom-Json | Test-Ec2PolicyResourceSupport

            $fromObject.Code | Should -Be $fromText.Code
            $fromObject.Actions | Should -Be $fromText.Actions
            $fromObject[0].Source | Should -Be '<object>'
        }

        It 'checks a hashtable policy, nested arrays and [ordered] dictionaries included' {
            $policy = [ordered]@{
                Version   = '2012-10-17'
                Statement = @(
                    @{ Effect = 'Allow'; Action = @('ec2:DescribeVolumes'); Resource = 'arn:aws:ec2:us-east-1:123456789012:volume/*' }
                    [ordered]@{ Effect = 'Allow'; Action = 'ec2:RunInstances'; Resource = @('arn:aws:ec2:us-east-1:123456789012:instance/*') }
                )
            }
            $findings = $policy | Test-Ec2PolicyResourceSupport
            $findings.Code | Should -Be @('ResourceLevelPermissionsNotSupported', 'RequiredResourceTypeMissing')
            $findings.StatementIndex | Should -Be @(0, 1)
        }

        It 'writes booleans, numbers and timestamps of conditions as JSON values, not as errors' {
            $policy = @'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*",
  "Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},
               "DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}
'@ | ConvertFrom-Json
            $policy.Statement[0].Condition.DateGreaterThan.'aws:CurrentTime' | Should -BeOfType [datetime]
            $policy | Test-Ec2PolicyResourceSupport -Quiet -ErrorVariable problems | Should -BeTrue
            $problems | Should -BeNullOrEmpty
        }

        It 'reports a policy object that contains itself, and goes on' {
            $loop = @{ Version = '2012-10-17'; Statement = @() }
            $loop.Statement = @($loop)
            $results = $loop, $clean | Test-Ec2PolicyResourceSupport -Quiet -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyNestedTooDeeply,*'
            $results | Should -Be @($false, $true)
        }

        It 'still refuses a hashtable without a Statement' {
            @{ Version = '2012-10-17' } | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyInputNotSupported,*'
        }
    }

    Context 'One result per document with -PassThru' {
        BeforeAll {
            $dir = Join-Path $TestDrive 'passthru'
            New-Item $dir -ItemType Directory | Out-Null
            Set-Content (Join-Path $dir 'a.json') $classic
            Set-Content (Join-Path $dir 'b.json') $clean
            Set-Content (Join-Path $dir 'c.json') '{"Version": "2012-10-17", "Statement": [ {'
        }

        It 'writes a result for every document: failed, passed and unreadable' {
            $results = Test-Ec2PolicyResourceSupport -Path (Join-Path $dir '*.json') -PassThru -ErrorAction SilentlyContinue -ErrorVariable errs
            $results.Count | Should -Be 3
            $results[0].PSObject.TypeNames[0] | Should -Be 'PolicyTools.Analysis.PolicyTestResult'
            $results.Status | Should -Be @('Failed', 'Passed', 'Unreadable')
            $results.Passed | Should -Be @($false, $true, $false)
            $results[0].ErrorCount | Should -Be 2
            $results[0].Findings.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
            $results[0].Source | Should -Be (Join-Path $dir 'a.json')
            $results[1].Findings.Count | Should -Be 0
            $results[2].InputErrorId | Should -Be 'PolicyJsonInvalid'
            $results[2].InputErrorLine | Should -BeGreaterThan 0
            $errs.Count | Should -Be 1
        }

        It 'writes an Unreadable result for a missing file and for text that is no policy' {
            $missing = Join-Path $TestDrive 'missing.json'
            $result = Test-Ec2PolicyResourceSupport -LiteralPath $missing -PassThru -ErrorAction SilentlyContinue
            $result.Status | Should -Be 'Unreadable'
            $result.Source | Should -Be $missing
            $result.InputErrorId | Should -Be 'PolicyFileNotFound'
            $text = 'not a policy' | Test-Ec2PolicyResourceSupport -PassThru -ErrorAction SilentlyContinue
            $text.Source | Should -Be '<string>'
            $text.InputErrorId | Should -Be 'PolicyJsonInvalid'
        }

        It 'carries PolicyArn and VersionId of IAM documents' {
            $result = New-PolicyVersion $classic 'v7' | Test-Ec2PolicyResourceSupport -PolicyArn $arn -PassThru
            $result.PolicyArn | Should -Be $arn
            $result.VersionId | Should -Be 'v7'
            $result.Status | Should -Be 'Failed'
        }

        It 'agrees with -Quiet' {
            $quiet = Test-Ec2PolicyResourceSupport -Path (Join-Path $dir '*.json') -Quiet -ErrorAction SilentlyContinue
            $passThru = Test-Ec2PolicyResourceSupport -Path (Join-Path $dir '*.json') -PassThru -ErrorAction SilentlyContinue
            $passThru.Passed | Should -Be $quiet
        }

        It 'cannot be combined with -Quiet' {
            { Test-Ec2PolicyResourceSupport -Path (Join-Path $dir 'a.json') -Quiet -PassThru } |
                Should -Throw -ErrorId 'TestEc2PolicyResourceSupportQuietWithPassThru,PolicyTools.Commands.TestEc2PolicyResourceSupportCommand'
        }
    }

    Context 'Progress on long runs' {
        BeforeAll {
            $many = Join-Path $TestDrive 'many'
            New-Item $many -ItemType Directory | Out-Null
            1..25 | ForEach-Object { Set-Content (Join-Path $many "p$_.json") $clean }

            # Progress records cannot be redirected in the console; a PowerShell instance collects them.
            function Get-ProgressOf([string] $Script) {
                $ps = [powershell]::Create()
                try {
                    $null = $ps.AddScript("Import-Module '$(Join-Path (Get-RepoRoot) 'PolicyTools.psd1')'; `$ProgressPreference = 'Continue'; $Script").Invoke()
                    @($ps.Streams.Progress)
                }
                finally {
                    $ps.Dispose()
                }
            }
        }

        It 'shows the files of a wildcard -Path with a percentage' {
            $progress = Get-ProgressOf "Test-Ec2PolicyResourceSupport -Path '$many/*.json'"
            $running = @($progress | Where-Object RecordType -EQ 'Processing')
            $running.Count | Should -BeGreaterThan 0
            $running[0].Activity | Should -Be 'Analysing policy files'
            $running[-1].PercentComplete | Should -BeGreaterThan 0
            $progress[-1].RecordType | Should -Be 'Completed'
        }

        It 'counts a long pipeline' {
            $progress = Get-ProgressOf "Get-ChildItem '$many' -Filter *.json | Test-Ec2PolicyResourceSupport"
            @($progress | Where-Object RecordType -EQ 'Processing').StatusDescription | Should -Contain '20 inputs'
            $progress[-1].RecordType | Should -Be 'Completed'
        }

        It 'stays quiet for a few files' {
            Get-ProgressOf "Test-Ec2PolicyResourceSupport -Path '$many/p1*.json'" | Should -BeNullOrEmpty
        }
    }

    Context 'Bad input gives a specific error and the pipeline goes on' {
        It 'reports <Case> as <Id> and still analyses the next input' -ForEach @(
            @{ Case = 'invalid JSON'; Text = '{"Version": "2012-10-17", "Statement": [ {'; Id = 'PolicyJsonInvalid' }
            @{ Case = 'JSON that is not a policy'; Text = '{"Name": "x"}'; Id = 'PolicyStatementMissing' }
            @{ Case = 'Action as a number'; Text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":5,"Resource":"*"}]}'; Id = 'PolicyElementWrongType' }
            @{ Case = 'an empty Statement'; Text = '{"Version":"2012-10-17","Statement":[]}'; Id = 'PolicyStatementEmpty' }
            @{ Case = 'duplicate keys'; Text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"ec2:*","Resource":"*"}]}'; Id = 'PolicyDuplicateKey' }
            @{ Case = 'plain text'; Text = 'not a policy'; Id = 'PolicyJsonInvalid' }
        ) {
            $results = $Text, $classic | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "$Id,PolicyTools.Commands.TestEc2PolicyResourceSupportCommand"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].TargetObject | Should -Be $Text
            $results.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
        }

        It 'names the line of the problem' {
            $text = "{`n `"Version`": `"2012-10-17`",`n `"Statement`": [`n  {`"Effect`": `"Allow`", `"Action`": true, `"Resource`": `"*`"}]}"
            $text | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].ToString() | Should -Match 'line 4'
            $errs[0].ToString() | Should -Match "'Action' must be a string or a list of strings"
        }

        It 'reports a missing file and a directory, then goes on' {
            $good = Join-Path $TestDrive 'good.json'
            Set-Content $good $runInstances
            $missing = Join-Path $TestDrive 'missing.json'
            $results = Test-Ec2PolicyResourceSupport -LiteralPath $missing, $TestDrive, $good -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs.FullyQualifiedErrorId | Should -Be @('PolicyFileNotFound,PolicyTools.Commands.TestEc2PolicyResourceSupportCommand', 'PolicyPathIsDirectory,PolicyTools.Commands.TestEc2PolicyResourceSupportCommand')
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $results.Code | Should -Be 'RequiredResourceTypeMissing'
        }

        It 'reports a -Path that matches nothing' {
            Test-Ec2PolicyResourceSupport -Path (Join-Path $TestDrive 'nothing-here-*.json') -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyFileNotFound,*'
        }

        It 'reports an object that carries no policy' {
            Get-Date | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyInputNotSupported,*'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
        }

        It 'says where the document is for a <Kind>' -ForEach @(
            @{ Kind = 'managed policy (Get-IAMPolicy)'; Make = { [Amazon.IdentityManagement.Model.ManagedPolicy]@{ Arn = 'arn:aws:iam::123456789012:policy/Ops'; DefaultVersionId = 'v3' } }; Hint = 'Get-IAMPolicyVersion -PolicyArn' }
            @{ Kind = 'attached policy (Get-IAMAttachedRolePolicyList)'; Make = { [Amazon.IdentityManagement.Model.AttachedPolicyType]@{ PolicyArn = 'arn:aws:iam::123456789012:policy/Ops'; PolicyName = 'Ops' } }; Hint = 'Get-IAMPolicy and Get-IAMPolicyVersion' }
            @{ Kind = 'role (Get-IAMRole)'; Make = { [pscustomobject]@{ RoleName = 'app'; AssumeRolePolicyDocument = '%7B%7D' } }; Hint = 'Get-IAMRolePolicy' }
        ) {
            & $Make | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyInputNotSupported,*'
            $errs[0].ToString() | Should -Match ([regex]::Escape($Hint))
        }

        It 'reports a PolicyVersion without a Document (Get-IAMPolicyVersionList output)' {
            [Amazon.IdentityManagement.Model.PolicyVersion]@{ VersionId = 'v1' } | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyDocumentMissing,*'
        }

        It 'does not modify the input object' {
            $version = New-PolicyVersion $classic
            $before = $version.Document
            $null = $version | Test-Ec2PolicyResourceSupport
            $version.Document | Should -BeExactly $before
        }
    }

    Context 'Inline policies and account authorization details' {
        It 'names inline policy responses role/<Role>/<Policy>' {
            $response = [Amazon.IdentityManagement.Model.GetRolePolicyResponse]@{ RoleName = 'app'; PolicyName = 'ec2'; PolicyDocument = ConvertTo-UrlEncoded $classic }
            $findings = $response | Test-Ec2PolicyResourceSupport
            $findings[0].Source | Should -Be 'role/app/ec2'
            $findings[0].PolicyArn | Should -BeNullOrEmpty
        }

        It 'expands every page of Get-IAMAccountAuthorizationDetail, with null lists' {
            $page1 = [Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse]@{
                IsTruncated = $true
                Policies = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.ManagedPolicyDetail]]@(
                    [Amazon.IdentityManagement.Model.ManagedPolicyDetail]@{
                        Arn = $arn; PolicyName = 'Ops'; DefaultVersionId = 'v2'
                        PolicyVersionList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyVersion]]@(
                            (New-PolicyVersion $classic 'v2' $true), (New-PolicyVersion $runInstances 'v1' $false))
                    },
                    [Amazon.IdentityManagement.Model.ManagedPolicyDetail]@{
                        Arn = 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess'; PolicyName = 'AmazonEC2ReadOnlyAccess'; DefaultVersionId = 'v1'
                        PolicyVersionList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyVersion]]@((New-PolicyVersion $runInstances 'v1' $true))
                    })
            }
            $page2 = [Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse]@{
                IsTruncated = $false
                RoleDetailList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.RoleDetail]]@(
                    [Amazon.IdentityManagement.Model.RoleDetail]@{ RoleName = 'app'; Arn = 'arn:aws:iam::123456789012:role/app'
                        RolePolicyList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyDetail]]@((New-PolicyDetail 'ec2' $runInstances)) })
                UserDetailList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.UserDetail]]@(
                    [Amazon.IdentityManagement.Model.UserDetail]@{ UserName = 'ana'; UserPolicyList = $null })
            }

            $findings = $page1, $page2 | Test-Ec2PolicyResourceSupport
            ($findings.Source | Sort-Object -Unique) | Should -Be @($arn, 'role/app/ec2')
            ($findings | Where-Object Source -eq $arn).VersionId | Sort-Object -Unique | Should -Be 'v2'

            $all = $page1 | Test-Ec2PolicyResourceSupport -AllVersions
            ($all.VersionId | Sort-Object -Unique) | Should -Be @('v1', 'v2')

            $aws = $page1 | Test-Ec2PolicyResourceSupport -IncludeAwsManaged
            $aws.PolicyArn | Should -Contain 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess'
        }

        It 'reads the AWS CLI get-account-authorization-details JSON from a file' {
            $cli = [ordered]@{
                UserDetailList = @(@{ UserName = 'ana'; UserPolicyList = @(@{ PolicyName = 'p'; PolicyDocument = ($classic | ConvertFrom-Json) }) })
                GroupDetailList = @()
                RoleDetailList = @()
                Policies = @(@{ Arn = $arn; PolicyName = 'Ops'; DefaultVersionId = 'v1'; PolicyVersionList = @(@{ VersionId = 'v1'; IsDefaultVersion = $true; Document = ($runInstances | ConvertFrom-Json) }) })
            } | ConvertTo-Json -Depth 20
            $file = Join-Path $TestDrive 'gaad.json'
            Set-Content $file $cli
            $findings = Test-Ec2PolicyResourceSupport -Path $file
            $findings.Source | Should -Contain 'user/ana/p'
            ($findings | Where-Object Source -eq 'user/ana/p')[0].File | Should -Be $file
            ($findings | Where-Object PolicyArn -eq $arn).Code | Should -Be 'RequiredResourceTypeMissing'
        }
    }

    Context 'An account, principal by principal (tests/fixtures/account/gaad-cli.json)' {
        BeforeAll {
            $script:gaad = Join-Path (Get-RepoRoot) 'tests/fixtures/account/gaad-cli.json'
            $script:acct = 'arn:aws:iam::111122223333'
            $script:expected = @(
                "$acct`:policy/VolumeAttachVolumes v1 #0 RequiredResourceTypeMissing Information []"
                "$acct`:policy/VolumeAttachInstances v1 #0 RequiredResourceTypeMissing Error [$acct`:user/carol]"
                "$acct`:policy/WorkerBoundary v1 #1 ResourceLevelPermissionsNotSupported Error [$acct`:role/worker]"
                "$acct`:policy/Orphan v1 #0 ResourceLevelPermissionsNotSupported Error []"
                "group/ops/ops-describe  #0 ResourceLevelPermissionsNotSupported Error [$acct`:user/bob]"
                "role/builder/run  #0 RequiredResourceTypeMissing Error [$acct`:role/builder]"
            )
        }

        It 'judges each policy with all the policies of the principals it reaches, from -Path' {
            Test-Ec2PolicyResourceSupport -Path $gaad | Format-AccountFinding | Should -Be $expected
        }

        It 'gives the same findings from ConvertFrom-Json of the whole output, of its lists piped alone, and of Get-Content lines' {
            $json = Get-Content -LiteralPath $gaad -Raw | ConvertFrom-Json
            $json | Test-Ec2PolicyResourceSupport | Format-AccountFinding | Should -Be $expected
            @($json.Policies) + @($json.UserDetailList) + @($json.GroupDetailList) + @($json.RoleDetailList) |
                Test-Ec2PolicyResourceSupport | Format-AccountFinding | Should -Be $expected
            Get-Content -LiteralPath $gaad | Test-Ec2PolicyResourceSupport | Format-AccountFinding | Should -Be $expected
        }

        It 'gives the same findings from AWS.Tools pages (URL-encoded documents, entities over three pages, null lists)' {
            ConvertTo-AwsToolsAccountPages $gaad | Test-Ec2PolicyResourceSupport | Format-AccountFinding | Should -Be $expected
        }

        It 'turns an Error that another of the principal''s policies covers into Information naming that policy' {
            $finding = Test-Ec2PolicyResourceSupport -Path $gaad | Where-Object Source -eq "$acct`:policy/VolumeAttachVolumes"
            $finding.Severity | Should -Be 'Information'
            $finding.Message | Should -Match "role/app-server \(through $([regex]::Escape("$acct`:policy/VolumeAttachInstances"))\)"
        }

        It 'names the file and the policy apart, with the line of the statement in the file' {
            $lines = Get-Content -LiteralPath $gaad
            foreach ($finding in Test-Ec2PolicyResourceSupport -Path $gaad) {
                $finding.File | Should -Be $gaad
                $finding.Source | Should -Not -Match 'gaad-cli'
                $lines[$finding.Line] | Should -Match ('"Sid": "{0}"' -f $finding.Sid)
            }
            (ConvertTo-AwsToolsAccountPages $gaad | Test-Ec2PolicyResourceSupport).File | Where-Object { $_ } | Should -BeNullOrEmpty
        }

        It 'judges a version that is not in effect alone, and says it is not the default' {
            $all = Test-Ec2PolicyResourceSupport -Path $gaad -AllVersions | Where-Object Source -eq "$acct`:policy/DescribeAndRead"
            $all.VersionId | Should -Be 'v1'
            $all.IsDefaultVersion | Should -BeFalse
            $all.Severity | Should -Be 'Error'
            (Test-Ec2PolicyResourceSupport -Path $gaad -PassThru | Where-Object Source -eq "$acct`:policy/DescribeAndRead").IsDefaultVersion | Should -BeTrue
        }

        It 'says with -Verbose what it read and what it found, also when nothing is wrong' {
            $verbose = Test-Ec2PolicyResourceSupport -Path $gaad -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $verbose.Message | Should -Contain ('Read authorization details from ''{0}'': 8 documents to check, 3 users, 1 groups, 3 roles, 6 managed policies; 6 principals evaluated with all their identity policies together.' -f $gaad)
            $verbose[-1].Message | Should -Match '^Checked 8 documents: 5 errors, 0 warnings, 1 information; capability map dated \d{4}-\d\d-\d\d'
            $clean = $script:clean | Test-Ec2PolicyResourceSupport -Verbose 4>&1
            $clean[-1].Message | Should -Match '^Checked 1 document: 0 errors, 0 warnings, 0 information'
            $file = Join-Path $TestDrive 'clean.json'
            Set-Content -LiteralPath $file -Value $script:clean
            $quiet = Test-Ec2PolicyResourceSupport -Path $file -Quiet -Verbose 4>&1
            ($quiet | Where-Object { $_ -is [bool] }) | Should -Be @($true)
            $messages = ($quiet | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            $messages | Should -Contain "Read '$file': 1 document."
            $messages | Should -Contain "$($file): True"
        }
    }

    Context 'Every form of AWS CLI output, through ConvertFrom-Json and as files' {
        BeforeAll {
            $script:doc = $runInstances | ConvertFrom-Json
            $script:cliForms = [ordered]@{
                'get-role-policy'    = [ordered]@{ RoleName = 'app'; PolicyName = 'ec2'; PolicyDocument = $doc }
                'get-user-policy'    = [ordered]@{ UserName = 'ana'; PolicyName = 'ec2'; PolicyDocument = $doc }
                'get-group-policy'   = [ordered]@{ GroupName = 'ops'; PolicyName = 'ec2'; PolicyDocument = $doc }
                'get-policy-version' = [ordered]@{ PolicyVersion = [ordered]@{ Document = $doc; VersionId = 'v3'; IsDefaultVersion = $true; CreateDate = '2026-01-01T00:00:00Z' } }
            }
        }

        It 'reads <_> output' -ForEach @('get-role-policy', 'get-user-policy', 'get-group-policy', 'get-policy-version') {
            $json = $cliForms[$_] | ConvertTo-Json -Depth 20
            $fromObject = $json | ConvertFrom-Json | Test-Ec2PolicyResourceSupport -PolicyArn ($(if ($_ -eq 'get-policy-version') { $arn }))
            $fromObject.Code | Should -Be 'RequiredResourceTypeMissing'
            $file = Join-Path $TestDrive "$_.json"
            Set-Content -LiteralPath $file -Value $json
            $fromFile = Test-Ec2PolicyResourceSupport -Path $file
            $fromFile.Code | Should -Be 'RequiredResourceTypeMissing'
            $fromFile.File | Should -Be $file
            $fromFile.Line | Should -BeGreaterThan 1
        }

        It 'names inline policies the same whatever the form' {
            ($cliForms['get-role-policy'] | ConvertTo-Json -Depth 20 | ConvertFrom-Json | Test-Ec2PolicyResourceSupport).Source | Should -Be 'role/app/ec2'
            ([Amazon.IdentityManagement.Model.GetRolePolicyResponse]@{ RoleName = 'app'; PolicyName = 'ec2'; PolicyDocument = ConvertTo-UrlEncoded $runInstances } | Test-Ec2PolicyResourceSupport).Source | Should -Be 'role/app/ec2'
        }

        It 'says which command gives the documents that list-policy-versions entries lack' {
            $list = '{"Versions":[{"VersionId":"v2","IsDefaultVersion":true,"CreateDate":"2026-01-01T00:00:00Z"}]}'
            $null = ($list | ConvertFrom-Json).Versions | Test-Ec2PolicyResourceSupport -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyDocumentMissing,*'
            $errs[0].Exception.Message | Should -Match 'get-policy-version'
            $file = Join-Path $TestDrive 'versions.json'
            Set-Content -LiteralPath $file -Value $list
            $null = Test-Ec2PolicyResourceSupport -Path $file -ErrorVariable fileErrs -ErrorAction SilentlyContinue
            $fileErrs[0].Exception.Message | Should -Match 'list-policy-versions'
        }
    }

    Context 'The capability map''s age' {
        It 'warns once per session when the map is older than 90 days, with the command that makes a new one' {
            $script = @'
Import-Module ./PolicyTools.psd1
$null = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}' | Test-Ec2PolicyResourceSupport -WarningVariable first 3>$null
$null = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}' | Test-Ec2PolicyResourceSupport -WarningVariable second 3>$null
$age = (Get-Ec2CapabilityMap).AgeInDays
"$age|$($first.Count)|$($second.Count)|$first"
'@
            $out = (Invoke-ChildPwsh $script) -join "`n"
            $age, $firstCount, $secondCount, $text = ($out -split "`n")[-1] -split '\|', 4
            if ([int]$age -gt 90) {
                $firstCount | Should -Be 1
                $text | Should -Match 'ConvertTo-Ec2CapabilityMap'
                $text | Should -Match '-CapabilityMapPath'
            } else {
                $firstCount | Should -Be 0
            }
            $secondCount | Should -Be 0
        }
    }

    Context 'Output' {
        It 'writes typed findings whose lists export readably to CSV' {
            $findings = $classic | Test-Ec2PolicyResourceSupport
            $findings[0].PSObject.TypeNames[0] | Should -Be 'PolicyTools.Analysis.PolicyFinding'
            $csv = $findings | ConvertTo-Csv -NoTypeInformation
            $csv -join "`n" | Should -Match 'ec2:DescribeVolumes'
            $csv -join "`n" | Should -Not -Match 'System.String\[\]|ValueList'
        }

        It 'has a default table view grouped by source' {
            $text = $classic | Test-Ec2PolicyResourceSupport | Out-String -Width 200
            $text | Should -Match 'Source: <string>'
            $text | Should -Match 'ResourceLevelPermissionsNotSupported'
        }
    }

    Context 'Real policies' {
        It 'analyses all real policies of the corpus without an error record' {
            $files = Get-ChildItem (Join-Path (Get-RepoRoot) 'tests/corpus/real') -Filter *.json
            $files.Count | Should -BeGreaterOrEqual 145
            $null = $files | Test-Ec2PolicyResourceSupport -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Should -BeNullOrEmpty
        }

        It 'raises no false Error on AWS EBS CSI driver policy that splits AttachVolume types over statements' {
            $file = Join-Path (Get-RepoRoot) 'tests/corpus/real/aws-ebs-csi-driver__docs__example-iam-policy.json'
            Test-Ec2PolicyResourceSupport -Path $file | Where-Object Severity -eq Error | Should -BeNullOrEmpty
        }
    }

    Context 'Default views at 80 and 120 columns' {
        BeforeAll {
            $script:examples = (Get-ChildItem (Join-Path (Get-RepoRoot) 'module/examples') -Filter *.json | Where-Object Name -NotLike '*fixed*').FullName
        }

        It 'shows each finding with its code whole and its message broken between words at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
            param($Width)
            $findings = Test-Ec2PolicyResourceSupport -Path $examples
            $findings.Count | Should -BeGreaterThan 10
            $text = Assert-ReadableView -InputObject $findings -Width $Width -Text $findings.Message
            foreach ($finding in $findings) { $text | Should -Match ('(?m)^{0} +{1}\b' -f $finding.Severity, $finding.Code) }
        }

        It 'shows results, and why a document could not be read, without a split word at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
            param($Width)
            $results = @(Test-Ec2PolicyResourceSupport -Path $examples -PassThru) +
                @('{ "Statement": [ { "Effect": "Allow", "Action": "ec2:DescribeVolumes", "Resource": "x" ' | Test-Ec2PolicyResourceSupport -PassThru -ErrorAction SilentlyContinue)
            $results[-1].Status | Should -Be 'Unreadable'
            $text = Assert-ReadableView -InputObject $results -Width $Width -Text $results[-1].InputError -Column 46
            $text | Should -Match 'examples/\s+classic-describe-volumes\.json'
        }
    }

    Context 'Messages that say what to do' {
        It 'says a YAML file given with -Path is YAML, not a policy document, and how to convert it' {
            $file = Join-Path $TestDrive 'policy.yaml'
            Set-Content -LiteralPath $file -Value "Version: '2012-10-17'`nStatement:`n  - Effect: Allow`n    Action: ec2:DescribeVolumes`n    Resource: '*'"
            Test-Ec2PolicyResourceSupport -Path $file -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyNotAPolicy,*'
            $errs[0].Exception.Message | Should -BeLike 'This is a YAML file, not an IAM policy document.*ConvertTo-Json*'
            $errs[0].Exception.Message | Should -Not -BeLike '*use -Path*'
        }

        It 'says a CloudFormation template is one, and where its policies are' {
            $file = Join-Path $TestDrive 'template.json'
            Set-Content -LiteralPath $file -Value '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "P": { "Type": "AWS::IAM::ManagedPolicy" } } }'
            Test-Ec2PolicyResourceSupport -Path $file -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
            $errs[0].Exception.Message | Should -BeLike 'This is a CloudFormation template, not an IAM policy document.*Properties.PolicyDocument*'
        }

        It 'says a Terraform plan is one, and which command gives its policies' {
            $file = Join-Path $TestDrive 'plan.json'
            Set-Content -LiteralPath $file -Value '{ "format_version": "1.2", "terraform_version": "1.9.5", "planned_values": { "root_module": {} }, "resource_changes": [] }'
            Test-Ec2PolicyResourceSupport -Path $file -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
            $errs[0].Exception.Message | Should -BeLike 'This is a Terraform plan (terraform show -json), not an IAM policy document.*planned_values.root_module.resources*'
        }

        It 'says IAM does not accept comments, on the line of the comment' {
            $file = Join-Path (Get-RepoRoot) 'tests/fixtures/broken/comment.json'
            Test-Ec2PolicyResourceSupport -Path $file -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyJsonInvalid,*'
            $errs[0].Exception.Message | Should -BeLike '*IAM does not accept comments*(line 2)'
        }

        It 'suggests -LiteralPath when a -Path with wildcard characters matches nothing' {
            $file = Join-Path $TestDrive 'has space [1].json'
            [IO.File]::WriteAllText($file, $classic)
            Test-Ec2PolicyResourceSupport -Path $file -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyFileNotFound,*'
            $errs[0].Exception.Message.EndsWith("a file of that very name exists: use -LiteralPath '$file'.") | Should -BeTrue
            (Test-Ec2PolicyResourceSupport -LiteralPath $file).Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
            Test-Ec2PolicyResourceSupport -Path (Join-Path $TestDrive 'none [2].json') -ErrorAction SilentlyContinue -ErrorVariable errs2
            $errs2[0].Exception.Message.EndsWith("to name a file with '[' or ']' in its name, use -LiteralPath.") | Should -BeTrue
        }

        It 'skips $null input without an error, and checks what comes with it' {
            $null | Test-Ec2PolicyResourceSupport -ErrorVariable errs | Should -BeNullOrEmpty
            $errs | Should -BeNullOrEmpty
            ($null, $classic, $null | Test-Ec2PolicyResourceSupport -ErrorVariable errs2).Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
            $errs2 | Should -BeNullOrEmpty
        }
    }

    Context 'Conditions and ARNs read the way IAM reads them (AWS managed policies)' {
        BeforeAll {
            $script:managed = Join-Path (Get-RepoRoot) 'tests/fixtures/policies/aws-managed'
        }

        It 'gives no Error on <Name>' -ForEach @(
            @{ Name = 'AWSEC2VssSnapshotPolicy.json' }
            @{ Name = 'AmazonEMRServicePolicyForSessions.json' }
            @{ Name = 'aws-data-perimeter-ec2-endpoint-policy.json' }
        ) {
            Test-Ec2PolicyResourceSupport -Path (Join-Path $managed $Name) | Where-Object Severity -eq Error | Should -BeNullOrEmpty
        }

        It 'treats the cross-service key glue:RoleAssumedBy as carried in SageMakerStudioProjectUserRolePolicy' {
            $findings = Test-Ec2PolicyResourceSupport -Path (Join-Path $managed 'SageMakerStudioProjectUserRolePolicy.json')
            $findings | Where-Object Message -match 'glue:RoleAssumedBy' | Should -BeNullOrEmpty
            $findings | Where-Object { $_.Code -eq 'ConditionKeyNotSupported' -and $_.Severity -eq 'Error' } | Should -BeNullOrEmpty
        }

        It 'keeps an Error when the statement that grants elsewhere works only in another region, and says where it works' {
            $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"},{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}'
            $finding = $json | Test-Ec2PolicyResourceSupport
            $finding.Severity | Should -Be 'Error'
            $finding.Message | Should -Match 'only when aws:RequestedRegion is eu-west-1'
        }

        It 'keeps an Error for a Deny whose other Deny covers one region only, in Deny words' {
            $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:DescribeInstances","Resource":"arn:aws:ec2:*:123456789012:instance/*"},{"Effect":"Deny","Action":"ec2:DescribeInstances","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}'
            $finding = $json | Test-Ec2PolicyResourceSupport
            $finding.Severity | Should -Be 'Error'
            $finding.Message | Should -Match 'Statement 1 denies it too, but only when'
            $finding.Message | Should -Not -Match 'grant'
        }

        It 'reports a wrong partition once, naming the partitions once' {
            $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:CreateTags","ec2:DeleteTags"],"Resource":["arn:aws-test:ec2:*:*:snapshot/*","arn:aws-test:ec2:*:*:volume/*"]}]}'
            $finding = $json | Test-Ec2PolicyResourceSupport
            @($finding).Count | Should -Be 1
            $finding.Code | Should -Be 'InvalidArn'
            ([regex]::Matches($finding.Message, 'aws-us-gov')).Count | Should -Be 1
        }
    }
}
