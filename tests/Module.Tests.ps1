# What makes the module feel native, for every exported cmdlet (including the ones added later):
# typed output with a default view, ShouldProcess wherever something is written, sealed cmdlet
# classes, help that works offline. Help content itself: Help.Tests.ps1.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:commands = @(Get-Command -Module PolicyTools -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    # Verbs of cmdlets that only read; any other verb changes something and must support -WhatIf.
    $script:readOnlyVerbs = 'Get', 'Test', 'Find', 'Search', 'Measure', 'Compare', 'Resolve', 'Select', 'Show', 'Format', 'ConvertTo', 'ConvertFrom'
    # Parameters that make a cmdlet write to the file system.
    $script:writingParameters = 'OutFile', 'OutputPath', 'Destination', 'DestinationPath', 'InPlace'
}

Describe '<Name>' -ForEach $commands {
    BeforeAll {
        $command = Get-Command -Module PolicyTools -Name $Name
    }

    It 'is a sealed cmdlet class' {
        $command.ImplementingType.IsSealed | Should -BeTrue
    }

    It 'declares its output types' {
        @($command.OutputType).Count | Should -BeGreaterThan 0
    }

    It 'has a default view for each of its own output types' {
        foreach ($type in @($command.OutputType.Name | Where-Object { $_ -like 'PolicyTools.*' })) {
            Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because "$type needs a view in module/PolicyTools.format.ps1xml"
        }
    }

    It 'supports -WhatIf and -Confirm when it writes anything' {
        $writes = $command.Verb -notin $readOnlyVerbs -or @($command.Parameters.Keys | Where-Object { $_ -in $writingParameters }).Count -gt 0
        if ($writes) {
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
        }
    }

    It 'has no online help link: the help ships with the module' {
        $command.HelpUri | Should -BeNullOrEmpty
    }
}

Describe 'Views' {
    It 'lay text out between words: a line that fits is kept, a path breaks after a slash, a long word stays whole' {
        $text = [PolicyTools.Formatting.ConsoleText]
        $text::Wrap('aligned   columns stay', 40) | Should -Be 'aligned   columns stay'
        $text::Wrap('the call fails with UnauthorizedOperation.', 20) | Should -Be "the call fails with`nUnauthorizedOperation."
        $text::Wrap('a/clone/module/examples/classic.json', 30) | Should -Be "a/clone/module/examples/`nclassic.json"
        $text::Wrap('x ' + ('y' * 30), 10) | Should -Be ("x`n" + ('y' * 30))
        $text::Indent('one two three', 4) | Should -Be '    one two three'
        $text::Row('ec2:AttachVolume'.PadRight(20), 'instance*, volume*') | Should -Be ('ec2:AttachVolume'.PadRight(20) + 'instance*, volume*')
        $text::Row('ec2:RunInstances ', ('image*, ' * 12)) | Should -Match '^ec2:RunInstances\n    image\*,'
    }

    It 'group findings by source, each with its severity, code and place on a line and its message below' {
        $view = (Get-FormatData -TypeName 'PolicyTools.Analysis.PolicyFinding').FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.CustomControl] }
        $view | Should -Not -BeNullOrEmpty
        $view.Control.GroupBy.Expression.Value | Should -Be 'Source'
    }

    It 'show findings grouped under each file' {
        $text = Test-Ec2PolicyResourceSupport -Path (Join-Path (Get-RepoRoot) 'module/examples/classic-describe-volumes.json') | Out-String -Width 200
        $text | Should -Match 'Source: .*classic-describe-volumes\.json'
        $text | Should -Match '(?m)^Error\s+ResourceLevelPermissionsNotSupported\s*\n    line 4, statement 0 \(Stmt1414688041000\)\n    This Allow grants nothing'
    }

    It 'show one line per document for -PassThru results' {
        $text = Test-Ec2PolicyResourceSupport -Path (Join-Path (Get-RepoRoot) 'module/examples/classic-describe-volumes*.json') -PassThru | Out-String -Width 200
        # A path longer than the Source column goes on after its last '/' that fits.
        $text = $text -replace '/\r?\n +', '/'
        $text | Should -Match '(?m)^Status\s+Errors\s+Warnings\s+Info\s+Source'
        $text | Should -Match '(?m)^Passed\s+0\s+0\s+0 .*classic-describe-volumes-fixed\.json'
        $text | Should -Match '(?m)^Failed\s+2\s+0\s+0 .*classic-describe-volumes\.json'
    }
}

Describe 'Version' {
    It 'is one version: the module, its cmdlet assembly and its engine all say what Directory.Build.props says' {
        $props = ([xml](Get-Content (Join-Path $PSScriptRoot '../Directory.Build.props') -Raw)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
        $module = Get-Module PolicyTools
        $module.Version.ToString() | Should -Be $props
        $cmdlets = [PolicyTools.Commands.TestEc2PolicyResourceSupportCommand].Assembly.GetName().Version
        $engine = ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PolicyTools.Core' } | Select-Object -First 1).GetName().Version
        "$($cmdlets.Major).$($cmdlets.Minor).$($cmdlets.Build)" | Should -Be $props
        "$($engine.Major).$($engine.Minor).$($engine.Build)" | Should -Be $props
    }
}

Describe 'Session warm-up' {
    It 'reads the EC2 map in the background after Import-Module, before any command asks for it' {
        $manifest = Join-Path (Get-RepoRoot) 'module/PolicyTools/PolicyTools.psd1'
        $output = Invoke-ChildPwsh @"
Import-Module '$manifest'
`$loaded = { @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'PolicyTools.Data' }).Count -gt 0 }
`$deadline = [DateTime]::UtcNow.AddSeconds(20)
while (-not (& `$loaded) -and [DateTime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 50 }
"map read without a command: `$(& `$loaded)"
"@
        $output | Should -Contain 'map read without a command: True'
    }
}
