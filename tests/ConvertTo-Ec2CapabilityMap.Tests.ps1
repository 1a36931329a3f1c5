BeforeAll {
    $ErrorActionPreference = 'Stop'
    Set-StrictMode -Version Latest
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    . "$PSScriptRoot/Support/ServiceReference.TestHelpers.ps1"

    $script:Command = 'PolicyTools.Commands.ConvertToEc2CapabilityMapCommand'

    # The map body without the comment, format, source and date lines at the top.
    function Get-MapBody([string] $Path) {
        $lines = Get-Content -LiteralPath $Path
        $lines[([array]::IndexOf([string[]]$lines, 'services:'))..($lines.Count - 1)] -join "`n"
    }

    # AWS's own download: no Required flags, access levels, dependent actions or provenance.
    $script:OfficialJson = Get-TestServiceReference | ConvertTo-OfficialShape | ForEach-Object { Save-TestServiceReference $_ 'official.json' }

    # The same, where DescribeVolumes has gained the volume resource type (a pair no map knows).
    $changed = Get-TestServiceReference | ConvertTo-OfficialShape
    (Get-TestAction $changed 'DescribeVolumes').Resources = @([pscustomobject]@{ Name = 'volume'; ConditionKeys = @() })
    $script:ChangedJson = Save-TestServiceReference $changed 'changed.json'
}

Describe 'ConvertTo-Ec2CapabilityMap' {
    Context 'The repository data' {
        It 'writes the embedded map byte for byte' {
            # As the Map task does: the scraped reference, with the dependent actions of the official one.
            $official = Join-Path $TestDrive 'official-reference.yaml'
            ConvertTo-Ec2CapabilityMap -Path $ServiceReferencePath -OutFile $official | Out-Null
            $out = Join-Path $TestDrive 'embedded-again.yaml'
            $info = ConvertTo-Ec2CapabilityMap -Path $IamDataPath -OutFile $out -CapabilityMapPath $official
            $info.PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.CapabilityMapInfo'
            $info.Path | Should -Be $out
            $info.RequiredFlagUnknownCount | Should -Be 0
            (Get-FileHash -LiteralPath $out).Hash | Should -Be (Get-FileHash -LiteralPath $EmbeddedMapPath).Hash
        }
    }

    Context 'The official format (no Required flags)' {
        BeforeAll {
            # The known map: the same data with its flags (the embedded map is newer data).
            $script:KnownMapPath = Join-Path $TestDrive 'known-reference.yaml'
            ConvertTo-Ec2CapabilityMap -Path $ServiceReferencePath -OutFile $KnownMapPath | Out-Null
            $script:OfficialMap = Join-Path $TestDrive 'official.yaml'
            $script:OfficialInfo = ConvertTo-Ec2CapabilityMap -Path $OfficialJson -OutFile $OfficialMap -CapabilityMapPath $KnownMapPath -WarningVariable warnings -WarningAction SilentlyContinue
            $script:OfficialWarnings = $warnings
        }

        It 'keeps the Required flags, access levels and dependent actions of the known map' {
            $OfficialInfo.RequiredFlagUnknownCount | Should -Be 0
            $OfficialWarnings.Count | Should -Be 0
            Get-MapBody $OfficialMap | Should -BeExactly (Get-MapBody $KnownMapPath)
        }

        It 'reproduces the required types of RunInstances' {
            @((Get-Ec2ActionCapability RunInstances -CapabilityMapPath $OfficialMap).RequiredResourceTypes) |
                Should -Be @('image', 'instance', 'network-interface', 'security-group', 'subnet')
        }

        It 'dates the map by the file when the JSON has no provenance, and names the file as source' {
            $OfficialInfo.Date | Should -Be (Get-Item -LiteralPath $OfficialJson).LastWriteTimeUtc.ToString('yyyy-MM-dd')
            $OfficialInfo.Source | Should -BeLike '*official.json*'
        }
    }

    Context 'A new action/resource type pair' {
        BeforeAll {
            $script:ChangedMap = Join-Path $TestDrive 'changed.yaml'
            $script:ChangedInfo = ConvertTo-Ec2CapabilityMap -Path $ChangedJson -OutFile $ChangedMap -WarningVariable warnings -WarningAction SilentlyContinue
            $script:ChangedWarnings = $warnings
        }

        It 'reports the pair whose Required flag is unknown, and treats it as optional' {
            @($ChangedInfo.UnknownRequiredFlags) | Should -Be @('ec2:DescribeVolumes volume')
            $ChangedInfo.RequiredFlagUnknownCount | Should -Be 1
            $ChangedWarnings.Count | Should -Be 1
            $ChangedWarnings[0].Message | Should -BeLike '*treated as optional*ec2:DescribeVolumes volume*'
            $type = (Get-Ec2ActionCapability ec2:DescribeVolumes -CapabilityMapPath $ChangedMap).ResourceTypes[0]
            $type.Name | Should -Be 'volume'
            $type.Required | Should -BeNullOrEmpty
            (Get-Ec2CapabilityMap $ChangedMap).UnknownRequiredFlags | Should -Be @('ec2:DescribeVolumes volume')
        }

        It 'turns the classic DescribeVolumes finding off when the map is used' {
            $policy = Join-Path $TestDrive 'classic.json'
            Get-ClassicPolicy | Set-Content -LiteralPath $policy
            $before = @(Test-Ec2PolicyResourceSupport -Path $policy)
            $before.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
            ($before | Where-Object Code -EQ 'ResourceLevelPermissionsNotSupported').Actions | Should -Be @('ec2:DescribeVolumes')

            Test-Ec2PolicyResourceSupport -Path $policy -CapabilityMapPath $ChangedMap | Should -BeNullOrEmpty
            Test-Ec2PolicyResourceSupport -Path $policy -CapabilityMapPath $ChangedMap -Quiet | Should -BeTrue
        }

        It 'takes the Required flags from the map given with -CapabilityMapPath' {
            # A known map in which RunInstances' instance type is optional.
            $known = Get-TestServiceReference
            ((Get-TestAction $known 'RunInstances').Resources | Where-Object Name -EQ 'instance').Required = $false
            $knownJson = Save-TestServiceReference $known 'known.json'
            $knownMap = Join-Path $TestDrive 'known.yaml'
            ConvertTo-Ec2CapabilityMap $knownJson $knownMap | Out-Null

            $out = Join-Path $TestDrive 'from-known.yaml'
            ConvertTo-Ec2CapabilityMap -Path $ChangedJson -OutFile $out -CapabilityMapPath $knownMap -WarningAction SilentlyContinue | Out-Null
            (Get-Ec2ActionCapability RunInstances -CapabilityMapPath $out).RequiredResourceTypes | Should -Not -Contain 'instance'
            (Get-Ec2ActionCapability RunInstances -CapabilityMapPath $ChangedMap).RequiredResourceTypes | Should -Contain 'instance'
        }
    }

    Context 'Writing the file' {
        It 'writes nothing under -WhatIf' {
            $out = Join-Path $TestDrive 'whatif.yaml'
            Invoke-WithoutHost { ConvertTo-Ec2CapabilityMap $ServiceReferencePath $out -WhatIf } @{ ServiceReferencePath = $ServiceReferencePath; out = $out } |
                Should -BeNullOrEmpty
            Test-Path -LiteralPath $out | Should -BeFalse
        }

        It 'does not overwrite a file without -Force, and does with it' {
            $out = Join-Path $TestDrive 'existing.yaml'
            Set-Content -LiteralPath $out -Value 'keep me'
            ConvertTo-Ec2CapabilityMap $ServiceReferencePath $out -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be "CapabilityMapOutFileExists,$Command"
            $errors[0].Exception.Message | Should -BeLike '*-Force*'
            Get-Content -LiteralPath $out | Should -Be 'keep me'

            (ConvertTo-Ec2CapabilityMap $ServiceReferencePath $out -Force).ActionCount | Should -BeGreaterThan 0
            (Get-Ec2CapabilityMap $out).ActionCount | Should -BeGreaterThan 0
            @(Get-ChildItem -LiteralPath $TestDrive -Force -Filter '*.tmp').Count | Should -Be 0
        }

        It 'takes -Source and -Date' {
            $out = Join-Path $TestDrive 'overrides.yaml'
            $info = ConvertTo-Ec2CapabilityMap $ServiceReferencePath $out -Source 'my mirror' -Date '2031-12-24'
            $info.Source | Should -Be 'my mirror'
            $info.Date | Should -Be '2031-12-24'
            (Get-Ec2CapabilityMap $out).Date | Should -Be '2031-12-24'
            { ConvertTo-Ec2CapabilityMap $ServiceReferencePath $out -Force -Date 'yesterday' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PolicyTools.Commands.ConvertToEc2CapabilityMapCommand'
        }

        It 'takes the input file from the pipeline' {
            $out = Join-Path $TestDrive 'piped.yaml'
            (Get-Item -LiteralPath $ServiceReferencePath | ConvertTo-Ec2CapabilityMap -OutFile $out).ActionCount | Should -BeGreaterThan 0
        }

        It 'refuses to overwrite its input' {
            $copy = Join-Path $TestDrive 'input-copy.json'
            Copy-Item -LiteralPath $OfficialJson $copy
            ConvertTo-Ec2CapabilityMap $copy $copy -Force -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be "CapabilityMapOutFileIsInput,$Command"
            (Get-FileHash -LiteralPath $copy).Hash | Should -Be (Get-FileHash -LiteralPath $OfficialJson).Hash
        }
    }

    Context 'Input that cannot be converted' {
        BeforeAll {
            function Invoke-Failing([string] $Content, [string] $Name) {
                $path = Join-Path $TestDrive $Name
                Set-Content -LiteralPath $path -Value $Content
                $out = Join-Path $TestDrive "$Name.yaml"
                ConvertTo-Ec2CapabilityMap $path $out -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
                Test-Path -LiteralPath $out | Should -BeFalse
                $errors.Count | Should -Be 1
                $errors[0]
            }
        }

        It 'names file and line for text that is not JSON' {
            $err = Invoke-Failing "{`n  `"Name`": `"ec2`",`n  `"Actions`": [ oops ]`n}" 'not-json.json'
            $err.FullyQualifiedErrorId | Should -Be "ServiceReferenceInvalid,$Command"
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -BeLike '*not-json.json*(line 3)*'
            $err.Exception.Message | Should -Not -BeLike '*LineNumber:*'
        }

        It 'names the file for JSON of the wrong shape' {
            (Invoke-Failing '[1, 2, 3]' 'array.json').Exception.Message | Should -BeLike '*array.json*not a JSON object*'
            (Invoke-Failing '{ "Version": "2012-10-17", "Statement": [] }' 'policy.json').Exception.Message | Should -BeLike "*policy.json*neither 'Actions'*"
            (Invoke-Failing '{ "Name": "ec2", "Actions": [ { "Name": "X", "Resources": [ { "Name": "nope" } ] } ], "Resources": [] }' 'undefined.json').Exception.Message |
                Should -BeLike "*undefined.json*'ec2:X'*'nope'*"
        }

        It 'says which service is missing' {
            $out = Join-Path $TestDrive 's3.yaml'
            ConvertTo-Ec2CapabilityMap $ServiceReferencePath $out -Service s3 -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be "ServiceReferenceInvalid,$Command"
            $errors[0].Exception.Message | Should -BeLike "*no service 's3'*"
        }

        It 'reports a missing file and a directory' {
            ConvertTo-Ec2CapabilityMap (Join-Path $TestDrive 'missing.json') (Join-Path $TestDrive 'm.yaml') -ErrorAction SilentlyContinue -ErrorVariable errors
            $errors[0].FullyQualifiedErrorId | Should -Be "ServiceReferenceFileNotFound,$Command"
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            ConvertTo-Ec2CapabilityMap $TestDrive (Join-Path $TestDrive 'm.yaml') -ErrorAction SilentlyContinue -ErrorVariable errors
            $errors[0].FullyQualifiedErrorId | Should -Be "ServiceReferencePathIsDirectory,$Command"
        }

        It 'stops when the known map is malformed' {
            $bad = Join-Path $TestDrive 'bad-known.yaml'
            Set-Content -LiteralPath $bad -Value "format: `"PolicyTools capability map 1`"`nsource: [x"
            { ConvertTo-Ec2CapabilityMap $OfficialJson (Join-Path $TestDrive 'never.yaml') -CapabilityMapPath $bad } |
                Should -Throw -ErrorId "CapabilityMapInvalid,$Command" -ExpectedMessage "*bad-known.yaml*line*"
            Test-Path (Join-Path $TestDrive 'never.yaml') | Should -BeFalse
        }
    }
}
