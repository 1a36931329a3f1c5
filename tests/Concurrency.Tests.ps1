# The engine is shared by every runspace of a session (one capability map, one analyzer, bounded
# caches): ForEach-Object -Parallel over the corpus must give exactly the findings of one runspace.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:manifest = Join-Path (Get-RepoRoot) 'PolicyTools.psd1'
    $script:files = @(Get-ChildItem (Join-Path (Get-RepoRoot) 'tests/corpus/real') -Filter *.json | Sort-Object Name)

    function ConvertTo-FindingLine($Finding) {
        '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}|{8}|{9}' -f $Finding.Source, $Finding.StatementIndex, $Finding.Sid, $Finding.Effect,
            $Finding.Code, $Finding.Severity, $Finding.Actions, $Finding.Resources, $Finding.Line, $Finding.Message
    }
}

Describe 'Test-Ec2PolicyResourceSupport in parallel runspaces' -Tag 'Concurrency' {
    It 'ForEach-Object -Parallel -ThrottleLimit 8 over the corpus gives the findings of one runspace' {
        $files.Count | Should -BeGreaterThan 100
        $serial = @($files | ForEach-Object { Test-Ec2PolicyResourceSupport -LiteralPath $_.FullName } | ForEach-Object { ConvertTo-FindingLine $_ }) | Sort-Object
        $parallel = @($files | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifest
                Test-Ec2PolicyResourceSupport -LiteralPath $_.FullName
            } | ForEach-Object { ConvertTo-FindingLine $_ }) | Sort-Object
        $serial.Count | Should -BeGreaterThan 0
        $parallel.Count | Should -Be $serial.Count
        ($parallel -join "`n") | Should -BeExactly ($serial -join "`n")
    }

    It 'gives the same findings when every runspace analyses every file at once, several times' {
        $texts = $files | ForEach-Object { [pscustomobject]@{ Name = $_.FullName; Text = [IO.File]::ReadAllText($_.FullName) } }
        $expected = @($texts | ForEach-Object { $_.Text | Test-Ec2PolicyResourceSupport -PolicyArn $_.Name } | ForEach-Object { ConvertTo-FindingLine $_ }) | Sort-Object
        $runs = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            $lines = foreach ($item in $using:texts) { $item.Text | Test-Ec2PolicyResourceSupport -PolicyArn $item.Name }
            , @($lines | ForEach-Object {
                    '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}|{8}|{9}' -f $_.Source, $_.StatementIndex, $_.Sid, $_.Effect, $_.Code, $_.Severity, $_.Actions, $_.Resources, $_.Line, $_.Message
                })
        }
        @($runs).Count | Should -Be 8
        foreach ($run in $runs) {
            (@($run) | Sort-Object) -join "`n" | Should -BeExactly ($expected -join "`n")
        }
    }
}
