<#
.SYNOPSIS
    Packs the assembled module into out/<Module>.<Version>.nupkg, a package that Install-PSResource
    and Save-PSResource (Microsoft.PowerShell.PSResourceGet) take from any NuGet feed or folder.

.DESCRIPTION
    Run by 'build.ps1 -Task Package' after the Build, in a child 'dotnet pwsh -NoProfile':

        dotnet pwsh -NoProfile -File tools/New-ModulePackage.ps1 -ModulePath module/PolicyTools -OutputDirectory out

    First checks what a gallery needs and what the module promises: a valid manifest with
    Description, Author, Tags, ProjectUri, LicenseUri and ReleaseNotes; no RequiredModules
    (AWS.Tools.IdentityManagement is an ExternalModuleDependency: the module never loads it);
    LICENSE, the format file and en-US help in the folder. Then packs the folder with
    Compress-PSResource (PSResourceGet 1.1+, in PowerShell 7.4+), the packer of Publish-PSResource,
    so no repository has to be registered. Writes the path of the package.

.PARAMETER ModulePath
    The assembled module folder (module/PolicyTools).

.PARAMETER OutputDirectory
    Where the .nupkg goes. Created if missing; an existing package of the same version is replaced.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$folder = (Resolve-Path $ModulePath).ProviderPath
$name = Split-Path $folder -Leaf
$manifestPath = Join-Path $folder "$name.psd1"
$manifest = Import-PowerShellDataFile $manifestPath
$psData = $manifest.PrivateData.PSData

$problems = [System.Collections.Generic.List[string]]::new()
foreach ($key in 'ModuleVersion', 'GUID', 'Author', 'Description', 'Copyright') {
    if (-not $manifest[$key]) { $problems.Add("the manifest has no $key") }
}
foreach ($key in 'Tags', 'ProjectUri', 'LicenseUri', 'ReleaseNotes') {
    if (-not $psData[$key]) { $problems.Add("PrivateData.PSData has no $key") }
}
if ($manifest.ContainsKey('RequiredModules') -and @($manifest.RequiredModules).Count) {
    $problems.Add("RequiredModules is not empty ($($manifest.RequiredModules -join ', ')); other modules belong in PSData.ExternalModuleDependencies")
}
foreach ($file in 'LICENSE', "$name.dll", "$name.format.ps1xml", "en-US/$name.dll-Help.xml") {
    if (-not (Test-Path (Join-Path $folder $file))) { $problems.Add("$file is missing from $folder") }
}
if (Get-ChildItem $folder -Recurse -Filter System.Management.Automation.dll) {
    $problems.Add('System.Management.Automation.dll is in the module folder; the reference assembly must never ship')
}
if ($problems.Count) {
    throw "Cannot package ${folder}:`n  - $($problems -join "`n  - ")"
}
$null = Test-ModuleManifest $manifestPath

$version = $manifest.ModuleVersion
if ($psData['Prerelease']) { $version = "$version-$($psData.Prerelease)" }
New-Item $OutputDirectory -ItemType Directory -Force | Out-Null
$target = Join-Path (Resolve-Path $OutputDirectory).ProviderPath "$name.$version.nupkg"

$staging = Join-Path ([IO.Path]::GetTempPath()) ([IO.Path]::GetRandomFileName())
New-Item $staging -ItemType Directory | Out-Null
try {
    Compress-PSResource -Path $folder -DestinationPath $staging
    $packed = @(Get-ChildItem $staging -Filter *.nupkg)
    if ($packed.Count -ne 1) {
        throw "Compress-PSResource wrote $($packed.Count) packages to $staging."
    }
    Move-Item $packed[0].FullName $target -Force
}
finally {
    Remove-Item $staging -Recurse -Force -ErrorAction Ignore
}
$target
