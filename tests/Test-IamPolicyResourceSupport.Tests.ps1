BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:map = Join-Path (Get-RepoRoot) 'tests/fixtures/maps/multi-service.yaml'
    $script:corpus = (Get-ChildItem (Join-Path (Get-RepoRoot) 'tests/corpus/real') -Filter *.json).FullName
    $script:listBuckets = '{"Version":"2012-10-17","Statement":[{"Sid":"List","Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:GetObject"],"Resource":"arn:aws:s3:::my-bucket/*"}]}'
    $script:multi = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::b"},{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"},{"Effect":"Allow","Action":"kms:ListKeys","Resource":"arn:aws:kms:us-east-1:123456789012:key/*"}]}'
    function Get-FindingText($Findings) { @($Findings | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $_.Source, $_.StatementIndex, $_.Severity, $_.Code, ($_.Actions -join ','), ($_.Resources -join ','), $_.Message }) }
}

Describe 'Test-IamPolicyResourceSupport' {
    Context 'Every service of the map' {
        It 'reports each service''s findings, with severities from documented evidence' {
            $findings = $multi | Test-IamPolicyResourceSupport -CapabilityMapPath $map
            ($findings | Where-Object { $_.Actions -contains 's3:ListAllMyBuckets' }).Severity | Should -Be 'Error'
            ($findings | Where-Object { $_.Actions -contains 'kms:ListKeys' }).Severity | Should -Be 'Error'
            ($findings | Where-Object { $_.Actions -contains 'ec2:DescribeVolumes' }).Severity | Should -Be 'Error'
            $findings[0].GetType().FullName | Should -Be 'PolicyTools.Analysis.PolicyFinding'
        }

        It 'gives a Warning, saying the reference lists no resource types, where AWS documents nothing' {
            $finding = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sagemaker:ListEndpoints","Resource":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/*"}]}' |
                Test-IamPolicyResourceSupport -CapabilityMapPath $map
            $finding.Severity | Should -Be 'Warning'
            $finding.Message | Should -Match 'lists no resource types'
        }

        It 'warns of an old map of every service with the all-services converter, and of an old EC2 map with the EC2 one' {
            $manifest = Join-Path (Get-RepoRoot) 'module/PolicyTools/PolicyTools.psd1'
            $policy = Join-Path $TestDrive 'fine.json'
            Set-Content $policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
            $every = Invoke-ChildPwsh "Import-Module '$manifest'; Test-IamPolicyResourceSupport -Path '$policy' -CapabilityMapPath '$map' 3>&1 | ForEach-Object { `"`$_`" }"
            ($every -join ' ') | Should -Match 'is dated 2026-08-20, \d+ days ago.*ConvertTo-IamCapabilityMap -Path ./package -OutFile ./iam-map -PerService'
            $ec2 = Invoke-ChildPwsh "Import-Module '$manifest'; Test-Ec2PolicyResourceSupport -Path '$policy' -CapabilityMapPath '$map' 3>&1 | ForEach-Object { `"`$_`" }"
            ($ec2 -join ' ') | Should -Match 'ConvertTo-Ec2CapabilityMap -Path ec2.json'
        }

        It 'gives no finding for the CloudWatch Logs ARNs that AWS''s own Lambda role uses' {
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:CreateLogGroup","Resource":"arn:aws:logs:us-east-1:123456789012:*"},{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*"}]}' |
                Test-IamPolicyResourceSupport -CapabilityMapPath $map | Should -BeNullOrEmpty
        }
    }

    Context 'The AWS managed policies (tests/corpus/aws-managed)' {
        BeforeAll {
            $script:managed = Join-Path (Get-RepoRoot) 'tests/corpus/aws-managed/account-authorization-details.json'
            $script:managedFindings = @(Test-IamPolicyResourceSupport -Path $managed -IncludeAwsManaged)
        }

        It 'reads the authorization-details file of every AWS managed policy and gives exactly the reviewed Errors' {
            $reviewed = @(Get-Content (Join-Path (Get-RepoRoot) 'tests/corpus/aws-managed/reviewed-errors.txt') | Where-Object { $_ -and -not $_.StartsWith('#') })
            $errors = @($managedFindings | Where-Object Severity -EQ 'Error' | ForEach-Object {
                    "{0}`t{1}`t{2}`t{3}" -f ($_.Source -replace '^arn:aws:iam::aws:policy/', ''), $_.StatementIndex, $_.Code, ($_.Actions -join ',')
                })
            $managedFindings.Count | Should -BeGreaterThan 500
            @($errors | Sort-Object) | Should -Be @($reviewed | Sort-Object)
        }

        It 'gives Errors outside EC2 only for S3 and KMS actions AWS documents, and Warnings for the rest' {
            $outside = @($managedFindings | Where-Object { $_.Severity -eq 'Error' -and $_.Actions[0] -notlike 'ec2:*' })
            @($outside.Actions | ForEach-Object { ($_ -split ':')[0] } | Sort-Object -Unique) | Should -Be @('kms', 's3')
            ($managedFindings | Where-Object { $_.Severity -eq 'Warning' -and $_.Actions[0] -like 'ssmmessages:*' }).Count | Should -BeGreaterThan 0
            $managedFindings | Where-Object { $_.Code -eq 'InvalidArn' -and $_.Resources -contains 'arn:aws:ssm:*:*:session/*' } |
                ForEach-Object { $_.Severity | Should -Be 'Warning' }
        }
    }

    Context '-Service' {
        It 'narrows the check to the services named, with wildcards' {
            ($multi | Test-IamPolicyResourceSupport -CapabilityMapPath $map -Service s3).Actions | Should -Be @('s3:ListAllMyBuckets')
            $both = $multi | Test-IamPolicyResourceSupport -CapabilityMapPath $map -Service 'S*', 'km?'
            @($both.Actions | ForEach-Object { ($_ -split ':')[0] } | Sort-Object -Unique) | Should -Be @('kms', 's3')
        }

        It 'refuses a service the map does not have, naming it' {
            { $multi | Test-IamPolicyResourceSupport -CapabilityMapPath $map -Service s4 -ErrorAction Stop } |
                Should -Throw -ErrorId 'ServiceNotInCapabilityMap,PolicyTools.Commands.TestIamPolicyResourceSupportCommand' -ExpectedMessage "*'s4'*"
        }

        It 'completes service prefixes from the map on the command line' {
            $line = "Test-IamPolicyResourceSupport -CapabilityMapPath '$map' -Service s"
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $completions | Should -Contain 's3'
            $completions | Should -Contain 'sagemaker'
            $completions | Should -Not -Contain 'ec2'
        }
    }

    Context 'The same as Test-Ec2PolicyResourceSupport for EC2' {
        It 'gives exactly the findings of Test-Ec2PolicyResourceSupport with -Service ec2 over the corpus with the embedded map' {
            $ec2 = Get-FindingText (Test-Ec2PolicyResourceSupport -Path $corpus -ErrorAction SilentlyContinue)
            $iam = Get-FindingText (Test-IamPolicyResourceSupport -Path $corpus -Service ec2 -ErrorAction SilentlyContinue)
            $ec2.Count | Should -BeGreaterThan 100
            $iam | Should -Be $ec2
        }

        It 'gives exactly the findings of Test-Ec2PolicyResourceSupport with -Service ec2 over the corpus and a multi-service map' {
            $ec2 = Get-FindingText (Test-Ec2PolicyResourceSupport -Path $corpus -CapabilityMapPath $map -ErrorAction SilentlyContinue)
            $iam = Get-FindingText (Test-IamPolicyResourceSupport -Path $corpus -CapabilityMapPath $map -Service ec2 -ErrorAction SilentlyContinue)
            $iam | Should -Be $ec2
            $ec2 | Should -Not -Match '\|s3:'
        }

        It 'has the same switches: -Quiet, -PassThru, and refuses both' {
            $listBuckets | Test-IamPolicyResourceSupport -CapabilityMapPath $map -Quiet | Should -BeFalse
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}' | Test-IamPolicyResourceSupport -CapabilityMapPath $map -Quiet | Should -BeTrue
            $result = $listBuckets | Test-IamPolicyResourceSupport -CapabilityMapPath $map -PassThru
            $result.GetType().FullName | Should -Be 'PolicyTools.Analysis.PolicyTestResult'
            $result.Status | Should -Be 'Failed'
            { $listBuckets | Test-IamPolicyResourceSupport -Quiet -PassThru } |
                Should -Throw -ErrorId 'TestIamPolicyResourceSupportQuietWithPassThru,PolicyTools.Commands.TestIamPolicyResourceSupportCommand'
        }

        It 'reports bad input with the same error ids and goes on' {
            $errors = $null
            $out = '{not json', $listBuckets | Test-IamPolicyResourceSupport -CapabilityMapPath $map -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors.Count | Should -Be 1
            $ec2Errors = $null
            $null = '{not json' | Test-Ec2PolicyResourceSupport -ErrorVariable ec2Errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId.Split(',')[0] | Should -Be $ec2Errors[0].FullyQualifiedErrorId.Split(',')[0]
            $out.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
        }

        It 'refuses an unusable map the same way' {
            { $listBuckets | Test-IamPolicyResourceSupport -CapabilityMapPath (Join-Path $TestDrive 'none.yaml') -ErrorAction Stop } |
                Should -Throw -ErrorId 'CapabilityMapNotFound,PolicyTools.Commands.TestIamPolicyResourceSupportCommand'
        }

        It 'keeps the account path (authorization details) to EC2 with the multi-service map, and checks every service there' {
            $inline = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListAllMyBuckets","ec2:DescribeVolumes"],"Resource":["arn:aws:s3:::b","arn:aws:ec2:us-east-1:123456789012:volume/*"]}]}'
            $gaad = @{ UserDetailList = @(); GroupDetailList = @(); Policies = @()
                RoleDetailList = @(@{ RoleName = 'app'; Path = '/'; Arn = 'arn:aws:iam::123456789012:role/app'; RoleId = 'AROAEXAMPLE'
                    AssumeRolePolicyDocument = '{}'; AttachedManagedPolicies = @(); RolePolicyList = @(@{ PolicyName = 'mixed'; PolicyDocument = $inline }) }) }
            $file = Join-Path $TestDrive 'gaad.json'
            $gaad | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
            $ec2 = Test-Ec2PolicyResourceSupport -Path $file -CapabilityMapPath $map
            $every = Test-IamPolicyResourceSupport -Path $file -CapabilityMapPath $map
            $ec2.Actions | ForEach-Object { $_ | Should -BeLike 'ec2:*' }
            $every.Actions | Should -Contain 's3:ListAllMyBuckets'
            $every.Actions | Should -Contain 'ec2:DescribeVolumes'
        }

        It 'shows findings in the same view as Test-Ec2PolicyResourceSupport' {
            $ec2Policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"}]}'
            $iam = $ec2Policy | Test-IamPolicyResourceSupport | Out-String -Width 200
            $ec2 = $ec2Policy | Test-Ec2PolicyResourceSupport | Out-String -Width 200
            $iam | Should -Be $ec2
            $listBuckets | Test-IamPolicyResourceSupport -CapabilityMapPath $map | Out-String -Width 200 | Should -Match 'ResourceLevelPermissionsNotSupported'
        }
    }
}
