BeforeAll {
    $ErrorActionPreference = 'Stop'
    Set-StrictMode -Version Latest
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
}

Describe 'Get-IamCapabilityMap' {
    It 'describes the embedded map of every service' {
        $info = Get-IamCapabilityMap
        $info.PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.CapabilityMapInfo'
        $info.IsEmbedded | Should -BeTrue
        $info.Date | Should -Match '^\d{4}-\d{2}-\d{2}$'
        $info.AgeInDays | Should -Be ([int]([datetime]::UtcNow.Date - [datetime]::ParseExact($info.Date, 'yyyy-MM-dd', $null)).TotalDays)
        @($info.Services).Count | Should -BeGreaterThan 400
        @($info.Services) | Should -Contain 's3'
        $info.ActionCount | Should -BeGreaterThan 20000
        $info.ActionCount | Should -BeGreaterThan (Get-Ec2CapabilityMap).ActionCount
    }

    It 'gives one row per service, with that service''s counts' {
        $rows = @(Get-IamCapabilityMap -Service s3, 'ec2*')
        $rows[0].PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.ServiceCapabilityInfo'
        $rows.Service | Should -Contain 's3'
        $rows.Service | Should -Contain 'ec2'
        $rows.Service | Should -Contain 'ec2-instance-connect'
        $ec2 = $rows | Where-Object Service -EQ 'ec2'
        $ec2.ActionCount | Should -Be (Get-Ec2CapabilityMap).ActionCount
        $ec2.StarOnlyActionCount | Should -Be (Get-Ec2CapabilityMap).StarOnlyActionCount
        $ec2.Date | Should -Be (Get-IamCapabilityMap).Date
        ($rows | Where-Object Service -EQ 's3').StarOnlyActionCount | Should -Be @(Get-IamActionCapability 's3:*' | Where-Object { -not $_.SupportsResourceLevelPermissions }).Count
    }

    It 'adds the rows up to the map''s totals' {
        $all = @(Get-IamCapabilityMap -Service *)
        $all.Count | Should -Be @((Get-IamCapabilityMap).Services).Count
        ($all | Measure-Object ActionCount -Sum).Sum | Should -Be (Get-IamCapabilityMap).ActionCount
    }

    It 'reports a service that is not in the map and goes on' {
        $rows = Get-IamCapabilityMap -Service nosuchservice, s3 -ErrorAction SilentlyContinue -ErrorVariable errors
        @($rows).Service | Should -Be @('s3')
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ServiceNotFound,*'
    }

    It 'keeps Get-Ec2CapabilityMap describing the EC2 part only' {
        @((Get-Ec2CapabilityMap).Services) | Should -Be @('ec2')
    }
}
