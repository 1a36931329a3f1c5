#Requires -Version 5.1
# Pester 5 tests of Repair-Ec2PolicyResource against the built module (module/ is first on PSModulePath).
# AWS.Tools cannot be installed here, so New-IAMPolicyVersion and Write-IAMRolePolicy are stand-ins
# declared as aws-tools-shapes.md §5 gives them; they record what PowerShell bound, proving that the
# result objects bind by property name (and that an object that must not bind does not).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest

    $script:Received = [System.Collections.Generic.List[object]]::new()
    $script:Executed = [System.Collections.Generic.List[object]]::new()

    # AWS.Tools New-IAMPolicyVersion (CreatePolicyVersion): SupportsShouldProcess, ConfirmImpact Medium.
    function script:New-IAMPolicyVersion {
        [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
        param(
            [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
            [string] $PolicyArn,
            [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)]
            [string] $PolicyDocument,
            [Parameter(ValueFromPipelineByPropertyName = $true)]
            [Nullable[bool]] $SetAsDefault,
            [Parameter(ValueFromPipelineByPropertyName = $true)]
            [string] $Select = 'PolicyVersion',
            [switch] $Force
        )
        process {
            $script:Received.Add([pscustomobject]@{ Cmdlet = 'New-IAMPolicyVersion'; PolicyArn = $PolicyArn; PolicyDocument = $PolicyDocument; SetAsDefault = $SetAsDefault })
            # As AWS.Tools: -WhatIf wins over -Force (nothing is done; PowerShell's "What if:" line is
            # left out of the test output); -Force skips the confirmation.
            $proceed = if ($WhatIfPreference) { $false } else { $Force -or $PSCmdlet.ShouldProcess($PolicyArn, 'New-IAMPolicyVersion (CreatePolicyVersion)') }
            if ($proceed) {
                $script:Executed.Add($PolicyArn)
                [Amazon.IdentityManagement.Model.PolicyVersion]@{ Document = $null; VersionId = 'v9'; IsDefaultVersion = [bool]$SetAsDefault; CreateDate = [datetime]::UtcNow }
            }
        }
    }

    # AWS.Tools Write-IAMRolePolicy (PutRolePolicy): SupportsShouldProcess, ConfirmImpact Medium; no output.
    function script:Write-IAMRolePolicy {
        [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
        param(
            [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
            [string] $RoleName,
            [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)]
            [string] $PolicyName,
            [Parameter(Mandatory = $true, Position = 2, ValueFromPipelineByPropertyName = $true)]
            [string] $PolicyDocument,
            [Parameter(ValueFromPipelineByPropertyName = $true)]
            [string] $Select,
            [switch] $Force
        )
        process {
            $script:Received.Add([pscustomobject]@{ Cmdlet = 'Write-IAMRolePolicy'; RoleName = $RoleName; PolicyName = $PolicyName; PolicyDocument = $PolicyDocument })
            $proceed = if ($WhatIfPreference) { $false } else { $Force -or $PSCmdlet.ShouldProcess($RoleName, 'Write-IAMRolePolicy (PutRolePolicy)') }
            if ($proceed) { $script:Executed.Add($RoleName) }
        }
    }

    # Get-IAMPolicyList / Get-IAMPolicyVersion stand-ins: ManagedPolicy (Arn, DefaultVersionId) and
    # PolicyVersion (URL-encoded Document, VersionId, IsDefaultVersion; no ARN).
    $script:Managed = @{}
    function script:Get-IAMPolicyList {
        param([string] $Scope)
        foreach ($arn in $script:Managed.Keys | Sort-Object) {
            [Amazon.IdentityManagement.Model.ManagedPolicy]@{ Arn = $arn; PolicyName = ($arn -split '/')[-1]; DefaultVersionId = 'v2'; AttachmentCount = 1 }
        }
    }
    function script:Get-IAMPolicyVersion {
        param(
            [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)] [string] $PolicyArn,
            [Parameter(Mandatory = $true, Position = 2, ValueFromPipelineByPropertyName = $true)] [string] $VersionId
        )
        process { New-PolicyVersion $script:Managed[$PolicyArn] -VersionId $VersionId }
    }

    $script:BrokenJson = '{"Version":"2012-10-17","Statement":[{"Sid":"Vol","Effect":"Allow","Action":["ec2:DescribeVolumes","ec2:AttachVolume"],"Resource":["arn:aws:ec2:us-east-1:123456789012:volume/*","arn:aws:ec2:us-east-1:123456789012:instance/*"]}]}'
    $script:FineJson = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"*"}]}'
    $script:RepairedCodes = 'ResourceLevelPermissionsNotSupported', 'RequiredResourceTypeMissing'

    # One page of Get-IAMAccountAuthorizationDetail: a customer managed policy and inline policies.
    function script:New-AuthorizationDetails {
        $version = New-PolicyVersion $script:BrokenJson -VersionId 'v4'
        [Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse]@{
            Policies        = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.ManagedPolicyDetail]]@(
                [Amazon.IdentityManagement.Model.ManagedPolicyDetail]@{
                    Arn = 'arn:aws:iam::123456789012:policy/Ops'; PolicyName = 'Ops'; DefaultVersionId = 'v4'
                    PolicyVersionList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyVersion]]@($version)
                })
            RoleDetailList  = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.RoleDetail]]@(
                [Amazon.IdentityManagement.Model.RoleDetail]@{
                    RoleName = 'Builder'; Arn = 'arn:aws:iam::123456789012:role/Builder'
                    RolePolicyList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyDetail]]@(New-PolicyDetail 'Ec2' $script:BrokenJson)
                })
            UserDetailList  = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.UserDetail]]@(
                [Amazon.IdentityManagement.Model.UserDetail]@{
                    UserName = 'alice'
                    UserPolicyList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyDetail]]@(New-PolicyDetail 'Fine' $script:FineJson)
                })
            GroupDetailList = $null
            IsTruncated     = $false
        }
    }

    function script:New-PolicyFile([string] $Path, [string] $Text, [string] $Encoding) {
        $bytes = switch ($Encoding) {
            'utf8BOM' { [byte[]](0xEF, 0xBB, 0xBF) + [Text.UTF8Encoding]::new($false).GetBytes($Text) }
            'utf16LE' { [byte[]](0xFF, 0xFE) + [Text.Encoding]::Unicode.GetBytes($Text) }
            default { [Text.UTF8Encoding]::new($false).GetBytes($Text) }
        }
        [IO.File]::WriteAllBytes($Path, $bytes)
        Get-Item -LiteralPath $Path
    }
}

Describe 'Repair-Ec2PolicyResource' {
    BeforeEach {
        $script:Received.Clear()
        $script:Executed.Clear()
    }

    Context 'The command' {
        It 'is exported, declares its output type by name, and supports -WhatIf and -Confirm with ConfirmImpact Medium' {
            $command = Get-Command Repair-Ec2PolicyResource -Module PolicyTools
            $command.OutputType.Name | Should -Contain 'PolicyTools.Repair.PolicyRepairResult'
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
            $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.ConfirmImpact | Should -Be 'Medium'
            foreach ($name in 'Path', 'LiteralPath', 'InputObject', 'PolicyArn', 'VersionId', 'AllVersions', 'IncludeAwsManaged', 'CapabilityMapPath', 'InPlace', 'NoScopeCondition', 'SizeLimit', 'CompactActions') {
                $command.Parameters.Keys | Should -Contain $name
            }
        }

        It 'writes one typed result per document, shown by the default view' {
            $result = $script:BrokenJson | Repair-Ec2PolicyResource
            @($result).Count | Should -Be 1
            $result.PSObject.TypeNames[0] | Should -Be 'PolicyTools.Repair.PolicyRepairResult'
            $result.Changed | Should -BeTrue
            $result.Changes.Count | Should -Be 1
            $result.Changes[0] | Should -Match 'moved ec2:DescribeVolumes to new statement 1 \(Sid VolAnyResource\)'
            $result.OriginalDocument | Should -Be $script:BrokenJson
            ($result | Format-Table | Out-String) | Should -Match 'Changed\s+Changes\s+Unrepaired\s+Source'
        }

        It 'writes a non-terminating error for bad input and goes on with the next' {
            $results = '{"Statement": }', $script:BrokenJson | Repair-Ec2PolicyResource -ErrorVariable problems -ErrorAction SilentlyContinue
            @($results).Count | Should -Be 1
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'PolicyJsonInvalid,*'
        }
    }

    Context 'Binding into the AWS.Tools cmdlets that store a policy' {
        It 'binds managed policy results into New-IAMPolicyVersion by PolicyArn and PolicyDocument (the issue''s pipeline, -WhatIf)' {
            $script:Managed['arn:aws:iam::123456789012:policy/Broken'] = $script:BrokenJson
            $script:Managed['arn:aws:iam::123456789012:policy/Fine'] = $script:FineJson

            Get-IAMPolicyList -Scope Local | ForEach-Object {
                Get-IAMPolicyVersion -PolicyArn $_.Arn -VersionId $_.DefaultVersionId |
                    Repair-Ec2PolicyResource -PolicyArn $_.Arn } |
                Where-Object Changed | New-IAMPolicyVersion -SetAsDefault $true -WhatIf

            $script:Received.Count | Should -Be 1
            $script:Received[0].PolicyArn | Should -Be 'arn:aws:iam::123456789012:policy/Broken'
            $script:Received[0].SetAsDefault | Should -BeTrue
            $script:Received[0].PolicyDocument | Should -Match '^\{"Version":"2012-10-17","Statement":\['
            $script:Received[0].PolicyDocument | Should -Not -Match '%7B|%22'
            $script:Executed.Count | Should -Be 0
        }

        It 'really calls New-IAMPolicyVersion without -WhatIf' {
            $script:BrokenJson | Repair-Ec2PolicyResource -PolicyArn 'arn:aws:iam::123456789012:policy/P' | New-IAMPolicyVersion -Force | Out-Null
            $script:Executed | Should -Be @('arn:aws:iam::123456789012:policy/P')
        }

        It 'binds inline role policy results into Write-IAMRolePolicy by RoleName, PolicyName and PolicyDocument' {
            New-AuthorizationDetails | Repair-Ec2PolicyResource | Where-Object { $_.Changed -and $_.RoleName } | Write-IAMRolePolicy -Force
            $script:Received.Count | Should -Be 1
            $script:Received[0].RoleName | Should -Be 'Builder'
            $script:Received[0].PolicyName | Should -Be 'Ec2'
            ($script:Received[0].PolicyDocument | ConvertFrom-Json).Statement.Count | Should -Be 2
            $script:Executed | Should -Be @('Builder')
        }

        It 'does not mis-bind: an inline result never reaches New-IAMPolicyVersion, a managed one never reaches Write-IAMRolePolicy' {
            $results = New-AuthorizationDetails | Repair-Ec2PolicyResource | Where-Object Changed
            @($results).Count | Should -Be 2
            ($results | Where-Object PolicyArn).Source | Should -Be 'arn:aws:iam::123456789012:policy/Ops'
            ($results | Where-Object RoleName).Source | Should -Be 'role/Builder/Ec2'

            # A binding error of pipeline input is reported for that one object (to the error
            # stream, not -ErrorVariable), and the next object is bound.
            $ErrorActionPreference = 'Continue'
            $newErrors = @($results | New-IAMPolicyVersion -Force 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $script:Received.PolicyArn | Should -Be @('arn:aws:iam::123456789012:policy/Ops')
            $newErrors.Count | Should -Be 1
            $newErrors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationErrorEmptyStringNotAllowed,*'

            $script:Received.Clear()
            $writeErrors = @($results | Write-IAMRolePolicy -Force 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $script:Received.RoleName | Should -Be @('Builder')
            $writeErrors.Count | Should -Be 1
            $writeErrors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationErrorEmptyStringNotAllowed,*'
        }

        It 'carries Source, PolicyArn, VersionId and PolicyName of authorization details, and lists what it changed' {
            $results = New-AuthorizationDetails | Repair-Ec2PolicyResource
            $results.Source | Should -Be @('arn:aws:iam::123456789012:policy/Ops', 'user/alice/Fine', 'role/Builder/Ec2')
            $managed = $results[0]
            $managed.VersionId | Should -Be 'v4'
            $managed.PolicyName | Should -Be 'Ops'
            ($results | Where-Object Changed | Format-List Source, Changes | Out-String) | Should -Match 'role/Builder/Ec2'
            $results[1].Changed | Should -BeFalse
            $results[1].PolicyDocument | Should -Be $script:FineJson
        }

        It 'reads a URL-encoded PolicyVersion with -PolicyArn and returns plain JSON' {
            $version = New-PolicyVersion $script:BrokenJson -VersionId 'v3'
            $version.Document | Should -Match '^%7B'

            $result = $version | Repair-Ec2PolicyResource -PolicyArn 'arn:aws:iam::123456789012:policy/Enc'
            $result.PolicyArn | Should -Be 'arn:aws:iam::123456789012:policy/Enc'
            $result.VersionId | Should -Be 'v3'
            $result.OriginalDocument | Should -Be $script:BrokenJson
            $result.PolicyDocument | Should -Match '^\{'
            $result.Changed | Should -BeTrue
        }
    }

    Context 'An account (tests/fixtures/account/gaad-cli.json): repaired only for the principals it fails for' {
        BeforeAll {
            $script:gaad = Join-Path (Get-RepoRoot) 'tests/fixtures/account/gaad-cli.json'
            $script:acct = 'arn:aws:iam::111122223333'
        }

        It 'leaves a policy another policy covers, holds back a fix that reaches covered principals, and names whom a fix is for' {
            $results = Repair-Ec2PolicyResource -Path $gaad
            $bySource = @{}; foreach ($r in $results) { $bySource[$r.Source] = $r }

            $covered = $bySource["$acct`:policy/VolumeAttachVolumes"]
            $covered.Changed | Should -BeFalse
            $covered.Changes | Should -Match 'every principal the policy reaches has it from another of its policies.*role/app-server'

            $partial = $bySource["$acct`:policy/VolumeAttachInstances"]
            $partial.Changed | Should -BeFalse
            $partial.Unrepaired.Message | Should -Match "Not repaired: it fails for $([regex]::Escape("$acct`:user/carol")), but the fix would also reach $([regex]::Escape("$acct`:role/app-server"))"

            $run = $bySource['role/builder/run']
            $run.Changed | Should -BeTrue
            $run.Changes | Should -Contain "Statement 0 (RequiredResourceTypeMissing) repaired for $acct`:role/builder, for which it fails with all their policies together."

            $bySource["$acct`:policy/Orphan"].Changed | Should -BeTrue
            $bySource["$acct`:policy/WorkerBoundary"].Changed | Should -BeTrue
            ($results | Where-Object Changed).Source | Should -Be @("$acct`:policy/WorkerBoundary", "$acct`:policy/Orphan", 'role/builder/run')
        }

        It 'makes the same repairs from AWS.Tools pages' {
            $fromFile = Repair-Ec2PolicyResource -Path $gaad | ForEach-Object { "$($_.Source) $($_.Changed) $($_.PolicyDocument | ConvertFrom-Json | ConvertTo-Json -Depth 20 -Compress)" }
            $fromPages = ConvertTo-AwsToolsAccountPages $gaad | Repair-Ec2PolicyResource | ForEach-Object { "$($_.Source) $($_.Changed) $($_.PolicyDocument | ConvertFrom-Json | ConvertTo-Json -Depth 20 -Compress)" }
            $fromPages | Should -Be $fromFile
        }

        It 'keeps the README pipeline safe with -AllVersions: a repaired older version does not bind to New-IAMPolicyVersion' {
            $results = ConvertTo-AwsToolsAccountPages $gaad | Repair-Ec2PolicyResource -AllVersions
            $old = $results | Where-Object { $_.Source -eq "$acct`:policy/DescribeAndRead" -and $_.VersionId -eq 'v1' }
            $old.Changed | Should -BeTrue
            $old.IsDefaultVersion | Should -BeFalse
            $old.PolicyArn | Should -Be ''
            ($old.Changes -join "`n") | Should -Match 'v1 is not the default version of .*DescribeAndRead, so this result has no PolicyArn and does not bind to New-IAMPolicyVersion'

            $ErrorActionPreference = 'Continue'
            $null = $results | Where-Object Changed | New-IAMPolicyVersion -SetAsDefault $true -WhatIf 2>&1
            $script:Received.PolicyArn | Should -Be @("$acct`:policy/WorkerBoundary", "$acct`:policy/Orphan")
        }
    }

    Context 'What the repair guarantees' {
        It 'leaves no Error of the codes it repaired for Test-Ec2PolicyResourceSupport' {
            $findings = $script:BrokenJson | Repair-Ec2PolicyResource | Test-Ec2PolicyResourceSupport
            $findings | Where-Object { $_.Severity -eq 'Error' -and $_.Code -in $script:RepairedCodes } | Should -BeNullOrEmpty
        }

        It 'is idempotent: repairing the repaired document changes nothing' {
            $once = $script:BrokenJson | Repair-Ec2PolicyResource
            $twice = $once.PolicyDocument | Repair-Ec2PolicyResource
            $twice.Changed | Should -BeFalse
            $twice.PolicyDocument | Should -Be $once.PolicyDocument
        }

        It 'never gives another service''s action beside the fixed one a resource: ssm:StartSession gets no instances' {
            $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:AttachVolume","ssm:StartSession"],' +
                '"Resource":["arn:aws:ec2:us-east-1:123456789012:volume/*","arn:aws:ssm:us-east-1::document/AWS-StartSSHSession"]}]}'
            $result = $json | Repair-Ec2PolicyResource
            $result.Changed | Should -BeTrue
            $statements = ($result.PolicyDocument | ConvertFrom-Json).Statement
            $statements.Count | Should -Be 2
            ($statements[0] | ConvertTo-Json -Compress) | Should -Be (($json | ConvertFrom-Json).Statement[0] | ConvertTo-Json -Compress)
            $statements[1].Action | Should -Be 'ec2:AttachVolume'
            $statements[1].Resource | Should -Be 'arn:aws:ec2:us-east-1:123456789012:instance/*'
            $result.Changes[0] | Should -Match 'would also grant ssm:StartSession'
        }

        It 'keeps the region in a condition unless -NoScopeCondition' {
            (($script:BrokenJson | Repair-Ec2PolicyResource).PolicyDocument | ConvertFrom-Json).Statement[1].Condition.StringEquals.'aws:RequestedRegion' | Should -Be 'us-east-1'
            (($script:BrokenJson | Repair-Ec2PolicyResource -NoScopeCondition).PolicyDocument | ConvertFrom-Json).Statement[1].PSObject.Properties.Name | Should -Not -Contain 'Condition'
        }

        It 'fits the ec2:Describe* split into a managed policy only with -CompactActions' {
            $describe = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"}]}'
            $exact = $describe | Repair-Ec2PolicyResource -PolicyArn 'arn:aws:iam::123456789012:policy/D'
            $exact.Changed | Should -BeFalse
            $exact.Changes[0] | Should -Match 'over IAM''s limit of 6,144 for a managed policy; with -CompactActions .* would have [0-9,]+ and fit'
            $compact = $describe | Repair-Ec2PolicyResource -PolicyArn 'arn:aws:iam::123456789012:policy/D' -CompactActions
            $compact.Changed | Should -BeTrue
            ($compact | Test-Ec2PolicyResourceSupport) | Where-Object { $_.Severity -eq 'Error' -and $_.Code -in $script:RepairedCodes } | Should -BeNullOrEmpty
        }

        It 'does not make a fix that exceeds the size limit, and says why' {
            $result = $script:BrokenJson | Repair-Ec2PolicyResource -SizeLimit 100
            $result.Changed | Should -BeFalse
            $result.PolicyDocument | Should -Be $script:BrokenJson
            $result.Changes[0] | Should -Match '^Not changed: .* over the limit of 100 given with -SizeLimit'
            $result.Unrepaired.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
        }
    }

    Context 'Files' {
        BeforeEach {
            $script:Folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            New-Item $script:Folder -ItemType Directory | Out-Null
        }

        It 'changes no file without -InPlace' {
            $file = New-PolicyFile (Join-Path $script:Folder 'a.json') $script:BrokenJson 'utf8'
            $before = [IO.File]::ReadAllBytes($file.FullName)
            (Repair-Ec2PolicyResource -Path $file.FullName).Changed | Should -BeTrue
            [IO.File]::ReadAllBytes($file.FullName) | Should -Be $before
        }

        It '-InPlace -WhatIf leaves every file byte-identical' {
            $text = $script:BrokenJson.Replace('[{', "[`r`n  {").Replace('}]', "}`r`n]")
            $a = New-PolicyFile (Join-Path $script:Folder 'a.json') $text 'utf8BOM'
            $b = New-PolicyFile (Join-Path $script:Folder 'b.json') $script:BrokenJson 'utf16LE'
            $c = New-PolicyFile (Join-Path $script:Folder 'c.json') $script:FineJson 'utf8'
            $before = Get-ChildItem $script:Folder | ForEach-Object { , [IO.File]::ReadAllBytes($_.FullName) }
            $stamps = (Get-ChildItem $script:Folder).LastWriteTimeUtc

            $results = Invoke-WithoutHost { Repair-Ec2PolicyResource -Path (Join-Path $Folder '*.json') -InPlace -WhatIf } @{ Folder = $script:Folder }
            @($results).Count | Should -Be 3
            @($results | Where-Object Changed).Count | Should -Be 2

            $after = Get-ChildItem $script:Folder | ForEach-Object { , [IO.File]::ReadAllBytes($_.FullName) }
            for ($i = 0; $i -lt 3; $i++) { $after[$i] | Should -Be $before[$i] }
            (Get-ChildItem $script:Folder).LastWriteTimeUtc | Should -Be $stamps
            (Get-ChildItem $script:Folder).Count | Should -Be 3
        }

        It '-InPlace rewrites a UTF-8 file with a BOM and CRLF line endings in kind, and the result no longer fails' {
            $text = "{`r`n    ""Version"": ""2012-10-17"",`r`n    ""Statement"": [`r`n        {`r`n            ""Effect"": ""Allow"",`r`n            ""Action"": [""ec2:DescribeVolumes"", ""ec2:AttachVolume""],`r`n            ""Resource"": [""arn:aws:ec2:us-east-1:123456789012:volume/*"", ""arn:aws:ec2:us-east-1:123456789012:instance/*""]`r`n        }`r`n    ]`r`n}`r`n"
            $file = New-PolicyFile (Join-Path $script:Folder 'crlf.json') $text 'utf8BOM'

            $result = Repair-Ec2PolicyResource -LiteralPath $file.FullName -InPlace -Confirm:$false
            $result.Changed | Should -BeTrue

            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
            $written = [Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3)
            $written | Should -Be $result.PolicyDocument
            ([regex]::Matches($written, "`r`n")).Count | Should -BeGreaterThan 10
            ([regex]::Matches($written, "(?<!`r)`n")).Count | Should -Be 0
            $written | Should -Match "`r`n    ""Statement"": \[`r`n        \{"
            $written | Should -Match "`r`n$"
            Test-Ec2PolicyResourceSupport -LiteralPath $file.FullName | Where-Object { $_.Severity -eq 'Error' -and $_.Code -in $script:RepairedCodes } | Should -BeNullOrEmpty
            (Get-ChildItem $script:Folder).Count | Should -Be 1

            $again = Repair-Ec2PolicyResource -LiteralPath $file.FullName -InPlace -Confirm:$false
            $again.Changed | Should -BeFalse
            [IO.File]::ReadAllBytes($file.FullName) | Should -Be $bytes
        }

        It '-InPlace changes only the repaired statement of a compactly formatted file: every other line is as it was' {
            $untouched = '    { "Sid": "B", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::bucket/*"] },'
            $repaired = '    { "Sid": "A", "Effect": "Allow", "Action": ["ec2:DescribeVolumes", "ec2:DeleteVolume"], "Resource": ["arn:aws:ec2:us-east-1:123456789012:volume/*"] }'
            $lines = '{', '  "Version": "2012-10-17",', '  "Statement": [', $untouched,
                '    {"Sid":"C","Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"},', $repaired, '  ]', '}'
            $path = Join-Path $script:Folder 'compact.json'
            [IO.File]::WriteAllText($path, ($lines -join "`n") + "`n")

            $result = Repair-Ec2PolicyResource -LiteralPath $path -InPlace -Confirm:$false
            $result.Changed | Should -BeTrue
            $after = [IO.File]::ReadAllText($path)
            $after | Should -Be $result.PolicyDocument
            $afterLines = $after -split "`n"
            # Lines 1-5 (through B and C) and the closing lines are byte for byte the original's.
            $afterLines[0..4] | Should -Be $lines[0..4]
            $afterLines[-3..-1] | Should -Be @('  ]', '}', '')
            # Only A is rewritten, in the file's two-space indentation, with its new companion after it.
            $afterLines[5] | Should -Be '    {'
            $afterLines[6] | Should -Be '      "Sid": "A",'
            $after | Should -Match '\n    },\n    \{\n      "Sid": '
        }

        It '-InPlace keeps a UTF-16 file UTF-16 and an LF file LF, for files piped from Get-ChildItem' {
            $utf16 = New-PolicyFile (Join-Path $script:Folder 'u16.json') $script:BrokenJson 'utf16LE'
            $lf = New-PolicyFile (Join-Path $script:Folder 'lf.json') "{`n  ""Version"": ""2012-10-17"",`n  ""Statement"": {""Effect"": ""Allow"", ""Action"": ""ec2:RunInstances"", ""Resource"": ""arn:aws:ec2:eu-west-1:123456789012:instance/*""}`n}`n" 'utf8'

            Get-ChildItem $script:Folder -Filter *.json | Repair-Ec2PolicyResource -InPlace -Confirm:$false | Out-Null

            $bytes = [IO.File]::ReadAllBytes($utf16.FullName)
            $bytes[0..1] | Should -Be @(0xFF, 0xFE)
            [Text.Encoding]::Unicode.GetString($bytes, 2, $bytes.Length - 2) | Should -Match 'VolAnyResource'

            $text = [IO.File]::ReadAllText($lf.FullName)
            [IO.File]::ReadAllBytes($lf.FullName)[0] | Should -Be ([byte][char]'{')
            $text | Should -Not -Match "`r"
            $text | Should -Match 'arn:aws:ec2:eu-west-1::image/\*'
        }

        It '-InPlace on text that is not a file says so and still writes the result' {
            $result = $script:BrokenJson | Repair-Ec2PolicyResource -InPlace -ErrorVariable problems -ErrorAction SilentlyContinue
            $result.Changed | Should -BeTrue
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'RepairInPlaceNotAFile,*'
        }

        It 'repairs a policy made in PowerShell into JSON text' {
            $policy = $script:BrokenJson | ConvertFrom-Json
            $result = $policy | Repair-Ec2PolicyResource

            $result.Source | Should -Be '<object>'
            $result.Changed | Should -BeTrue
            $result.PolicyDocument | Test-Ec2PolicyResourceSupport -Quiet | Should -BeTrue
            $fromText = ($script:BrokenJson | Repair-Ec2PolicyResource).PolicyDocument
            ($result.PolicyDocument | ConvertFrom-Json | ConvertTo-Json -Depth 20 -Compress) | Should -Be ($fromText | ConvertFrom-Json | ConvertTo-Json -Depth 20 -Compress)
        }

        It 'repairs a file piped line by line from Get-Content as that file, but -InPlace leaves it alone' {
            $path = Join-Path $TestDrive 'lines.json'
            Set-Content -LiteralPath $path -Value $script:BrokenJson
            $before = [IO.File]::ReadAllText($path)

            $result = Get-Content -LiteralPath $path | Repair-Ec2PolicyResource -InPlace -ErrorVariable problems -ErrorAction SilentlyContinue

            $result.Source | Should -Be $path
            $result.Changed | Should -BeTrue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'RepairInPlaceNotAFile,*'
            $problems[0].ToString() | Should -Match 'Get-Content'
            [IO.File]::ReadAllText($path) | Should -Be $before
        }
    }

    Context 'Default view at 80 and 120 columns' {
        It 'shows every result with its source whole or broken after a slash at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
            param($Width)
            $examples = (Get-ChildItem (Join-Path (Get-RepoRoot) 'module/examples') -Filter *.json).FullName
            $results = Repair-Ec2PolicyResource -Path $examples
            $text = Assert-ReadableView -InputObject $results -Width $Width -Text ($results.Source | Split-Path -Leaf) -Column 52
            $text | Should -Not -Match '…'
            $text | Should -Match '(?m)^True +1 +0 .*/\s*$'
        }
    }

    Context '$null input' {
        It 'skips $null without a binder error' {
            $null | Repair-Ec2PolicyResource -ErrorVariable errs | Should -BeNullOrEmpty
            $errs | Should -BeNullOrEmpty
        }
    }

    Context 'Findings whose premise the repair cannot prove' {
        It 'leaves AWSEC2VssSnapshotPolicy exactly as AWS wrote it (no instance grant without its SourceInstanceARN test)' {
            $path = Join-Path (Get-RepoRoot) 'tests/fixtures/policies/aws-managed/AWSEC2VssSnapshotPolicy.json'
            $result = Repair-Ec2PolicyResource -Path $path
            $result.Changed | Should -BeFalse
            $result.PolicyDocument | Should -Be ([IO.File]::ReadAllText($path))
        }

        It 'reports and leaves a required type that a statement allows under a key the map does not know' {
            $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:AttachVolume","Resource":"arn:aws:ec2:*:*:instance/*","Condition":{"StringEquals":{"ec2:SourceInstanceFutureKey":"x"}}},{"Effect":"Allow","Action":"ec2:AttachVolume","Resource":"arn:aws:ec2:*:*:volume/*"}]}'
            $result = $json | Repair-Ec2PolicyResource
            $result.Changed | Should -BeFalse
            ($result.Unrepaired | Where-Object Code -eq 'RequiredResourceTypeMissing').Message | Should -Match 'not proven'
        }

        It 'speaks of denying in a Deny whose Condition a "*" statement could not meet' {
            $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*","Condition":{"StringEquals":{"ec2:ResourceTag/Team":"blue"}}}]}'
            $result = $json | Repair-Ec2PolicyResource
            ($result.Unrepaired | Where-Object Code -eq 'ResourceLevelPermissionsNotSupported').Message | Should -Match 'would not deny them either'
        }
    }
}
