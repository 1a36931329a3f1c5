BeforeAll {
    $ErrorActionPreference = 'Stop'
    Set-StrictMode -Version Latest
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    . "$PSScriptRoot/Support/ServiceReference.TestHelpers.ps1"

    $reference = Get-EmbeddedEc2Reference
    $script:ActionCount = @($reference.Actions).Count
    $script:DescribeActions = @($reference.Actions | Where-Object Name -Like 'Describe*')
    $script:MapDate = (Get-Ec2CapabilityMap).Date

    # A map with an invented action, to tell which map the completer and the cmdlet read.
    $custom = Get-TestServiceReference
    $invented = (Get-TestAction $custom 'DescribeVolumes') | ConvertTo-Json -Depth 20 | ConvertFrom-Json -Depth 20
    $invented.Name = 'DescribeVolumesInvented'
    $custom.Actions = @($custom.Actions) + $invented
    $customJson = Save-TestServiceReference $custom 'custom.json'
    $script:CustomMap = Join-Path $TestDrive 'custom-map.yaml'
    ConvertTo-Ec2CapabilityMap -Path $customJson -OutFile $script:CustomMap | Out-Null
}

Describe 'Get-Ec2ActionCapability' {
    Context 'One action' {
        It 'says that ec2:DescribeVolumes supports no resource-level permissions' {
            $info = Get-Ec2ActionCapability ec2:DescribeVolumes
            $info.PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.ActionCapabilityInfo'
            $info.Action | Should -Be 'ec2:DescribeVolumes'
            $info.AccessLevel | Should -Be 'List'
            $info.SupportsResourceLevelPermissions | Should -BeFalse
            $info.ResourceTypes.Count | Should -Be 0
        }

        It 'takes names without the prefix and in any case, and writes the canonical name' {
            (Get-Ec2ActionCapability runinstances).Action | Should -Be 'ec2:RunInstances'
            (Get-Ec2ActionCapability 'EC2:describevolumes').Action | Should -Be 'ec2:DescribeVolumes'
        }

        It 'lists the resource types of ec2:RunInstances with required flags, ARN formats and condition keys' {
            $info = Get-Ec2ActionCapability RunInstances
            $info.SupportsResourceLevelPermissions | Should -BeTrue
            @($info.RequiredResourceTypes) | Should -Be @('image', 'instance', 'network-interface', 'security-group', 'subnet')

            $types = $info | Select-Object -ExpandProperty ResourceTypes
            $types[0].PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.ResourceTypeInfo'
            $instance = $types | Where-Object Name -EQ 'instance'
            $instance.Required | Should -BeTrue
            $instance.Action | Should -Be 'ec2:RunInstances'
            @($instance.ArnFormats) | Should -Be @('arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}')
            $instance.ConditionKeys | Should -Contain 'ec2:ResourceTag/${TagKey}'
            $instance.ConditionKeysForAction | Should -Contain 'ec2:InstanceType'
            ($types | Where-Object Name -EQ 'image').ArnFormats[0] | Should -Be 'arn:${Partition}:ec2:${Region}::image/${ImageId}'
            ($types | Where-Object Name -EQ 'volume').Required | Should -BeFalse
        }

        It 'gives the action condition keys and dependent actions' {
            $info = Get-Ec2ActionCapability ec2:RunInstances
            $info.ConditionKeys | Should -Contain 'ec2:Region'
            $null -ne $info.DependentActions | Should -BeTrue -Because 'the map knows the dependent actions of RunInstances (none at the action level)'
            ((Get-Ec2ActionCapability ec2:RunInstances).ResourceTypes | Where-Object Name -EQ 'image').DependentActions | Should -Contain 'iam:PassRole'
        }
    }

    Context 'Patterns' {
        It 'expands ec2:Describe* like IAM does' {
            $all = @(Get-Ec2ActionCapability 'ec2:Describe*')
            $all.Count | Should -Be $script:DescribeActions.Count
            @($all | Where-Object SupportsResourceLevelPermissions).Count |
                Should -Be @($script:DescribeActions | Where-Object { @($_.Resources).Count -gt 0 }).Count
        }

        It 'expands patterns without the prefix and with ?' {
            @(Get-Ec2ActionCapability 'describe*').Count | Should -Be $script:DescribeActions.Count
            (Get-Ec2ActionCapability 'ec2:DescribeVolume?').Action | Should -Be 'ec2:DescribeVolumes'
        }

        It 'writes every action when no action is given' {
            @(Get-Ec2ActionCapability).Count | Should -Be $script:ActionCount
        }

        It 'writes an action once however many patterns match it' {
            $result = @(Get-Ec2ActionCapability 'ec2:DescribeVolumes', 'ec2:Describe*', 'DESCRIBEVOLUMES')
            $result.Count | Should -Be $script:DescribeActions.Count
            @($result | Where-Object Action -EQ 'ec2:DescribeVolumes').Count | Should -Be 1
        }
    }

    Context 'Pipeline' {
        It 'takes action names by value' {
            @('ec2:AttachVolume', 'DetachVolume' | Get-Ec2ActionCapability).Action | Should -Be @('ec2:AttachVolume', 'ec2:DetachVolume')
        }

        It 'takes objects with an Action property' {
            ([pscustomobject]@{ Action = 'ec2:AttachVolume' } | Get-Ec2ActionCapability).Action | Should -Be 'ec2:AttachVolume'
        }

        It 'takes the Actions of findings' {
            $findings = @(Get-ClassicPolicy | Test-Ec2PolicyResourceSupport)
            $findings.Count | Should -BeGreaterThan 0
            $result = @($findings | Get-Ec2ActionCapability)
            $result.Action | Should -Be @('ec2:DescribeVolumes')
            $result[0].SupportsResourceLevelPermissions | Should -BeFalse
        }
    }

    Context 'Nothing matches' {
        It 'writes a non-terminating ActionNotFound error naming the pattern and the map date, and goes on' {
            $result = @(Get-Ec2ActionCapability 'ec2:DescribeVolume', 'ec2:AttachVolume' -ErrorAction SilentlyContinue -ErrorVariable errors)
            $result.Action | Should -Be @('ec2:AttachVolume')
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'ActionNotFound,PolicyTools.Commands.GetEc2ActionCapabilityCommand'
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errors[0].TargetObject | Should -Be 'ec2:DescribeVolume'
            $errors[0].Exception.Message | Should -BeLike "*'ec2:DescribeVolume'*$script:MapDate*"
        }

        It 'says when the pattern names a service the map does not cover' {
            Get-Ec2ActionCapability 's3:GetObject' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].Exception.Message | Should -BeLike "*'s3'*covers ec2*"
        }
    }

    Context '-CapabilityMapPath' {
        It 'reads the actions of the map given' {
            (Get-Ec2ActionCapability DescribeVolumesInvented -CapabilityMapPath $script:CustomMap).Action | Should -Be 'ec2:DescribeVolumesInvented'
            Get-Ec2ActionCapability DescribeVolumesInvented -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors.Count | Should -Be 1
        }

        It 'stops with one error naming file and line when the map is malformed' {
            $bad = Join-Path $TestDrive 'malformed.yaml'
            (Get-Content -LiteralPath $script:CustomMap -TotalCount 12) + '        arnFormats: ["arn:aws:ec2' | Set-Content -LiteralPath $bad
            $errors = @()
            try {
                Get-Ec2ActionCapability RunInstances -CapabilityMapPath $bad -ErrorVariable +errors
                throw 'no error'
            }
            catch {
                $_.FullyQualifiedErrorId | Should -Be 'CapabilityMapInvalid,PolicyTools.Commands.GetEc2ActionCapabilityCommand'
                $_.Exception.Message | Should -BeLike "*$bad*line 1[3-4]*"
            }
            $errors.Count | Should -Be 1
        }
    }

    Context 'Tab completion' {
        BeforeAll {
            function Get-Completion([string] $InputScript) {
                @((TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches)
            }
        }

        It 'completes ec2:DescribeVol to the canonical names' {
            $completions = Get-Completion 'Get-Ec2ActionCapability ec2:DescribeVol'
            $completions.CompletionText | Should -Contain 'ec2:DescribeVolumes'
            $completions.CompletionText | Should -Contain 'ec2:DescribeVolumeStatus'
            $completions.CompletionText | ForEach-Object { $_ | Should -BeLike 'ec2:DescribeVol*' }
        }

        It 'completes at the cursor position of the issue (column 38)' {
            $result = TabExpansion2 -inputScript 'Get-Ec2ActionCapability ec2:DescribeVol' -cursorColumn 38
            $result.CompletionMatches.CompletionText | Should -Contain 'ec2:DescribeVolumes'
        }

        It 'completes names without the prefix, in any case, and after -Action' {
            (Get-Completion 'Get-Ec2ActionCapability DescribeVol').CompletionText | Should -Contain 'ec2:DescribeVolumes'
            (Get-Completion 'Get-Ec2ActionCapability describevol').CompletionText | Should -Contain 'ec2:DescribeVolumes'
            (Get-Completion 'Get-Ec2ActionCapability -Action EC2:runinst').CompletionText | Should -Be @('ec2:RunInstances')
        }

        It 'keeps the quote the user typed' {
            (Get-Completion "Get-Ec2ActionCapability 'ec2:RunInst").CompletionText | Should -Be @("'ec2:RunInstances'")
        }

        It 'offers nothing for a name no action starts with' {
            Get-Completion 'Get-Ec2ActionCapability ec2:NoSuchActionPrefix' | Should -BeNullOrEmpty
        }

        It 'reads the map of -CapabilityMapPath when it is on the command line (also a relative path)' {
            Get-Completion 'Get-Ec2ActionCapability DescribeVolumesInv' | Should -BeNullOrEmpty
            (Get-Completion "Get-Ec2ActionCapability -CapabilityMapPath '$script:CustomMap' DescribeVolumesInv").CompletionText |
                Should -Be @('ec2:DescribeVolumesInvented')
            Push-Location $TestDrive
            try {
                (Get-Completion 'Get-Ec2ActionCapability -CapabilityMapPath ./custom-map.yaml DescribeVolumesInv').CompletionText |
                    Should -Be @('ec2:DescribeVolumesInvented')
            }
            finally {
                Pop-Location
            }
        }
    }

    Context 'Display' {
        It 'has a table view naming required types with *' {
            $text = Get-Ec2ActionCapability RunInstances, DescribeVolumes | Out-String -Width 250
            $text | Should -Match 'ec2:RunInstances\s+Write\s+image\*, instance\*'
            $text | Should -Match 'ec2:DescribeVolumes .*"\*" only'
            Get-Ec2ActionCapability RunInstances | Select-Object -ExpandProperty ResourceTypes | Out-String -Width 250 |
                Should -BeLike '*arn:${Partition}:ec2:${Region}::image/${ImageId}*'
        }
    }

    Context 'Default views at 80 and 120 columns' {
        It 'shows every action name whole, one action a line where it fits, at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
            param($Width)
            $all = Get-Ec2ActionCapability
            ($all.Action | Measure-Object -Property Length -Maximum).Maximum | Should -BeGreaterThan 42
            $text = Assert-ReadableView -InputObject $all -Width $Width -Text $all.Action
            $text | Should -Match '(?m)^ec2:DescribeVolumes +List +"\*" only$'
            # One row after another, without blank lines between actions.
            @($text.Trim() -split "`n" | Where-Object { $_.Trim() -eq '' }).Count | Should -Be 0
            $text | Should -Match '(?m)^ec2:DescribeCapacityBlockExtensionOfferings +List'
            # Too long for one line: the types go below, indented, broken between types.
            $text | Should -Match '(?m)^ec2:RunInstances +Write\s*\n    image\*, instance\*,'
        }

        It 'shows resource types with their ARN formats whole at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
            param($Width)
            $types = (Get-Ec2ActionCapability RunInstances).ResourceTypes
            $text = Assert-ReadableView -InputObject $types -Width $Width -Text ($types.ArnFormats + $types.Name)
            $text | Should -Match '(?m)^image \(required\)\n    arn:\$\{Partition\}:ec2:\$\{Region\}::image/\$\{ImageId\}$'
        }
    }

    Context '$null input' {
        It 'skips $null without a binder error, and looks up what comes with it' {
            $null | Get-Ec2ActionCapability -ErrorVariable errs | Should -BeNullOrEmpty
            $errs | Should -BeNullOrEmpty
            ($null, 'ec2:DescribeVolumes' | Get-Ec2ActionCapability -ErrorVariable errs2).Action | Should -Be 'ec2:DescribeVolumes'
            $errs2 | Should -BeNullOrEmpty
        }
    }
}
