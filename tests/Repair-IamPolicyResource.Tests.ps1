#Requires -Version 5.1
# Pester 5 tests of Repair-IamPolicyResource: the every-service repair, against the built module and
# the twelve-service fixture map (tests/fixtures/maps/multi-service.yaml).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:map = Join-Path (Get-RepoRoot) 'tests/fixtures/maps/multi-service.yaml'
    $script:corpus = (Get-ChildItem (Join-Path (Get-RepoRoot) 'tests/corpus/real') -Filter *.json).FullName
    $script:listBuckets = '{"Version":"2012-10-17","Statement":[{"Sid":"Bucket","Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:GetObject"],"Resource":"arn:aws:s3:::my-bucket/*"}]}'
}

Describe 'Repair-IamPolicyResource' {
    Context 'Every service of the map' {
        It 'moves an action AWS documents as needing "*" into a "*" statement, keeping the rest scoped' {
            $result = $listBuckets | Repair-IamPolicyResource -CapabilityMapPath $map -NoScopeCondition
            $result.Changed | Should -BeTrue
            $statements = ($result.PolicyDocument | ConvertFrom-Json).Statement
            $statements.Count | Should -Be 2
            $statements[0].Action | Should -Be 's3:GetObject'
            $statements[0].Resource | Should -Be 'arn:aws:s3:::my-bucket/*'
            $statements[1].Action | Should -Be 's3:ListAllMyBuckets'
            $statements[1].Resource | Should -Be '*'
            $result.PolicyDocument | Test-IamPolicyResourceSupport -CapabilityMapPath $map | Should -BeNullOrEmpty
        }

        It 'leaves a Warning alone: its claim rests on the reference only' {
            $policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sagemaker:ListEndpoints","Resource":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/*"}]}'
            $result = $policy | Repair-IamPolicyResource -CapabilityMapPath $map
            $result.Changed | Should -BeFalse
            $result.Unrepaired.Severity | Should -Be 'Warning'
            $result.PolicyDocument | Should -Be $policy
        }

        It 'repairs only the services of -Service' {
            $policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListAllMyBuckets","kms:ListKeys"],"Resource":["arn:aws:s3:::b","arn:aws:kms:us-east-1:123456789012:key/*"]}]}'
            $result = $policy | Repair-IamPolicyResource -CapabilityMapPath $map -Service kms -NoScopeCondition
            $statements = ($result.PolicyDocument | ConvertFrom-Json).Statement
            ($statements | Where-Object Resource -eq '*').Action | Should -Be 'kms:ListKeys'
            { $policy | Repair-IamPolicyResource -CapabilityMapPath $map -Service nope -ErrorAction Stop } |
                Should -Throw -ErrorId 'ServiceNotInCapabilityMap,PolicyTools.Commands.RepairIamPolicyResourceCommand'
        }

        It 'is idempotent over the corpus, and its output has no Error of the repaired codes' {
            $results = Repair-IamPolicyResource -Path $corpus -CapabilityMapPath $map -ErrorAction SilentlyContinue
            foreach ($result in $results | Where-Object Changed) {
                ($result.PolicyDocument | Repair-IamPolicyResource -CapabilityMapPath $map).Changed | Should -BeFalse -Because $result.Source
                $left = $result.PolicyDocument | Test-IamPolicyResourceSupport -CapabilityMapPath $map |
                    Where-Object { $_.Severity -eq 'Error' -and $_.Code -eq 'ResourceLevelPermissionsNotSupported' }
                $left | Should -BeNullOrEmpty -Because $result.Source
            }
        }
    }

    Context 'The same as Repair-Ec2PolicyResource for EC2' {
        It 'makes exactly the repairs of Repair-Ec2PolicyResource with -Service ec2 over the corpus with the embedded map' {
            $ec2 = @(Repair-Ec2PolicyResource -Path $corpus -ErrorAction SilentlyContinue | ForEach-Object { $_.Source + '|' + $_.PolicyDocument })
            $iam = @(Repair-IamPolicyResource -Path $corpus -Service ec2 -ErrorAction SilentlyContinue | ForEach-Object { $_.Source + '|' + $_.PolicyDocument })
            $iam | Should -Be $ec2
        }

        It 'keeps EC2 repairs as Repair-Ec2PolicyResource makes them with -Service ec2 and a multi-service map' {
            $ec2 = @(Repair-Ec2PolicyResource -Path $corpus -CapabilityMapPath $map -ErrorAction SilentlyContinue | ForEach-Object { $_.Source + '|' + $_.PolicyDocument })
            $iam = @(Repair-IamPolicyResource -Path $corpus -CapabilityMapPath $map -Service ec2 -ErrorAction SilentlyContinue | ForEach-Object { $_.Source + '|' + $_.PolicyDocument })
            $iam | Should -Be $ec2
        }

        It 'supports -WhatIf and -InPlace like Repair-Ec2PolicyResource' {
            $file = Join-Path $TestDrive 'bucket.json'
            Set-Content -LiteralPath $file -Value $listBuckets -NoNewline
            $null = Repair-IamPolicyResource -Path $file -CapabilityMapPath $map -InPlace -WhatIf
            Get-Content -LiteralPath $file -Raw | Should -Be $listBuckets
            $null = Repair-IamPolicyResource -Path $file -CapabilityMapPath $map -InPlace -Confirm:$false
            Get-Content -LiteralPath $file -Raw | Should -Match 'ListAllMyBuckets'
            Test-IamPolicyResourceSupport -Path $file -CapabilityMapPath $map -Quiet | Should -BeTrue
        }
    }
}
