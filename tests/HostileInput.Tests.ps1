# Design §6 at the cmdlet level: every input that cannot be analysed gives a non-terminating
# ErrorRecord with a specific id, the offending object as target and a message naming the problem;
# the next input in the same pipeline is still analysed. Inputs that are odd but valid (BOMs, UTF-16,
# CRLF and tabs, megabytes, 20,000 statements) give the findings the plain document gives.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:cmdlet = 'PolicyTools.Commands.TestEc2PolicyResourceSupportCommand'
    $script:good = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"}]}'
    $script:goodMultiLine = @"
{
`t"Version": "2012-10-17",
`t"Statement": [
`t`t{ "Sid": "A", "Effect": "Allow", "Action": "ec2:DescribeVolumes", "Resource": "arn:aws:ec2:us-east-1:123456789012:volume/*" },
`t`t{ "Sid": "B", "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:us-east-1:123456789012:instance/*" }
`t]
}
"@

    # Pipes the bad input and then a good one; returns the errors and the findings.
    function Invoke-WithGoodAfter([object] $Bad) {
        $errors = $null
        $findings = @(@($Bad, $good) | Test-Ec2PolicyResourceSupport -ErrorAction SilentlyContinue -ErrorVariable errors)
        [pscustomobject]@{ Errors = @($errors); Findings = $findings }
    }

    function Write-Bytes([string] $Name, [byte[]] $Bytes) {
        $path = Join-Path $TestDrive $Name
        [IO.File]::WriteAllBytes($path, $Bytes)
        $path
    }

    function Get-Summary($Findings) { @($Findings | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.StatementIndex, $_.Code, $_.Severity, $_.Actions, $_.Line }) }
}

Describe 'Test-Ec2PolicyResourceSupport with hostile input' -Tag 'HostileInput' {
    Context 'Text that is not an analysable policy' {
        It '<Name> gives <Id> and the next input still runs' -ForEach @(
            @{ Name = 'invalid JSON'; Text = '{"Statement": [{"Effect": "Allow",'; Id = 'PolicyJsonInvalid' }
            @{ Name = 'JSON that is not a policy'; Text = '[1, 2, 3]'; Id = 'PolicyNotAPolicy' }
            @{ Name = 'an object without Statement'; Text = '{"Version": "2012-10-17", "Id": "x"}'; Id = 'PolicyStatementMissing' }
            @{ Name = 'an empty Statement'; Text = '{"Version": "2012-10-17", "Statement": []}'; Id = 'PolicyStatementEmpty' }
            @{ Name = 'Action as a number'; Text = '{"Statement": [{"Effect": "Allow", "Action": 42, "Resource": "*"}]}'; Id = 'PolicyElementWrongType' }
            @{ Name = 'Resource as an object'; Text = '{"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": {"a": 1}}]}'; Id = 'PolicyElementWrongType' }
            @{ Name = 'duplicate keys'; Text = '{"Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]}'; Id = 'PolicyDuplicateKey' }
            @{ Name = 'URL-encoded garbage'; Text = '%41%42%43%44'; Id = 'PolicyUrlDecodingFailed' }
            # The decoder leaves an invalid escape as it is, so this decodes to broken JSON.
            @{ Name = 'a broken URL escape'; Text = '%7B%22Statement%22%3A%ZZ'; Id = 'PolicyJsonInvalid' }
            @{ Name = 'an escaped lone surrogate'; Text = '{"Statement": [{"Sid": "\ud800", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}'; Id = 'PolicyJsonInvalid' }
            @{ Name = 'whitespace only'; Text = "  `n`t "; Id = 'PolicyInputEmpty' }
        ) {
            $result = Invoke-WithGoodAfter $Text
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
            $result.Errors[0].CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            $result.Errors[0].TargetObject | Should -Be $Text
            $result.Errors[0].Exception.Message | Should -Not -BeNullOrEmpty
            $result.Errors[0].Exception.Message | Should -Not -Match '   at '
            $result.Findings.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
        }

        It 'deeply nested JSON gives PolicyNestedTooDeeply' {
            $deep = '{"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*", "X": ' + ('[' * 50000) + (']' * 50000) + '}]}'
            $result = Invoke-WithGoodAfter $deep
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "PolicyNestedTooDeeply,$cmdlet"
            $result.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $result.Findings.Count | Should -BeGreaterThan 0
        }

        It 'an object that holds no policy gives PolicyInputNotSupported' {
            $result = Invoke-WithGoodAfter ([pscustomobject]@{ Name = 'not a policy' })
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "PolicyInputNotSupported,$cmdlet"
            $result.Findings.Count | Should -BeGreaterThan 0
        }

        It 'a BOM at the start of the text is ignored' {
            $findings = ([char]0xFEFF + $good) | Test-Ec2PolicyResourceSupport -ErrorAction Stop
            $findings.Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
        }
    }

    Context 'Files' {
        It '<Name> gives <Id> and the next file still runs' -ForEach @(
            @{ Name = 'a missing file'; Id = 'PolicyFileNotFound'; Make = { Join-Path $TestDrive 'missing.json' } }
            @{ Name = 'a directory'; Id = 'PolicyPathIsDirectory'; Make = { (New-Item (Join-Path $TestDrive 'adir') -ItemType Directory -Force).FullName } }
            @{ Name = 'invalid UTF-8'; Id = 'PolicyEncodingInvalid'; Make = { Write-Bytes 'bad-utf8.json' ([byte[]](0x7B, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x3A, 0x31, 0x7D)) } }
            @{ Name = 'invalid JSON'; Id = 'PolicyJsonInvalid'; Make = { Write-Bytes 'bad.json' ([Text.Encoding]::UTF8.GetBytes('{"Statement": [')) } }
            @{ Name = 'an empty file'; Id = 'PolicyInputEmpty'; Make = { Write-Bytes 'empty.json' ([byte[]]@()) } }
        ) {
            $bad = & $Make
            $goodFile = Join-Path $TestDrive 'good.json'
            Set-Content -LiteralPath $goodFile -Value $good
            $errors = $null
            $findings = @(Test-Ec2PolicyResourceSupport -LiteralPath $bad, $goodFile -ErrorAction SilentlyContinue -ErrorVariable errors)
            @($errors).Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -Be "$Id,$cmdlet"
            $errors[0].TargetObject | Should -Be $bad
            $findings.Source | Should -Contain $goodFile
        }

        It 'reads <Name> like UTF-8 (same findings, same lines)' -ForEach @(
            @{ Name = 'UTF-16 LE with BOM'; Encoding = [Text.UnicodeEncoding]::new($false, $true) }
            @{ Name = 'UTF-16 BE with BOM'; Encoding = [Text.UnicodeEncoding]::new($true, $true) }
            @{ Name = 'UTF-16 LE without BOM'; Encoding = [Text.UnicodeEncoding]::new($false, $false) }
            @{ Name = 'UTF-8 with BOM'; Encoding = [Text.UTF8Encoding]::new($true) }
            @{ Name = 'UTF-32 LE with BOM'; Encoding = [Text.UTF32Encoding]::new($false, $true) }
        ) {
            $plain = Join-Path $TestDrive 'plain.json'
            [IO.File]::WriteAllText($plain, $goodMultiLine, [Text.UTF8Encoding]::new($false))
            $encoded = Join-Path $TestDrive 'encoded.json'
            [IO.File]::WriteAllText($encoded, $goodMultiLine, $Encoding)
            $expected = Get-Summary (Test-Ec2PolicyResourceSupport -LiteralPath $plain -ErrorAction Stop)
            $actual = Get-Summary (Test-Ec2PolicyResourceSupport -LiteralPath $encoded -ErrorAction Stop)
            $actual | Should -Be $expected
            $expected.Count | Should -BeGreaterThan 1
        }

        It 'keeps line numbers with CRLF line endings and tabs' {
            $file = Join-Path $TestDrive 'crlf.json'
            [IO.File]::WriteAllText($file, $goodMultiLine.Replace("`r`n", "`n").Replace("`n", "`r`n"))
            $findings = Test-Ec2PolicyResourceSupport -LiteralPath $file -ErrorAction Stop
            ($findings | Where-Object Sid -EQ 'A').Line | Should -Be 4
            ($findings | Where-Object Sid -EQ 'B').Line | Should -Be 5
        }

        It 'analyses a document of several megabytes' {
            $statement = '{"Effect":"Allow","Action":["ec2:DescribeVolumes","ec2:AttachVolume"],"Resource":"arn:aws:ec2:us-east-1:123456789012:volume/vol-N"}'
            $text = '{"Version":"2012-10-17","Statement":[' + ((0..29999 | ForEach-Object { $statement.Replace('vol-N', "vol-$_") }) -join ",`n") + ']}'
            $file = Join-Path $TestDrive 'large.json'
            [IO.File]::WriteAllText($file, $text)
            (Get-Item $file).Length | Should -BeGreaterThan 3MB
            $findings = @(Test-Ec2PolicyResourceSupport -LiteralPath $file -ErrorAction Stop)
            @($findings | Where-Object Code -EQ 'ResourceLevelPermissionsNotSupported').Count | Should -Be 30000
            @($findings | Where-Object Code -EQ 'RequiredResourceTypeMissing').Count | Should -Be 1
        }

        It 'analyses a 20,000-statement document' {
            $text = '{"Version":"2012-10-17","Statement":[' + ((0..19999 | ForEach-Object { '{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:*:123456789012:volume/v' + $_ + '"}' }) -join ',') + ']}'
            $findings = @($text | Test-Ec2PolicyResourceSupport -ErrorAction Stop)
            $findings.Count | Should -Be 20000
            ($findings | Select-Object -ExpandProperty Code -Unique) | Should -Be 'ResourceTypeMismatch'
        }
    }

    Context 'A capability map given by the user' {
        It '<Name> stops the command with <Id>, and the next command still works' -ForEach @(
            @{ Name = 'a missing map'; Id = 'CapabilityMapNotFound'; Make = { Join-Path $TestDrive 'no-map.yaml' } }
            @{ Name = 'a directory'; Id = 'CapabilityMapNotFound'; Make = { (New-Item (Join-Path $TestDrive 'mapdir') -ItemType Directory -Force).FullName } }
            @{ Name = 'malformed YAML'; Id = 'CapabilityMapInvalid'; Make = { $p = Join-Path $TestDrive 'bad-map.yaml'; Set-Content $p "format: x`n  bad: [`n"; $p } }
            @{ Name = 'binary garbage'; Id = 'CapabilityMapInvalid'; Make = { Write-Bytes 'garbage.yaml' ([byte[]](0, 1, 2, 255, 254, 0x5B, 0x7B)) } }
        ) {
            $map = & $Make
            { $good | Test-Ec2PolicyResourceSupport -CapabilityMapPath $map -ErrorAction Stop } |
                Should -Throw -ErrorId "$Id,$cmdlet"
            ($good | Test-Ec2PolicyResourceSupport).Code | Should -Contain 'ResourceLevelPermissionsNotSupported'
        }
    }
}
