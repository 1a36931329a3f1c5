<#
.SYNOPSIS
    Writes a help source skeleton, module/help/<Cmdlet>.psd1, for a cmdlet of the built module.

.DESCRIPTION
    Lists every parameter (without the common parameters) and every [OutputType] of the cmdlet as
    built, with TODO placeholders; tests/Help.Tests.ps1 fails until they are replaced. Run after a
    Build, from the repository root:

        dotnet pwsh -NoProfile -File tools/New-HelpSource.ps1 -Name Get-Ec2ActionCapability

    An existing source is never overwritten; use -Force to start again.

.PARAMETER Name
    The cmdlet.

.PARAMETER ModulePath
    The built module. Default: module/PolicyTools/PolicyTools.psd1.

.PARAMETER SourcePath
    The folder of help sources. Default: module/help.
#>
param(
    [Parameter(Mandatory)] [string] $Name,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../module/PolicyTools/PolicyTools.psd1'),
    [string] $SourcePath = (Join-Path $PSScriptRoot '../module/help'),
    [switch] $Force
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module (Resolve-Path $ModulePath).ProviderPath -PassThru -Force
$command = Get-Command -Module $module.Name -Name $Name -CommandType Cmdlet
$target = Join-Path $SourcePath "$($command.Name).psd1"
if ((Test-Path $target) -and -not $Force) {
    throw "$target exists; edit it, or use -Force to replace it."
}

$excluded = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction', 'WhatIf', 'Confirm'
$parameters = @($command.ParameterSets.Parameters | Where-Object Name -NotIn $excluded | ForEach-Object Name | Select-Object -Unique)
$width = ($parameters | Measure-Object Length -Maximum).Maximum
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add("# Help source for $($command.Name). Format: module/help/README.md.")
$lines.Add('@{')
$lines.Add("    Synopsis    = 'TODO: one sentence.'")
$lines.Add('')
$lines.Add("    Description = @'")
$lines.Add('TODO: what it does, what it accepts, what it writes.')
$lines.Add("'@")
$lines.Add('')
$lines.Add('    Parameters  = @{')
foreach ($parameter in $parameters) {
    $lines.Add("        $($parameter.PadRight($width)) = 'TODO'")
}
$lines.Add('    }')
$lines.Add('')
$lines.Add('    Inputs      = @(')
$lines.Add("        @{ Type = 'TODO'; Description = 'TODO' }")
$lines.Add('    )')
$lines.Add('')
$lines.Add('    Outputs     = @(')
foreach ($type in @($command.OutputType | ForEach-Object Name)) {
    $lines.Add("        @{ Type = '$type'; Description = 'TODO' }")
}
$lines.Add('    )')
$lines.Add('')
$lines.Add("    Notes       = 'TODO'")
$lines.Add('')
$lines.Add('    Examples    = @(')
foreach ($n in 1..3) {
    $lines.Add("        @{ Title = 'TODO'; Code = 'TODO'; Remarks = 'TODO' }")
}
$lines.Add('    )')
$lines.Add('')
$lines.Add("    Links       = @('about_PolicyTools')")
$lines.Add('}')
New-Item (Split-Path $target -Parent) -ItemType Directory -Force | Out-Null
[IO.File]::WriteAllLines([IO.Path]::GetFullPath($target), $lines, [Text.UTF8Encoding]::new($false))
"Wrote $target"
