# YamlDotNet isolation (style-anchors §3): another module's YamlDotNet, older (13.7.1) or newer
# (18.1.0) than ours, loaded into the default context before or after PolicyTools, must neither
# break our cmdlets nor be broken by them, and each side must run on its own copy.
# Each case runs in a child 'dotnet pwsh' so that nothing loaded here leaks into other tests.
# The other versions come from NuGet: tools/Bootstrap/Bootstrap.csproj (restored by the Test task).

BeforeDiscovery {
    $script:cases = foreach ($version in '13.7.1', '18.1.0') {
        foreach ($order in 'OtherFirst', 'OursFirst') {
            @{ Version = $version; Order = $order }
        }
    }
}

BeforeAll {
    $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    $script:manifest = Join-Path $repoRoot 'PolicyTools.psd1'
    $script:dependencies = Join-Path $repoRoot 'module/PolicyTools/Dependencies'

    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $locals = & dotnet nuget locals global-packages --list
        $packages = ([regex]::Match(($locals -join "`n"), 'global-packages:\s*(.+?)\s*$', 'Multiline')).Groups[1].Value
    }
    $script:packages = $packages

    function Get-OtherYamlDotNet([string] $Version) {
        $lib = Join-Path $script:packages "yamldotnet/$Version/lib"
        foreach ($framework in 'net8.0', 'net6.0', 'netstandard2.1', 'netstandard2.0') {
            $dll = Join-Path $lib "$framework/YamlDotNet.dll"
            if (Test-Path $dll) { return $dll }
        }
        throw "YamlDotNet $Version is not in $lib; run 'dotnet restore tools/Bootstrap/Bootstrap.csproj' (the Test task does)."
    }

    # Runs one load order in a child process and returns what each side saw, as an object.
    function Invoke-IsolationCase([string] $OtherDll, [string] $Order) {
        $script = {
            param($Manifest, $OtherDll, $Order)
            $ErrorActionPreference = 'Stop'
            $policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"}]}'
            if ($Order -eq 'OtherFirst') { Add-Type -Path $OtherDll }
            Import-Module $Manifest
            # Forces the capability map (and so our YamlDotNet) to load.
            $findings = @($policy | Test-Ec2PolicyResourceSupport)
            if ($Order -eq 'OursFirst') { Add-Type -Path $OtherDll }

            $alc = [System.Runtime.Loader.AssemblyLoadContext]
            $yamls = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' })
            $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PolicyTools.Core' } | Select-Object -First 1
            $coreContext = $alc::GetLoadContext($core)
            $ours = @($coreContext.Assemblies | Where-Object { $_.GetName().Name -eq 'YamlDotNet' })
            # What PolicyTools.Core really binds to: the assembly of the YamlDotNet type its map reader holds.
            $reader = $core.GetType('PolicyTools.Capabilities.CapabilityMapYamlReader+EventReader', $true)
            $resolved = $reader.GetField('_parser', [Reflection.BindingFlags]'NonPublic, Instance').FieldType.Assembly
            $other = $yamls | Where-Object { $_.Location -eq $OtherDll } | Select-Object -First 1

            # The other module's YamlDotNet still works: a node tree and its deserializer.
            $stream = [Activator]::CreateInstance($other.GetType('YamlDotNet.RepresentationModel.YamlStream'))
            $stream.Load([IO.StringReader]::new("items: [1, 2, 3]`nname: other"))
            $deserializer = [Activator]::CreateInstance($other.GetType('YamlDotNet.Serialization.Deserializer'))
            $value = $deserializer.Deserialize([IO.StringReader]::new('name: other'))

            [pscustomobject]@{
                CoreLocation    = $core.Location
                Findings        = $findings.Count
                Codes           = @($findings | ForEach-Object Code)
                CoreContext     = $coreContext.Name
                OursVersion     = $resolved.GetName().Version.ToString()
                OursLocation    = $resolved.Location
                OursInContext   = $ours.Count
                OtherVersion    = $other.GetName().Version.ToString()
                OtherContext    = $alc::GetLoadContext($other).Name
                OtherDocuments  = $stream.Documents.Count
                OtherValue      = [string]$value['name']
                YamlDotNetCount = $yamls.Count
            } | ConvertTo-Json -Compress
        }
        $command = "& { $script } '$($script:manifest)' '$OtherDll' '$Order'"
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command $command 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed ($LASTEXITCODE): $($output -join "`n")" }
        ($output | Select-Object -Last 1) | ConvertFrom-Json
    }
}

Describe 'YamlDotNet isolation' -Tag 'Isolation' {
    It 'keeps our YamlDotNet and the other module''s <Version> apart when <Order>' -ForEach $cases {
        $otherDll = Get-OtherYamlDotNet $Version
        $result = Invoke-IsolationCase -OtherDll $otherDll -Order $Order

        # (a) our cmdlet works
        $result.Findings | Should -BeGreaterThan 0
        $result.Codes | Should -Contain 'ResourceLevelPermissionsNotSupported'
        # (b) the other module's YamlDotNet still works
        $result.OtherDocuments | Should -Be 1
        $result.OtherValue | Should -Be 'other'
        $result.OtherContext | Should -Be 'Default'
        $result.OtherVersion | Should -Be ("{0}.0.0.0" -f $Version.Split('.')[0])
        # (c) ours runs on our shipped copy from Dependencies/ (or the precompiled set in it that
        # the engine was built with), in our own load context
        $result.CoreContext | Should -Be 'PolicyTools'
        $result.OursVersion | Should -Be '16.0.0.0'
        $result.CoreLocation | Should -BeLike (Join-Path $dependencies '*')
        $result.OursLocation | Should -Be (Join-Path (Split-Path $result.CoreLocation) 'YamlDotNet.dll')
        $result.OursInContext | Should -Be 1
        $result.YamlDotNetCount | Should -Be 2
    }
}

# Which build of the engine runs (build.ps1, Hosting/ModuleInitializer.cs): on PowerShell 7 the
# net10.0 ReadyToRun set of the running platform from Dependencies/net10.0-<rid>/, anywhere else the
# netstandard2.0 build from Dependencies/, which the JIT compiles. Both must give the same results.
BeforeDiscovery {
    # The precompiled set this process's runtime and platform would load (PowerShell 7.6 on linux-x64: net10.0-linux-x64).
    function Get-ReadyToRunSetName {
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $arch = [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
        "net$([Environment]::Version.Major).0-$os-$arch"
    }
    $script:hasReadyToRunSet = Test-Path (Join-Path $PSScriptRoot "../module/PolicyTools/Dependencies/$(Get-ReadyToRunSetName)/PolicyTools.Core.dll")
}

Describe 'Engine build' -Tag 'Isolation' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
        $script:moduleDir = Join-Path $repoRoot 'module/PolicyTools'
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $arch = [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
        $script:readyToRunDir = Join-Path $dependencies "net$([Environment]::Version.Major).0-$os-$arch"
        $script:corpus = @(Get-ChildItem (Join-Path $repoRoot 'module/examples/*.json'), (Join-Path $repoRoot 'tests/corpus/real/*.json') | Select-Object -First 60 | ForEach-Object FullName)

        # Imports a manifest in a child process, checks the files and says where the engine came
        # from, whether it carries precompiled code, and what it found.
        function Invoke-EngineCase([string] $Manifest) {
            $files = ($corpus | ForEach-Object { "'$_'" }) -join ','
            $output = Invoke-ChildPwsh @"
Import-Module '$Manifest'
`$findings = @(Test-Ec2PolicyResourceSupport -LiteralPath $files -PassThru)
`$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'PolicyTools.Core' }
`$yaml = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' }
`$stream = [IO.File]::OpenRead(`$core.Location)
try { `$native = [Reflection.PortableExecutable.PEReader]::new(`$stream).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 } finally { `$stream.Dispose() }
[pscustomobject]@{
    Cores      = @(`$core).Count
    Core       = `$core.Location
    Yaml       = @(`$yaml | ForEach-Object Location)
    ReadyToRun = `$native
    Results    = @(`$findings | ForEach-Object { `$r = `$_; ((Split-Path `$r.Source -Leaf), `$r.Status, `$r.InputErrorId, (@(`$r.Findings | ForEach-Object { '{0}/{1}/{2}/{3}' -f `$_.Code, `$_.StatementIndex, `$_.Line, `$_.Message }) -join '|')) -join ';' })
} | ConvertTo-Json -Compress -Depth 3
"@
            @($output)[-1] | ConvertFrom-Json
        }

        # A copy of the module whose precompiled sets were built for another runtime version.
        $script:fallbackModule = Join-Path $TestDrive 'PolicyTools'
        Copy-Item $moduleDir $fallbackModule -Recurse
        Get-ChildItem (Join-Path $fallbackModule 'Dependencies') -Directory -Filter 'net*' |
            Rename-Item -NewName { $_.Name -replace '^net\d+\.0', 'net8.0' }
    }

    It 'ships a precompiled engine for each platform of the build, beside the netstandard2.0 one' {
        foreach ($rid in 'linux-x64', 'win-x64', 'osx-arm64') {
            Join-Path $dependencies "net10.0-$rid/PolicyTools.Core.dll" | Should -Exist
            Join-Path $dependencies "net10.0-$rid/YamlDotNet.dll" | Should -Exist
        }
        Join-Path $dependencies 'PolicyTools.Core.dll' | Should -Exist
    }

    It 'runs the precompiled engine of this platform on PowerShell 7.6' -Skip:(-not $hasReadyToRunSet) {
        $result = Invoke-EngineCase (Join-Path $moduleDir 'PolicyTools.psd1')
        $result.Cores | Should -Be 1
        $result.Core | Should -Be (Join-Path $readyToRunDir 'PolicyTools.Core.dll')
        $result.Yaml | Should -Be @(Join-Path $readyToRunDir 'YamlDotNet.dll')
        $result.ReadyToRun | Should -BeTrue
    }

    It 'falls back to the netstandard2.0 engine when no set matches this runtime, with the same results' {
        $precompiled = Invoke-EngineCase (Join-Path $moduleDir 'PolicyTools.psd1')
        $fallback = Invoke-EngineCase (Join-Path $fallbackModule 'PolicyTools.psd1')
        $fallback.Core | Should -Be (Join-Path $fallbackModule 'Dependencies/PolicyTools.Core.dll')
        $fallback.Yaml | Should -Be @(Join-Path $fallbackModule 'Dependencies/YamlDotNet.dll')
        $fallback.ReadyToRun | Should -BeFalse
        $fallback.Results.Count | Should -Be $corpus.Count
        ($fallback.Results -join "`n") | Should -Match 'ResourceLevelPermissionsNotSupported'
        $fallback.Results | Should -Be $precompiled.Results
    }
}

Describe 'Assembly resolver' -Tag 'Isolation' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    }

    It 'answers only requests from its own assemblies: another caller asking for YamlDotNet by name gets none of ours' {
        $output = Invoke-ChildPwsh @"
Import-Module '$manifest'
`$null = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"*"}]}' | Test-Ec2PolicyResourceSupport
`$loaded = try { [Reflection.Assembly]::Load('YamlDotNet').Location } catch { 'not found' }
'Other: ' + `$loaded
'Ours: ' + @('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"}]}' | Test-Ec2PolicyResourceSupport).Count
"@
        $output | Should -Contain 'Other: not found'
        $output | Should -Contain 'Ours: 1'
    }
}
