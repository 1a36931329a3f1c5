<#
.SYNOPSIS
    Runs the Pester suite (tests/*.Tests.ps1) against the built module/PolicyTools/.

.DESCRIPTION
    'build.ps1 -Task Test' starts this script in a child 'dotnet pwsh -NoProfile' process, so that the
    freshly built PolicyTools.dll is loaded (and locked) there and never in the build process. After a
    Build it can also be run by hand:

        dotnet pwsh -NoProfile -File ./tests/Invoke-Tests.ps1 -PesterPath <nuget-packages>/pester/5.7.1/tools/Pester.psd1

    module/ is put first on PSModulePath, so 'Import-Module PolicyTools' finds the built module.
    Writes NUnit XML to <OutputDirectory>/pester.xml and the counts to <OutputDirectory>/pester-counts.json.
    Exits 0 only when nothing failed. FailedCount in the json also counts test files that could not be
    discovered, and failed blocks (BeforeAll/AfterAll) that did not already fail a test.

.PARAMETER PesterPath
    Path to Pester.psd1 (restored from NuGet by tools/Bootstrap/Bootstrap.csproj).

.PARAMETER Path
    Where the *.Tests.ps1 files are. Default: this folder.

.PARAMETER OutputDirectory
    Where pester.xml and pester-counts.json go. Default: out/test-results.
#>
param(
    [Parameter(Mandatory)]
    [string] $PesterPath,
    [string[]] $Path = $PSScriptRoot,
    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../out/test-results')
)

$ErrorActionPreference = 'Stop'

$repositoryRoot = Split-Path $PSScriptRoot -Parent
$env:PSModulePath = (Join-Path $repositoryRoot 'module') + [IO.Path]::PathSeparator + $env:PSModulePath

Import-Module $PesterPath -Force
New-Item $OutputDirectory -ItemType Directory -Force | Out-Null
$OutputDirectory = (Resolve-Path $OutputDirectory).ProviderPath

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $OutputDirectory 'pester.xml'
$configuration.Output.Verbosity = 'Normal'

$result = Invoke-Pester -Configuration $configuration
if ($null -eq $result) {
    # Invoke-Pester itself failed (a -Path that does not exist, say) and has printed why: one failure.
    [ordered]@{ PassedCount = 0; FailedCount = 1; SkippedCount = 0; Result = 'Failed' } |
        ConvertTo-Json | Set-Content (Join-Path $OutputDirectory 'pester-counts.json') -Encoding utf8
    exit 1
}

# A failed BeforeAll already marks the tests under it as failed; a block failure that left no failed
# test behind (a failed AfterAll, say) is counted once, so that no failure is silently lost.
function Test-FailedTestUnder($Block) {
    if ($null -eq $Block) { return $false }
    @($Block.Tests | Where-Object Result -EQ 'Failed').Count -gt 0 -or
        @($Block.Blocks | Where-Object { $null -ne $_ -and (Test-FailedTestUnder $_) }).Count -gt 0
}
$lostBlocks = @($result.FailedBlocks | Where-Object { $null -ne $_ -and -not (Test-FailedTestUnder $_) }).Count
$failed = $result.FailedCount + $lostBlocks + $result.FailedContainersCount
[ordered]@{
    PassedCount           = $result.PassedCount
    FailedCount           = $failed
    SkippedCount          = $result.SkippedCount
    FailedTestsCount      = $result.FailedCount
    FailedBlocksCount     = $result.FailedBlocksCount
    FailedContainersCount = $result.FailedContainersCount
    Result                = $result.Result
} | ConvertTo-Json | Set-Content (Join-Path $OutputDirectory 'pester-counts.json') -Encoding utf8

exit ([int]($failed -gt 0 -or $result.Result -ne 'Passed'))
