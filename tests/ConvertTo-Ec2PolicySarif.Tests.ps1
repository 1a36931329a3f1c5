BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest

    $script:root = Join-Path $TestDrive 'repo'
    $script:policies = New-Item (Join-Path $root 'policies') -ItemType Directory -Force
    $examples = Join-Path (Get-RepoRoot) 'module/examples'
    Copy-Item (Join-Path $examples 'classic-describe-volumes.json') (Join-Path $policies 'classic.json')
    Copy-Item (Join-Path $examples 'split-statements-are-fine.json') (Join-Path $policies 'clean.json')
    Copy-Item (Join-Path $examples 'typos-and-bad-arns.json') (Join-Path $policies 'typos.json')
    Set-Content (Join-Path $policies 'broken.json') '{"Version": "2012-10-17", "Statement": [ {'

    $script:findings = @(Test-Ec2PolicyResourceSupport -Path (Join-Path $policies '*.json') -ErrorAction SilentlyContinue)

    # The core lives in its own load context: read the finding codes off its assembly.
    $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PolicyTools.Core' } | Select-Object -First 1
    $script:codes = @($core.GetType('PolicyTools.Analysis.FindingCodes').GetField('All').GetValue($null))

    function ConvertFrom-Sarif([string] $Text) { $Text | ConvertFrom-Json -Depth 64 }
}

Describe 'ConvertTo-Ec2PolicySarif' {
    Context 'The log' {
        BeforeAll {
            $sarif = $findings | ConvertTo-Ec2PolicySarif -BasePath $root
            $log = ConvertFrom-Sarif $sarif
            $run = $log.runs[0]
        }

        It 'returns one JSON string' {
            $sarif | Should -BeOfType [string]
            @($sarif).Count | Should -Be 1
        }

        It 'has the schema, the version and one run' {
            $log.'$schema' | Should -Be 'https://json.schemastore.org/sarif-2.1.0.json'
            $log.version | Should -Be '2.1.0'
            @($log.runs).Count | Should -Be 1
        }

        It 'names the tool with the module version and project page' {
            $driver = $run.tool.driver
            $driver.name | Should -Be 'PolicyTools'
            $driver.semanticVersion | Should -Be (Get-Module PolicyTools).Version.ToString(3)
            $driver.informationUri | Should -Be (Get-Module PolicyTools).ProjectUri.AbsoluteUri
        }

        It 'has one rule per finding code, fully described' {
            $rules = @($run.tool.driver.rules)
            $rules.id | Should -Be $codes
            foreach ($rule in $rules) {
                $rule.name | Should -Be $rule.id
                $rule.shortDescription.text | Should -Not -BeNullOrEmpty
                $rule.fullDescription.text | Should -Not -BeNullOrEmpty
                $rule.help.text | Should -Not -BeNullOrEmpty
                $rule.defaultConfiguration.level | Should -BeIn 'error', 'warning', 'note'
            }
        }

        It 'has one result per finding, with its rule, level, message and line' {
            $results = @($run.results)
            $results.Count | Should -Be $findings.Count
            $rules = @($run.tool.driver.rules)
            for ($i = 0; $i -lt $results.Count; $i++) {
                $result = $results[$i]
                $finding = $findings[$i]
                $result.ruleId | Should -Be $finding.Code
                $rules[$result.ruleIndex].id | Should -Be $finding.Code
                $result.level | Should -Be @{ Error = 'error'; Warning = 'warning'; Information = 'note' }[[string]$finding.Severity]
                $result.message.text | Should -Be $finding.Message
                $location = $result.locations[0].physicalLocation
                $location.artifactLocation.uri | Should -Be ('policies/' + (Split-Path $finding.Source -Leaf))
                $location.region.startLine | Should -Be $finding.Line
            }
            $results.level | Should -Contain 'warning'
        }

        It 'points at the statement line of the classic mistake' {
            $rlp = @($run.results | Where-Object { $_.ruleId -eq 'ResourceLevelPermissionsNotSupported' -and $_.locations[0].physicalLocation.artifactLocation.uri -eq 'policies/classic.json' })
            $rlp.Count | Should -Be 1
            $rlp[0].locations[0].physicalLocation.region.startLine | Should -Be 4
            $rlp[0].properties.actions | Should -Be @('ec2:DescribeVolumes')
            $rlp[0].properties.sid | Should -Be 'Stmt1414688041000'
        }
    }

    Context 'Locations' {
        It 'are relative to the current location by default' {
            Push-Location $root
            try {
                $log = ConvertFrom-Sarif ($findings | ConvertTo-Ec2PolicySarif)
            }
            finally {
                Pop-Location
            }
            $log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri | Should -BeLike 'policies/*.json'
        }

        It 'are absolute file URIs outside -BasePath' {
            $log = ConvertFrom-Sarif ($findings | ConvertTo-Ec2PolicySarif -BasePath (Join-Path $root 'elsewhere'))
            $log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri | Should -BeLike 'file:///*/policies/*.json'
        }

        It 'are logical for policies from IAM' {
            $arn = 'arn:aws:iam::123456789012:policy/Ops'
            $json = Get-Content (Join-Path $policies 'classic.json') -Raw
            $log = ConvertFrom-Sarif (New-PolicyVersion $json 'v4' | Test-Ec2PolicyResourceSupport -PolicyArn $arn | ConvertTo-Ec2PolicySarif)
            $location = $log.runs[0].results[0].locations[0]
            $location.PSObject.Properties.Name | Should -Not -Contain 'physicalLocation'
            $location.logicalLocations[0].name | Should -Be $arn
            $log.runs[0].results[0].properties.versionId | Should -Be 'v4'
        }

        It 'place a finding from an authorization-details file in that file, at its line, naming the policy' {
            $gaad = Join-Path $root 'gaad-cli.json'
            Copy-Item (Join-Path (Get-RepoRoot) 'tests/fixtures/account/gaad-cli.json') $gaad
            $finding = Test-Ec2PolicyResourceSupport -Path $gaad | Where-Object Source -eq 'role/builder/run'
            $result = (ConvertFrom-Sarif ($finding | ConvertTo-Ec2PolicySarif -BasePath $root)).runs[0].results[0]
            $result.locations[0].physicalLocation.artifactLocation.uri | Should -Be 'gaad-cli.json'
            $result.locations[0].physicalLocation.region.startLine | Should -Be $finding.Line
            $result.message.text | Should -BeLike 'role/builder/run: *'
            $result.properties.source | Should -Be 'role/builder/run'
            $result.properties.affectedPrincipals | Should -Be @('arn:aws:iam::111122223333:role/builder')
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($finding, 3))
            $fromCopy = (ConvertFrom-Sarif ($copy | ConvertTo-Ec2PolicySarif -BasePath $root)).runs[0].results[0]
            $fromCopy.properties.affectedPrincipals | Should -Be @('arn:aws:iam::111122223333:role/builder')
            $fromCopy.locations[0].physicalLocation.artifactLocation.uri | Should -Be 'gaad-cli.json'
        }
    }

    Context 'Input' {
        It 'takes -PassThru results and reports unreadable files as notifications' {
            $results = Test-Ec2PolicyResourceSupport -Path (Join-Path $policies '*.json') -PassThru -ErrorAction SilentlyContinue
            $run = (ConvertFrom-Sarif ($results | ConvertTo-Ec2PolicySarif -BasePath $root)).runs[0]
            @($run.results).Count | Should -Be $findings.Count
            $notification = @($run.invocations[0].toolExecutionNotifications)
            $notification.Count | Should -Be 1
            $notification[0].descriptor.id | Should -Be 'PolicyJsonInvalid'
            $notification[0].locations[0].physicalLocation.artifactLocation.uri | Should -Be 'policies/broken.json'
        }

        It 'gives a valid log without results for an empty pipeline' {
            $log = ConvertFrom-Sarif (@() | ConvertTo-Ec2PolicySarif)
            $log.version | Should -Be '2.1.0'
            @($log.runs[0].results).Count | Should -Be 0
        }

        It 'takes findings that crossed a runspace boundary (deserialized)' {
            $copies = $findings | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) }
            $copies[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.PolicyTools.Analysis.PolicyFinding'
            $live = ConvertFrom-Sarif ($findings | ConvertTo-Ec2PolicySarif -BasePath $root)
            $copy = ConvertFrom-Sarif ($copies | ConvertTo-Ec2PolicySarif -BasePath $root)
            ($copy.runs[0].results | ConvertTo-Json -Depth 20) | Should -Be ($live.runs[0].results | ConvertTo-Json -Depth 20)
        }

        It 'takes findings read back from Export-Csv' {
            $csv = Join-Path $TestDrive 'audit.csv'
            $findings | Export-Csv $csv -NoTypeInformation
            $run = (ConvertFrom-Sarif (Import-Csv $csv | ConvertTo-Ec2PolicySarif -BasePath $root)).runs[0]
            $run.results.ruleId | Should -Be $findings.Code
            $run.results.level | Should -Be ($findings.Severity | ForEach-Object { @{ Error = 'error'; Warning = 'warning'; Information = 'note' }[[string]$_] })
            $run.results | ForEach-Object { $_.locations[0].physicalLocation.region.startLine } | Should -Be $findings.Line
        }

        It 'reports an object that is no finding and goes on' {
            $sarif = @((Get-Date), $findings[0]) | ConvertTo-Ec2PolicySarif -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'ReportInputNotSupported,PolicyTools.Commands.ConvertToEc2PolicySarifCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
            @((ConvertFrom-Sarif $sarif).runs[0].results).Count | Should -Be 1
        }
    }

    Context '-OutFile' {
        It 'writes UTF-8 without BOM and returns nothing' {
            $file = Join-Path $TestDrive 'out.sarif'
            $output = $findings | ConvertTo-Ec2PolicySarif -OutFile $file -BasePath $root
            $output | Should -BeNullOrEmpty
            $bytes = [IO.File]::ReadAllBytes($file)
            $bytes[0] | Should -Be ([byte][char]'{')
            (ConvertFrom-Sarif ([IO.File]::ReadAllText($file))).runs[0].results.Count | Should -Be $findings.Count
        }

        It 'resolves a relative -OutFile from the current location' {
            Push-Location $TestDrive
            try {
                $findings | ConvertTo-Ec2PolicySarif -OutFile ./relative.sarif
            }
            finally {
                Pop-Location
            }
            Join-Path $TestDrive 'relative.sarif' | Should -Exist
        }

        It 'writes nothing with -WhatIf' {
            $file = Join-Path $TestDrive 'whatif.sarif'
            Invoke-WithoutHost { $findings | ConvertTo-Ec2PolicySarif -OutFile $file -WhatIf } @{ findings = $findings; file = $file } | Should -BeNullOrEmpty
            $file | Should -Not -Exist
        }

        It 'writes with -Confirm:$false' {
            $file = Join-Path $TestDrive 'confirmed.sarif'
            $findings | ConvertTo-Ec2PolicySarif -OutFile $file -Confirm:$false
            $file | Should -Exist
        }

        It 'fails with a specific error when the folder does not exist' {
            { $findings | ConvertTo-Ec2PolicySarif -OutFile (Join-Path $TestDrive 'no/such/folder/out.sarif') } |
                Should -Throw -ErrorId 'ReportOutFileDirectoryNotFound,PolicyTools.Commands.ConvertToEc2PolicySarifCommand'
        }

        It 'fails with a specific error when -OutFile is a folder' {
            { $findings | ConvertTo-Ec2PolicySarif -OutFile $TestDrive } |
                Should -Throw -ErrorId 'ReportOutFileIsDirectory,PolicyTools.Commands.ConvertToEc2PolicySarifCommand'
        }
    }
}
