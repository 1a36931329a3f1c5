# The module package: what './build.ps1 -Task Package' writes (tools/New-ModulePackage.ps1 over the
# assembled module/PolicyTools, which the Test task has just built), published to a local
# repository, installed with PSResourceGet and used from a clean child process.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    $script:repoRoot = Get-RepoRoot
    $script:manifest = Import-PowerShellDataFile (Join-Path $repoRoot 'PolicyTools.psd1')
    $script:version = $manifest.ModuleVersion

    # Children whose PSResourceGet state (its repository store, CurrentUser modules), NuGet settings
    # and user module path live in TestDrive: on Linux and macOS they all derive from HOME. The pinned
    # dotnet tool is still found through NUGET_PACKAGES and DOTNET_CLI_HOME. On Windows the children
    # use the real profile: a uniquely named repository is registered and unregistered, nothing is
    # installed.
    # The XDG folders must exist: .NET's Environment.GetFolderPath returns '' for a folder that does
    # not, and PSResourceGet and NuGet then write 'PSResourceGet/' and 'NuGet/NuGet.Config' relative
    # to the child's working directory, the repository root.
    $locals = (& dotnet nuget locals global-packages --list) -join "`n"
    $script:nugetPackages = [regex]::Match($locals, 'global-packages:\s*(.+?)\s*$', 'Multiline').Groups[1].Value
    function New-IsolatedEnvironment([string] $HomePath) {
        New-Item $HomePath -ItemType Directory -Force | Out-Null
        if ($IsWindows) { return @{} }
        $xdg = [ordered]@{ XDG_CONFIG_HOME = '.config'; XDG_DATA_HOME = '.local/share'; XDG_CACHE_HOME = '.cache' }
        $environment = @{ HOME = $HomePath; NUGET_PACKAGES = $nugetPackages; DOTNET_CLI_HOME = $HOME }
        foreach ($name in $xdg.Keys) {
            $environment[$name] = (New-Item (Join-Path $HomePath $xdg[$name]) -ItemType Directory -Force).FullName
        }
        $environment
    }

    # What the repository root holds before the children run; nothing may be added to it.
    $script:rootEntries = @(Get-ChildItem $repoRoot -Force -Name | Sort-Object)

    # The packaging step of the Package task, into TestDrive (no rebuild: the module is the one under test).
    $script:package = @(Invoke-ChildPwsh -Environment (New-IsolatedEnvironment (Join-Path $TestDrive 'home-pack')) @"
& ./tools/New-ModulePackage.ps1 -ModulePath ./module/PolicyTools -OutputDirectory '$(Join-Path $TestDrive 'out')'
"@)[-1]

    function Get-Entry([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { $zip.Entries | ForEach-Object FullName } finally { $zip.Dispose() }
    }

    # The manifest resources of every assembly in the package, by entry: read from the metadata,
    # without loading the assembly.
    function Get-AssemblyResource([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            foreach ($entry in $zip.Entries | Where-Object FullName -Like '*.dll') {
                $bytes = [IO.MemoryStream]::new()
                $stream = $entry.Open()
                try { $stream.CopyTo($bytes) } finally { $stream.Dispose() }
                $bytes.Position = 0
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($bytes)
                try {
                    if (-not $pe.HasMetadata) { continue }
                    $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                    foreach ($handle in $metadata.ManifestResources) {
                        [pscustomobject]@{ Entry = $entry.FullName; Resource = $metadata.GetString($metadata.GetManifestResource($handle).Name) }
                    }
                }
                finally { $pe.Dispose() }
            }
        }
        finally { $zip.Dispose() }
    }

    function Get-Nuspec([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $entry = $zip.Entries | Where-Object FullName -EQ 'PolicyTools.nuspec'
            $reader = [IO.StreamReader]::new($entry.Open())
            try { [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }
}

Describe 'Package' {
    Context 'The manifest' {
        It 'carries the metadata a gallery shows' {
            $manifest.Description | Should -Not -BeNullOrEmpty
            $manifest.Author | Should -Not -BeNullOrEmpty
            $psData = $manifest.PrivateData.PSData
            $psData.Tags | Should -Contain 'AWS'
            $psData.Tags | Should -Contain 'PSEdition_Core'
            $psData.ProjectUri | Should -Match '^https://'
            $psData.LicenseUri | Should -Match '^https://'
            $psData.ReleaseNotes | Should -Match ([regex]::Escape($version))
        }

        It 'names AWS.Tools.IdentityManagement as an external dependency, never a required module' {
            $manifest.PrivateData.PSData.ExternalModuleDependencies | Should -Contain 'AWS.Tools.IdentityManagement'
            $manifest.ContainsKey('RequiredModules') | Should -BeFalse
        }

        It 'exports exactly the cmdlets of the assembly' {
            $exported = $manifest.CmdletsToExport | Sort-Object
            $output = Invoke-ChildPwsh @'
$assembly = [Reflection.Assembly]::LoadFrom((Resolve-Path ./module/PolicyTools/PolicyTools.dll).ProviderPath)
$assembly.GetExportedTypes() | ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
    ForEach-Object { "$($_.VerbName)-$($_.NounName)" }
'@
            @($output | Sort-Object) | Should -Be $exported
        }
    }

    Context 'The nupkg' {
        It 'is named after the module and its version' {
            $package | Should -Exist
            Split-Path $package -Leaf | Should -Be "PolicyTools.$version.nupkg"
        }

        It 'holds the module, its help, its views and the license, and no reference assembly' {
            $entries = Get-Entry $package
            foreach ($file in 'PolicyTools.psd1', 'PolicyTools.dll', 'PolicyTools.format.ps1xml', 'LICENSE',
                'en-US/PolicyTools.dll-Help.xml', 'en-US/about_PolicyTools.help.txt',
                'Dependencies/PolicyTools.Core.dll', 'Dependencies/YamlDotNet.dll',
                'Dependencies/net10.0-linux-x64/PolicyTools.Core.dll', 'Dependencies/net10.0-win-x64/PolicyTools.Core.dll',
                'Dependencies/net10.0-osx-arm64/PolicyTools.Core.dll') {
                $entries | Should -Contain $file
            }
            $entries | Where-Object { $_ -like '*System.Management.Automation.dll' } | Should -BeNullOrEmpty
        }

        It 'carries the capability map once, in Dependencies/PolicyTools.Data.dll, not in every build of the engine' {
            $mapResources = @(Get-AssemblyResource $package | Where-Object Resource -Like 'PolicyTools.Data.CapabilityMap.*')
            $mapResources | Should -Not -BeNullOrEmpty
            @($mapResources.Entry | Sort-Object -Unique) | Should -Be @('Dependencies/PolicyTools.Data.dll')
            $mapResources.Resource | Should -Contain 'PolicyTools.Data.CapabilityMap.ec2.yaml'
        }

        It 'has a nuspec with the gallery metadata and no dependencies' {
            $metadata = (Get-Nuspec $package).package.metadata
            $metadata.id | Should -Be 'PolicyTools'
            $metadata.version | Should -Be $version
            $metadata.description | Should -Be $manifest.Description
            $metadata.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
            $metadata.tags | Should -Match '\bPSModule\b'
            $metadata.tags | Should -Match '\bAWS\b'
            $metadata.releaseNotes | Should -Not -BeNullOrEmpty
            $metadata.SelectNodes('*[local-name()="dependencies"]').Count | Should -Be 0
        }
    }

    Context 'Installed with PSResourceGet from a local repository' {
        BeforeAll {
            $script:installHome = Join-Path $TestDrive 'home-install'
            $repository = New-Item (Join-Path $TestDrive 'repository') -ItemType Directory -Force
            $script:saved = Join-Path $TestDrive 'saved'
            $name = 'PolicyToolsTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $install = Invoke-ChildPwsh -Environment (New-IsolatedEnvironment $installHome) @"
Register-PSResourceRepository -Name $name -Uri '$repository' -Trusted
try {
    Publish-PSResource -NupkgPath '$package' -Repository $name
    New-Item '$saved' -ItemType Directory -Force | Out-Null
    Save-PSResource -Name PolicyTools -Version $version -Repository $name -Path '$saved' -TrustRepository
    `$installed = `$null
    if (-not `$IsWindows) {
        Install-PSResource -Name PolicyTools -Version $version -Repository $name -Scope CurrentUser -TrustRepository
        `$installed = (Get-InstalledPSResource -Name PolicyTools -Scope CurrentUser).InstalledLocation
    }
    [pscustomobject]@{
        Found     = @(Find-PSResource -Name PolicyTools -Repository $name).Version.ToString()
        Installed = `$installed
    } | ConvertTo-Json -Compress
}
finally {
    Unregister-PSResourceRepository -Name $name
}
"@
            $script:installResult = @($install)[-1] | ConvertFrom-Json
            $script:savedModule = Join-Path $saved "PolicyTools/$version"

            $script:checkScript = @"
Import-Module PolicyTools -RequiredVersion $version
`$module = Get-Module PolicyTools
`$findings = @(Test-Ec2PolicyResourceSupport -Path '$(Join-Path $repoRoot 'module/examples/classic-describe-volumes.json')')
`$sarif = `$findings | ConvertTo-Ec2PolicySarif | ConvertFrom-Json
[pscustomobject]@{
    ModuleBase = `$module.ModuleBase
    Codes      = @(`$findings.Code)
    Rules      = @(`$sarif.runs[0].tool.driver.rules).Count
    Synopsis   = (Get-Help Test-Ec2PolicyResourceSupport).Synopsis
    About      = (Get-Help about_PolicyTools | Out-String).Length
    Commands   = @((Get-Command -Module PolicyTools).Name | Sort-Object)
} | ConvertTo-Json -Compress
"@
            function Assert-Checked($Result, [string] $ExpectedBase) {
                (Resolve-Path $Result.ModuleBase).ProviderPath | Should -Be (Resolve-Path $ExpectedBase).ProviderPath
                $Result.Codes | Should -Contain 'ResourceLevelPermissionsNotSupported'
                $Result.Codes | Should -Contain 'InvalidArn'
                $Result.Rules | Should -BeGreaterOrEqual 6
                $Result.Synopsis | Should -Be (Import-PowerShellDataFile (Join-Path $repoRoot 'module/help/Test-Ec2PolicyResourceSupport.psd1')).Synopsis
                $Result.About | Should -BeGreaterThan 2000
                $Result.Commands | Should -Be @($manifest.CmdletsToExport | Sort-Object)
            }
        }

        It 'is found in the repository' {
            $installResult.Found | Should -Be $version
        }

        It 'is saved as a module folder by Save-PSResource' {
            Join-Path $savedModule 'PolicyTools.psd1' | Should -Exist
            Join-Path $savedModule 'en-US/PolicyTools.dll-Help.xml' | Should -Exist
        }

        It 'imports by name from the saved folder in a clean process, checks a policy and has its help' {
            $environment = New-IsolatedEnvironment (Join-Path $TestDrive 'home-empty')
            $environment['PSModulePath'] = $saved
            $result = @(Invoke-ChildPwsh -Environment $environment $checkScript)[-1] | ConvertFrom-Json
            Assert-Checked $result $savedModule
        }

        It 'is installed for the current user by Install-PSResource and imports from there' -Skip:$IsWindows {
            $installResult.Installed | Should -BeLike "$installHome*"
            $result = @(Invoke-ChildPwsh -Environment (New-IsolatedEnvironment $installHome) $checkScript)[-1] | ConvertFrom-Json
            Assert-Checked $result (Join-Path $installResult.Installed "PolicyTools/$version")
        }
    }

    Context 'The repository' {
        It 'gets no new files from packing, publishing and installing (NuGet/ or PSResourceGet/ at the root, say)' {
            @(Get-ChildItem $repoRoot -Force -Name | Sort-Object) | Should -Be $rootEntries
        }
    }
}
