# Every exported cmdlet has complete help, generated from module/help/<Cmdlet>.psd1 and Get-Command
# (tools/New-MamlHelp.ps1), and about_PolicyTools covers every finding code and cmdlet.
# After PSScriptAnalyzer's Tests/Engine/ModuleHelp.Tests.ps1 and Pester's tst/Help.Tests.ps1.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $commonParameters = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction'
    $script:commands = @(Get-Command -Module PolicyTools -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            $command = $_
            @{
                Name       = $command.Name
                Parameters = @($command.ParameterSets.Parameters | Where-Object Name -NotIn $commonParameters |
                        ForEach-Object Name | Sort-Object -Unique | ForEach-Object { @{ CommandName = $command.Name; Parameter = $_ } })
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-PolicyToolsForTest
    $script:commonParameters = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction'

    function Get-Text($Paragraphs) {
        (@($Paragraphs) | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }
}

Describe 'Help for <Name>' -ForEach $commands {
    BeforeAll {
        $command = Get-Command -Module PolicyTools -Name $Name
        $help = Get-Help $Name -Full
        $expected = @($command.ParameterSets.Parameters | Where-Object Name -NotIn $commonParameters | ForEach-Object Name | Sort-Object -Unique)
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ })
    }

    It 'has a help source in module/help' {
        Join-Path (Get-RepoRoot) "module/help/$Name.psd1" | Should -Exist
    }

    It 'comes from the MAML file, not from the metadata' {
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a synopsis that is not the generated syntax line' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike '*`[`<CommonParameters`>`]*'
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\s"
        $help.Synopsis.Trim() | Should -Match '\.$' -Because 'a synopsis is one sentence'
    }

    It 'has a description' {
        Get-Text $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least three examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            $example.title | Should -Match 'Example \d+: \S'
            $example.code | Should -Not -BeNullOrEmpty
            (Get-Text $example.remarks).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes its inputs and every declared output type' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        foreach ($input in @($help.inputTypes.inputType)) {
            (Get-Text $input.description).Trim() | Should -Not -BeNullOrEmpty
        }
        $outputs = @($help.returnValues.returnValue | ForEach-Object { $_.type.name })
        foreach ($type in @($command.OutputType | ForEach-Object Name)) {
            $outputs | Should -Contain $type
        }
    }

    It 'has notes' {
        (Get-Text $help.alertSet.alert).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'links to about_PolicyTools' {
        @($help.relatedLinks.navigationLink.linkText) | Should -Contain 'about_PolicyTools'
    }

    It 'documents exactly the parameters that Get-Command shows' {
        @($helpParameters.name | Sort-Object) | Should -Be $expected
    }

    It 'has one syntax block per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'has no placeholder left' {
        ($help | Out-String -Width 500) | Should -Not -Match '\bTODO\b'
    }

    Context 'Parameter -<Parameter>' -ForEach $Parameters {
        BeforeAll {
            $occurrences = @($command.ParameterSets.Parameters | Where-Object Name -EQ $Parameter)
            $first = $occurrences[0]
            $parameterHelp = $helpParameters | Where-Object name -EQ $Parameter
        }

        It 'has a description' {
            $parameterHelp | Should -Not -BeNullOrEmpty
            (Get-Text $parameterHelp.description).Trim() | Should -Not -BeNullOrEmpty
        }

        It 'shows the type, mandatory, pipeline input, position, aliases and wildcards of the code' {
            $parameterHelp.type.name | Should -Be $first.ParameterType.FullName
            $parameterHelp.required | Should -Be ([string](@($occurrences | Where-Object IsMandatory).Count -gt 0)).ToLowerInvariant()
            $byValue = @($occurrences | Where-Object ValueFromPipeline).Count -gt 0
            $byName = @($occurrences | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
            $parameterHelp.pipelineInput | Should -Be $(if ($byValue -and $byName) { 'True (ByPropertyName, ByValue)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' })
            $positions = @($occurrences | Where-Object Position -GE 0 | ForEach-Object Position | Sort-Object -Unique)
            $parameterHelp.position | Should -Be $(if ($positions.Count) { [string]$positions[0] } else { 'named' })
            $aliases = @($first.Aliases)
            $parameterHelp.aliases | Should -Be $(if ($aliases) { $aliases -join ', ' } else { 'none' })
            $wildcards = @($first.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
            $parameterHelp.globbing | Should -Be ([string]$wildcards).ToLowerInvariant()
        }
    }
}

Describe 'about_PolicyTools' {
    BeforeAll {
        $about = Get-Help about_PolicyTools | Out-String
        # The core lives in its own load context; run a check so that it is loaded, then read the codes.
        $null = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}' | Test-Ec2PolicyResourceSupport
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PolicyTools.Core' } | Select-Object -First 1
        $codes = $core.GetType('PolicyTools.Analysis.FindingCodes').GetField('All').GetValue($null)
    }

    It 'is found' {
        $about | Should -Match 'about_PolicyTools'
        $about.Length | Should -BeGreaterThan 2000
    }

    It 'explains every finding code' {
        @($codes).Count | Should -BeGreaterOrEqual 6
        foreach ($code in $codes) { $about | Should -Match "(?m)^\s+$code \(" -Because "$code needs its own entry" }
    }

    It 'names every exported cmdlet' {
        foreach ($name in (Get-Command -Module PolicyTools).Name) { $about | Should -Match ([regex]::Escape($name)) }
    }

    It 'explains the repair rules, the map update and the CI reports' {
        $about | Should -Match 'REPAIR RULES'
        $about | Should -Match 'ConvertTo-Ec2CapabilityMap'
        $about | Should -Match '-CapabilityMapPath'
        $about | Should -Match 'upload-sarif'
    }

    It 'fits an 80-column console' {
        $file = Join-Path (Get-RepoRoot) 'module/en-US/about_PolicyTools.help.txt'
        @(Get-Content $file | Where-Object Length -GT 80) | Should -BeNullOrEmpty
    }
}

Describe 'Help of the assembled module' {
    It 'is found when the module is imported from module/PolicyTools, not only from the root manifest' {
        $output = Invoke-ChildPwsh @'
Import-Module ./module/PolicyTools
$module = Get-Module PolicyTools
$help = Get-Help Test-Ec2PolicyResourceSupport -Full
[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Synopsis   = $help.Synopsis
    Examples   = @($help.examples.example).Count
    About      = (Get-Help about_PolicyTools | Out-String).Length
} | ConvertTo-Json -Compress
'@
        $child = @($output)[-1] | ConvertFrom-Json
        $child.ModuleBase | Should -Be (Join-Path (Get-RepoRoot) 'module/PolicyTools')
        $child.Synopsis | Should -Be (Get-Help Test-Ec2PolicyResourceSupport).Synopsis
        $child.Examples | Should -BeGreaterOrEqual 3
        $child.About | Should -BeGreaterThan 2000
    }
}

Describe 'README reference' {
    BeforeAll {
        $readme = Get-Content (Join-Path (Get-RepoRoot) 'README.md') -Raw
        $match = [regex]::Match($readme, '(?ms)^## Reference\s*$(.*?)(?=^## )')
        $reference = $match.Groups[1].Value
        $null = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}' | Test-Ec2PolicyResourceSupport
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PolicyTools.Core' } | Select-Object -First 1
        $codes = $core.GetType('PolicyTools.Analysis.FindingCodes').GetField('All').GetValue($null)
    }

    It 'exists' {
        $match.Success | Should -BeTrue
    }

    It 'gives every exported cmdlet one line' {
        foreach ($name in (Get-Command -Module PolicyTools).Name) {
            @([regex]::Matches($reference, "(?m)^\| ``$([regex]::Escape($name))`` \|")).Count | Should -Be 1 -Because "$name needs one row in the README's cmdlet table"
        }
    }

    It 'gives every finding code one line' {
        foreach ($code in $codes) {
            @([regex]::Matches($reference, "(?m)^\| ``$code`` \|")).Count | Should -Be 1 -Because "$code needs one row in the README's finding code table"
        }
    }

    It 'has the CI recipe: SARIF to upload-sarif, JUnit for other CI' {
        $reference | Should -Match '### CI recipe'
        $reference | Should -Match 'ConvertTo-Ec2PolicySarif -OutFile'
        $reference | Should -Match 'github/codeql-action/upload-sarif'
        $reference | Should -Match 'ConvertTo-Ec2PolicyJUnit -OutFile'
    }
}
