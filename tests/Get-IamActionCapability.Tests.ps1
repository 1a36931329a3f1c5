BeforeAll {
    $ErrorActionPreference = 'Stop'
    Set-StrictMode -Version Latest
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
}

Describe 'Get-IamActionCapability' {
    It 'answers for actions of any service' {
        $start = Get-IamActionCapability ssm:StartSession
        $start.PSObject.TypeNames[0] | Should -Be 'PolicyTools.Capabilities.ActionCapabilityInfo'
        $start.Action | Should -Be 'ssm:StartSession'
        $start.SupportsResourceLevelPermissions | Should -BeTrue
        @($start.ResourceTypes.Name) | Should -Contain 'instance'
        @($start.ResourceTypes.Name) | Should -Contain 'document'

        $list = Get-IamActionCapability S3:listallmybuckets
        $list.Action | Should -Be 's3:ListAllMyBuckets'
        $list.SupportsResourceLevelPermissions | Should -BeFalse -Because 'only "Resource": "*" grants s3:ListAllMyBuckets'
    }

    It 'expands wildcards within a service and across services' {
        $get = @(Get-IamActionCapability 's3:Get*')
        $get.Count | Should -BeGreaterThan 40
        $get.Action | ForEach-Object { $_ | Should -BeLike 's3:Get*' }

        $tags = @(Get-IamActionCapability '*:ListTagsForResource')
        @($tags.Service | Sort-Object -Unique).Count | Should -BeGreaterThan 50
    }

    It 'looks a name without a prefix up in every service' {
        @(Get-IamActionCapability ListAllMyBuckets).Action | Should -Be @('s3:ListAllMyBuckets')
    }

    It 'writes each action once when several patterns match it' {
        @(Get-IamActionCapability ssm:StartSession, 'ssm:Start*', ssm:startsession | Where-Object Action -EQ 'ssm:StartSession').Count | Should -Be 1
    }

    It 'reports a name that matches nothing and goes on' {
        $found = Get-IamActionCapability s3:NoSuchAction, nosuchservice:Get, ssm:StartSession -ErrorAction SilentlyContinue -ErrorVariable errors
        @($found).Action | Should -Be @('ssm:StartSession')
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ActionNotFound,*'
        $errors[1].Exception.Message | Should -BeLike "*names the service 'nosuchservice'*"
    }

    It 'completes service prefixes, then the actions of the service typed' {
        $prefixes = (TabExpansion2 -inputScript 'Get-IamActionCapability ss' -cursorColumn 26).CompletionMatches.CompletionText
        $prefixes | Should -Contain 'ssm:'
        $prefixes | Should -Contain 'sso:'
        $actions = (TabExpansion2 -inputScript 'Get-IamActionCapability ssm:StartSe' -cursorColumn 34).CompletionMatches.CompletionText
        $actions | Should -Contain 'ssm:StartSession'
        $actions | ForEach-Object { $_ | Should -BeLike 'ssm:StartSe*' }
    }

    It 'leaves Get-Ec2ActionCapability answering for EC2 only' {
        @(Get-Ec2ActionCapability).Count | Should -Be @(Get-IamActionCapability 'ec2:*').Count
        @(Get-Ec2ActionCapability).Service | Sort-Object -Unique | Should -Be 'ec2'
        Get-Ec2ActionCapability s3:ListAllMyBuckets -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike "*does not cover (it covers ec2)*"
        (TabExpansion2 -inputScript 'Get-Ec2ActionCapability s3:Li' -cursorColumn 29).CompletionMatches | Should -BeNullOrEmpty
    }
}
