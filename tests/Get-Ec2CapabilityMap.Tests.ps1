BeforeAll {
    $ErrorActionPreference = 'Stop'
    Set-StrictMode -Version Latest
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    . "$PSScriptRoot/Support/ServiceReference.TestHelpers.ps1"

    $reference = Get-EmbeddedEc2Reference
    $script:Expected = @{
        ActionCount         = @($reference.Actions).Count
        StarOnlyActionCount = @($reference.Actions | Where-Object { @($_.Resources).Count -eq 0 }).Count
        ResourceTypeCount   = @($reference.Resources).Count
    }
    $script:Map = Join-Path $TestDrive 'map.yaml'
    ConvertTo-Ec2CapabilityMap -Path $script:ServiceReferencePath -OutFile $script:Map -Source 'test source' -Date '2020-01-02' | Out-Null
}

Describe 'Get-Ec2CapabilityMap' {
    Context 'The embedded map' {
        BeforeAll {
            $script:Info = Get-Ec2CapabilityMap
        }

        It 'says where the facts come from and how old they are' {
            $Info.PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.CapabilityMapInfo'
            $Info.Path | Should -Be '(embedded)'
            $Info.IsEmbedded | Should -BeTrue
            $Info.Source | Should -BeLike '*AWS Service Authorization Reference*'
            $Info.Date | Should -Match '^\d{4}-\d{2}-\d{2}$'
            $Info.AgeInDays | Should -Be ([int]([datetime]::UtcNow.Date - [datetime]::ParseExact($Info.Date, 'yyyy-MM-dd', $null)).TotalDays)
            @($Info.Services) | Should -Be @('ec2')
        }

        It 'counts what the repository data has' {
            $Info.ActionCount | Should -Be $Expected.ActionCount
            $Info.StarOnlyActionCount | Should -Be $Expected.StarOnlyActionCount
            $Info.ResourceLevelActionCount | Should -Be ($Expected.ActionCount - $Expected.StarOnlyActionCount)
            $Info.ResourceTypeCount | Should -Be $Expected.ResourceTypeCount
            $Info.ConditionKeyCount | Should -BeGreaterThan 0
            $Info.ActionResourceTypeCount | Should -BeGreaterThan $Info.ResourceLevelActionCount
            $Info.RequiredFlagUnknownCount | Should -Be 0
            $Info.UnknownRequiredFlags.Count | Should -Be 0
        }

        It 'agrees with Get-Ec2ActionCapability' {
            @(Get-Ec2ActionCapability | Where-Object { -not $_.SupportsResourceLevelPermissions }).Count | Should -Be $Info.StarOnlyActionCount
        }

        It 'is the map whose date UnknownAction findings give' {
            $finding = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumez","Resource":"*"}]}' |
                Test-Ec2PolicyResourceSupport | Where-Object Code -EQ 'UnknownAction'
            $finding.Message | Should -BeLike "*$($Info.Date)*"
        }

        It 'has a list view' {
            Get-Ec2CapabilityMap | Out-String | Should -Match 'StarOnlyActionCount\s+:\s+\d+'
        }
    }

    Context 'A map file' {
        It 'describes the map given with -CapabilityMapPath, by name or position' {
            $info = Get-Ec2CapabilityMap -CapabilityMapPath $Map
            $info.Path | Should -Be (Resolve-Path $Map).ProviderPath
            $info.IsEmbedded | Should -BeFalse
            $info.Source | Should -Be 'test source'
            $info.Date | Should -Be '2020-01-02'
            $info.ActionCount | Should -Be @((Get-TestServiceReference).Actions).Count -Because 'the file was converted from data/ec2-authorization-reference.json'
            (Get-Ec2CapabilityMap $Map).Date | Should -Be '2020-01-02'
        }

        It 'takes files and ConvertTo-Ec2CapabilityMap output from the pipeline' {
            (Get-Item $Map | Get-Ec2CapabilityMap).Date | Should -Be '2020-01-02'
            (Get-Ec2CapabilityMap $Map | Get-Ec2CapabilityMap).Date | Should -Be '2020-01-02'
            (Get-Ec2CapabilityMap | Get-Ec2CapabilityMap).IsEmbedded | Should -BeTrue
        }

        It 'takes a relative path' {
            Push-Location $TestDrive
            try {
                (Get-Ec2CapabilityMap ./map.yaml).Date | Should -Be '2020-01-02'
            }
            finally {
                Pop-Location
            }
        }
    }

    Context 'A map that cannot be used' {
        It 'stops with CapabilityMapInvalid naming file and line for malformed YAML' {
            $bad = Join-Path $TestDrive 'bad.yaml'
            (Get-Content -LiteralPath $Map -TotalCount 8) + '  - prefix: [' | Set-Content -LiteralPath $bad
            { Get-Ec2CapabilityMap $bad } | Should -Throw -ErrorId 'CapabilityMapInvalid,PolicyTools.Commands.GetEc2CapabilityMapCommand' -ExpectedMessage "*$bad*line*"
        }

        It 'names the line of a value of the wrong kind' {
            $bad = Join-Path $TestDrive 'bad-required.yaml'
            $lines = Get-Content -LiteralPath $Map
            $index = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -like '*required: true*' })
            $lines[$index] = $lines[$index] -replace 'required: true', 'required: maybe'
            $lines | Set-Content -LiteralPath $bad
            { Get-Ec2CapabilityMap $bad } | Should -Throw -ExpectedMessage "*$bad*line $($index + 1):*'required' must be true, false or null*"
        }

        It 'stops with CapabilityMapNotFound for a missing file or a directory' {
            { Get-Ec2CapabilityMap (Join-Path $TestDrive 'missing.yaml') } | Should -Throw -ErrorId 'CapabilityMapNotFound,PolicyTools.Commands.GetEc2CapabilityMapCommand' -ExpectedMessage '*missing.yaml*'
            { Get-Ec2CapabilityMap $TestDrive } | Should -Throw -ErrorId 'CapabilityMapNotFound,PolicyTools.Commands.GetEc2CapabilityMapCommand' -ExpectedMessage '*directory*'
        }

        It 'says to convert a service reference JSON file first' {
            { Get-Ec2CapabilityMap $script:ServiceReferencePath } | Should -Throw -ErrorId 'CapabilityMapInvalid,PolicyTools.Commands.GetEc2CapabilityMapCommand' -ExpectedMessage '*ConvertTo-Ec2CapabilityMap*'
        }

        It 'stops Test-Ec2PolicyResourceSupport before any document is read' {
            $bad = Join-Path $TestDrive 'empty.yaml'
            Set-Content -LiteralPath $bad -Value 'format: "PolicyTools capability map 1"'
            { Get-ClassicPolicy | Test-Ec2PolicyResourceSupport -CapabilityMapPath $bad } |
                Should -Throw -ErrorId 'CapabilityMapInvalid,PolicyTools.Commands.TestEc2PolicyResourceSupportCommand' -ExpectedMessage "*$bad*line 1*"
        }
    }

    Context 'Default view at 80 and 120 columns' {
        It 'lists the map with its source broken between words at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
            param($Width)
            $info = Get-Ec2CapabilityMap
            $text = Assert-ReadableView -InputObject $info -Width $Width -Text $info.Source -Column 40
            $text | Should -Match '(?m)^ActionWithRequiredResourceTypeCount : \d+$'
        }
    }
}
