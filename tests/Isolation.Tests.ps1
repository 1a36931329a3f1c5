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
        # (c) ours runs on our shipped copy from Dependencies/, in our own load context
        $result.CoreContext | Should -Be 'PolicyTools'
        $result.OursVersion | Should -Be '16.0.0.0'
        $result.OursLocation | Should -Be (Join-Path $dependencies 'YamlDotNet.dll')
        $result.OursInContext | Should -Be 1
        $result.YamlDotNetCount | Should -Be 2
    }
}
