BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest

    $script:root = Join-Path $TestDrive 'repo'
    $script:policies = New-Item (Join-Path $root 'policies') -ItemType Directory -Force
    $examples = Join-Path (Get-RepoRoot) 'module/examples'
    Copy-Item (Join-Path $examples 'classic-describe-volumes.json') (Join-Path $policies 'classic.json')
    Copy-Item (Join-Path $examples 'split-statements-are-fine.json') (Join-Path $policies 'clean.json')
    Copy-Item (Join-Path $examples 'classic-describe-volumes-fixed.json') (Join-Path $policies 'fixed.json')
    Set-Content (Join-Path $policies 'typo.json') '{"Version":"2012-10-17","Statement":[{"Sid":"Typo","Effect":"Allow","Action":"ec2:DescribeVolume","Resource":"*"}]}'
    Set-Content (Join-Path $policies 'broken.json') '{"Version": "2012-10-17", "Statement": [ {'

    $script:results = @(Test-Ec2PolicyResourceSupport -Path (Join-Path $policies '*.json') -PassThru -ErrorAction SilentlyContinue)

    function Get-Suite([string] $Xml) {
        $document = [xml]$Xml
        $document.DocumentElement.LocalName | Should -Be 'testsuites'
        @($document.testsuites.testsuite).Count | Should -Be 1
        $document.testsuites.testsuite
    }
}

Describe 'ConvertTo-Ec2PolicyJUnit' {
    Context 'Per-document results (-PassThru)' {
        BeforeAll {
            $xml = $results | ConvertTo-Ec2PolicyJUnit -BasePath $root
            $suite = Get-Suite $xml
            $cases = @($suite.testcase)
        }

        It 'returns one XML string' {
            $xml | Should -BeOfType [string]
            $xml | Should -BeLike '<?xml version="1.0" encoding="utf-8"?>*'
        }

        It 'has one test case per document, clean ones included' {
            $suite.tests | Should -Be '5'
            $cases.Count | Should -Be 5
            $cases.name | Sort-Object | Should -Be @('policies/broken.json', 'policies/classic.json', 'policies/clean.json', 'policies/fixed.json', 'policies/typo.json')
        }

        It 'fails the documents with Error findings, listing them' {
            $suite.failures | Should -Be '1'
            $classic = $cases | Where-Object name -EQ 'policies/classic.json'
            $classic.failure.message | Should -Be '2 errors: InvalidArn, ResourceLevelPermissionsNotSupported'
            $classic.failure.InnerText | Should -Match 'line 4, statement 0 \(Stmt1414688041000\): ResourceLevelPermissionsNotSupported: This Allow grants nothing for ec2:DescribeVolumes'
        }

        It 'puts documents that could not be read in error' {
            $suite.errors | Should -Be '1'
            $broken = $cases | Where-Object name -EQ 'policies/broken.json'
            $broken.error.type | Should -Be 'PolicyJsonInvalid'
        }

        It 'passes documents with warnings only, with the warnings in system-out' {
            $typo = $cases | Where-Object name -EQ 'policies/typo.json'
            $typo.SelectNodes('failure').Count | Should -Be 0
            $typo.'system-out' | Should -Match '^Warning line 1, statement 0 \(Typo\): UnknownAction: '
        }

        It 'passes clean documents with an empty test case' {
            foreach ($name in 'policies/clean.json', 'policies/fixed.json') {
                ($cases | Where-Object name -EQ $name).HasChildNodes | Should -BeFalse
            }
        }

        It 'gives every test case the file and the suite name as class name' {
            foreach ($case in $cases) {
                $case.file | Should -Be $case.name
                $case.classname | Should -Be 'PolicyTools'
            }
        }
    }

    Context 'Other input' {
        It 'takes plain findings, but then knows only the documents that have findings' {
            $findings = Test-Ec2PolicyResourceSupport -Path (Join-Path $policies '*.json') -ErrorAction SilentlyContinue
            $suite = Get-Suite ($findings | ConvertTo-Ec2PolicyJUnit -BasePath $root)
            @($suite.testcase).name | Sort-Object | Should -Be @('policies/classic.json', 'policies/typo.json')
            $suite.failures | Should -Be '1'
        }

        It 'names IAM documents by ARN and version' {
            $arn = 'arn:aws:iam::123456789012:policy/Ops'
            $json = Get-Content (Join-Path $policies 'classic.json') -Raw
            $suite = Get-Suite (New-PolicyVersion $json 'v3' | Test-Ec2PolicyResourceSupport -PolicyArn $arn -PassThru | ConvertTo-Ec2PolicyJUnit -SuiteName 'IAM policies')
            $suite.name | Should -Be 'IAM policies'
            $suite.testcase.name | Should -Be "$arn (v3)"
            $suite.testcase.classname | Should -Be 'IAM policies'
            $suite.testcase.GetAttribute('file') | Should -BeNullOrEmpty
        }

        It 'names the authorization-details file as the file of each policy in it' {
            $gaad = Join-Path $root 'gaad-cli.json'
            Copy-Item (Join-Path (Get-RepoRoot) 'tests/fixtures/account/gaad-cli.json') $gaad
            $suite = Get-Suite (Test-Ec2PolicyResourceSupport -Path $gaad -PassThru | ConvertTo-Ec2PolicyJUnit -BasePath $root)
            $case = @($suite.testcase) | Where-Object name -eq 'role/builder/run'
            $case.GetAttribute('file') | Should -Be 'gaad-cli.json'
            @($suite.testcase).name | Should -Contain 'arn:aws:iam::111122223333:policy/Orphan (v1)'
        }

        It 'takes results that crossed a runspace boundary (deserialized)' {
            $copies = $results | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_, 3)) }
            $live = Get-Suite ($results | ConvertTo-Ec2PolicyJUnit -BasePath $root)
            $copy = Get-Suite ($copies | ConvertTo-Ec2PolicyJUnit -BasePath $root)
            $copy.OuterXml -replace 'timestamp="[^"]*"' | Should -Be ($live.OuterXml -replace 'timestamp="[^"]*"')
        }

        It 'writes an empty suite for an empty pipeline' {
            $suite = Get-Suite (@() | ConvertTo-Ec2PolicyJUnit)
            $suite.tests | Should -Be '0'
        }
    }

    Context '-OutFile' {
        It 'writes the report and returns nothing' {
            $file = Join-Path $TestDrive 'junit.xml'
            $results | ConvertTo-Ec2PolicyJUnit -OutFile $file -BasePath $root | Should -BeNullOrEmpty
            (Get-Suite (Get-Content $file -Raw)).tests | Should -Be '5'
        }

        It 'writes nothing with -WhatIf' {
            $file = Join-Path $TestDrive 'whatif.xml'
            Invoke-WithoutHost { $results | ConvertTo-Ec2PolicyJUnit -OutFile $file -WhatIf } @{ results = $results; file = $file } | Should -BeNullOrEmpty
            $file | Should -Not -Exist
        }
    }
}
