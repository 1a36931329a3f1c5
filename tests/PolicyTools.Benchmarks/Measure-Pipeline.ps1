<#
.SYNOPSIS
    Times whole PowerShell pipelines of PolicyTools: import plus first result in a new process against
    bare pwsh startup, files in and findings out, and 100,000 generated documents streamed through the
    cmdlet with the memory sampled as they pass.

.DESCRIPTION
    'build.ps1 -Task Bench' runs this after the BenchmarkDotNet engine benchmarks (it needs the built
    module/PolicyTools/ and the test-support assembly with the policy generator). Every measurement runs
    in child processes of the same pwsh, so the figures of one run compare with each other. Writes
    <OutDirectory>/pipeline-latest.json and pipeline-summary.md and prints the summary.

.PARAMETER StartupRuns
    New processes per startup measurement, bare and with the module alternating (the medians are reported). Default 15.

.PARAMETER FirstPassFiles
    Policy files for the first-pass measurement: the real corpus (tests/corpus and, when it is beside
    the repository, ../shared/corpus) copied under varied names up to this many. Default 1571, the
    number of AWS managed policies the target was set on.

.PARAMETER FirstPassCorpus
    A folder of policy files to copy for the first-pass measurement instead of the real corpus (for
    example the AWS managed policies, one file each).

.PARAMETER FirstPassSettleMs
    A pause between Import-Module and the first pass, as an administrator typing the first command
    would leave: pwsh's own start-up warm-up thread otherwise runs (and compiles hundreds of methods)
    during the first pass. Default 0, a script's first pass.

.PARAMETER FirstPassRuns
    New processes for the first-pass measurement; each imports the module, times its first pass
    and then five warm passes. Default 5.

.PARAMETER Files
    Generated policy files for the files-in measurement. Default 5000.

.PARAMETER StreamCount
    Documents streamed from the generator. Default 100000.

.PARAMETER BaselineManifest
    The manifest of a module built from an earlier commit (for example main before a change). The
    Maps section then runs an EC2-only session (import + first result, then its memory) with it and
    with -Manifest alternating, and reports both medians and their ratio.

.PARAMETER Sections
    The sections to run: Startup, FirstPass, Files, Stream, Maps. Default: all.
#>
param(
    [Parameter(Mandatory)] [string] $TestSupportPath,
    [string] $Manifest = (Join-Path $PSScriptRoot '../../module/PolicyTools/PolicyTools.psd1'),
    [string] $OutDirectory = (Join-Path $PSScriptRoot '../../out/bench'),
    [int] $StartupRuns = 15,
    [int] $FirstPassFiles = 1571,
    [int] $FirstPassRuns = 5,
    [int] $Files = 5000,
    [int] $StreamCount = 100000,
    [string] $BaselineManifest,
    [string] $FirstPassCorpus,
    [int] $FirstPassSettleMs = 0,
    [ValidateSet('Startup', 'FirstPass', 'Files', 'Stream', 'Maps')]
    [string[]] $Sections = @('Startup', 'FirstPass', 'Files', 'Stream', 'Maps')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Manifest = (Resolve-Path $Manifest).ProviderPath
$TestSupportPath = (Resolve-Path $TestSupportPath).ProviderPath
New-Item $OutDirectory -ItemType Directory -Force | Out-Null
$OutDirectory = (Resolve-Path $OutDirectory).ProviderPath
# The same pwsh as this one, started directly (not through 'dotnet pwsh', whose tool lookup would add to both sides).
$pwshDll = [System.Reflection.Assembly]::GetEntryAssembly().Location
$dotnet = [Environment]::ProcessPath

function Invoke-Child([string] $Command) {
    $output = & $dotnet $pwshDll -NoProfile -NonInteractive -Command $Command 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $($output -join "`n")" }
    $output
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Length
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-NewProcess([string] $Command, [int] $Runs) {
    $times = foreach ($i in 1..$Runs) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Invoke-Child $Command | Out-Null
        $watch.Elapsed.TotalMilliseconds
    }
    [double[]]$times
}

$results = [ordered]@{ Date = [DateTime]::UtcNow.ToString('o'); Machine = "$([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription)"; PowerShell = $PSVersionTable.PSVersion.ToString() }
$policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"}]}'

$startupPolicy = Join-Path $OutDirectory 'startup-policy.json'
Set-Content -LiteralPath $startupPolicy -Value $policy -Encoding utf8

#region 0. Maps: an EC2-only session before and after, and every service loaded
if ($Sections -contains 'Maps') {
    # One new process per run: import, first EC2 result, then the process's memory after a full GC.
    $sessionCommand = {
        param($manifest)
        "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifest'; `$null = Test-Ec2PolicyResourceSupport -Path '$startupPolicy'; " +
        "`$ms = `$w.Elapsed.TotalMilliseconds; `$heap = [GC]::GetTotalMemory(`$true); `$p = [Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh(); " +
        "'{0} {1} {2}' -f `$ms, `$heap, `$p.WorkingSet64"
    }
    $parse = { param($line) , [double[]]($line.Split(' ') | ForEach-Object { [double]::Parse($_, [Globalization.CultureInfo]::InvariantCulture) }) }
    $runs = @{ After = [Collections.Generic.List[double[]]]::new(); Before = [Collections.Generic.List[double[]]]::new() }
    Write-Host "Maps: EC2-only session, $StartupRuns runs$(if ($BaselineManifest) { ' alternating with the baseline' })"
    Invoke-Child (& $sessionCommand $Manifest) | Out-Null
    if ($BaselineManifest) { Invoke-Child (& $sessionCommand (Resolve-Path $BaselineManifest).ProviderPath) | Out-Null }
    foreach ($i in 1..$StartupRuns) {
        if ($BaselineManifest) { $runs.Before.Add((& $parse (Invoke-Child (& $sessionCommand (Resolve-Path $BaselineManifest).ProviderPath) | Select-Object -Last 1))) }
        $runs.After.Add((& $parse (Invoke-Child (& $sessionCommand $Manifest) | Select-Object -Last 1)))
    }
    $medians = { param($list) [ordered]@{
            ImportFirstMs = [math]::Round((Get-Median ($list | ForEach-Object { $_[0] })), 1)
            ManagedHeapMB = [math]::Round((Get-Median ($list | ForEach-Object { $_[1] })) / 1MB, 2)
            WorkingSetMB  = [math]::Round((Get-Median ($list | ForEach-Object { $_[2] })) / 1MB, 1)
        } }
    $maps = [ordered]@{ Runs = $StartupRuns; Ec2SessionAfter = (& $medians $runs.After) }
    if ($BaselineManifest) {
        $maps.Ec2SessionBefore = & $medians $runs.Before
        $maps.Ratios = [ordered]@{
            ImportFirst = [math]::Round($maps.Ec2SessionAfter.ImportFirstMs / $maps.Ec2SessionBefore.ImportFirstMs, 3)
            ManagedHeap = [math]::Round($maps.Ec2SessionAfter.ManagedHeapMB / $maps.Ec2SessionBefore.ManagedHeapMB, 3)
            WorkingSet  = [math]::Round($maps.Ec2SessionAfter.WorkingSetMB / $maps.Ec2SessionBefore.WorkingSetMB, 3)
        }
    }
    # Every service of the embedded map read (Get-IamCapabilityMap reads and counts them all), in a
    # session that has already given its first EC2 result. The module's types live in their own load
    # context, so the cmdlet is the way in.
    $allCommand = "Import-Module '$Manifest'; `$null = Test-Ec2PolicyResourceSupport -Path '$startupPolicy'; `$before = [GC]::GetTotalMemory(`$true); " +
        "`$p = [Diagnostics.Process]::GetCurrentProcess(); `$cpu = `$p.TotalProcessorTime; " +
        "`$w = [Diagnostics.Stopwatch]::StartNew(); `$n = @((Get-IamCapabilityMap).Services).Count; `$ms = `$w.Elapsed.TotalMilliseconds; `$p.Refresh(); " +
        "'{0} {1} {2} {3}' -f `$ms, ([GC]::GetTotalMemory(`$true) - `$before), `$n, (`$p.TotalProcessorTime - `$cpu).TotalMilliseconds"
    $all = foreach ($i in 1..[math]::Max(5, [int]($StartupRuns / 3))) { , (& $parse (Invoke-Child $allCommand | Select-Object -Last 1)) }
    $maps.AllServices = [ordered]@{
        Services   = [int]$all[0][2]
        LoadMs     = [math]::Round((Get-Median ($all | ForEach-Object { $_[0] })), 1)
        CpuMs      = [math]::Round((Get-Median ($all | ForEach-Object { $_[3] })), 1)
        RetainedMB = [math]::Round((Get-Median ($all | ForEach-Object { $_[1] })) / 1MB, 1)
    }
    $results.Maps = $maps
}
#endregion

#region 1. Import plus first result, against bare startup
if ($Sections -contains 'Startup') {
# What a user types: import, then check a file; the first result is produced, not rendered:
# rendering any object for the first time in a session costs pwsh ~150-200 ms whatever made it
# (a [pscustomobject] too), and bare pwsh renders nothing. No Select-Object either: it would load
# Microsoft.PowerShell.Utility, which bare pwsh never loads. Importing an empty manifest module is
# measured alongside as a reference for PowerShell's own share of any import. The three kinds of
# run alternate so that a change in the machine's load falls on all of them.
$emptyModule = Join-Path $OutDirectory 'EmptyReference.psd1'
Set-Content -LiteralPath $emptyModule -Value "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @() }"
$firstCommand = "Import-Module '$Manifest'; `$null = Test-Ec2PolicyResourceSupport -Path '$startupPolicy'"
Write-Host "Startup: $StartupRuns new processes each, alternating (bare pwsh; empty module imported; PolicyTools imported + first result)"
Invoke-Child 'exit 0' | Out-Null   # warm the disk cache once
Invoke-Child $firstCommand | Out-Null
$bare = [Collections.Generic.List[double]]::new()
$empty = [Collections.Generic.List[double]]::new()
$first = [Collections.Generic.List[double]]::new()
foreach ($i in 1..$StartupRuns) {
    $bare.Add((Measure-NewProcess 'exit 0' 1)[0])
    $empty.Add((Measure-NewProcess "Import-Module '$emptyModule'" 1)[0])
    $first.Add((Measure-NewProcess $firstCommand 1)[0])
}
# Inside one process: the import and the first result (which loads the capability map) apart.
$inside = foreach ($i in 1..$StartupRuns) {
    $line = Invoke-Child "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$Manifest'; `$import = `$w.Elapsed.TotalMilliseconds; `$null = Test-Ec2PolicyResourceSupport -Path '$startupPolicy'; '{0} {1}' -f `$import, (`$w.Elapsed.TotalMilliseconds - `$import)" | Select-Object -Last 1
    , [double[]]($line.Split(' ') | ForEach-Object { [double]::Parse($_, [Globalization.CultureInfo]::InvariantCulture) })
}
$results.Startup = [ordered]@{
    Runs                   = $StartupRuns
    BarePwshMedianMs       = [math]::Round((Get-Median $bare), 1)
    ImportFirstMedianMs    = [math]::Round((Get-Median $first), 1)
    EmptyModuleMedianMs    = [math]::Round((Get-Median $empty), 1)
    EmptyOverBarePwshMs    = [math]::Round((Get-Median $empty) - (Get-Median $bare), 1)
    OverBarePwshMs         = [math]::Round((Get-Median $first) - (Get-Median $bare), 1)
    RatioToBare            = [math]::Round((Get-Median $first) / (Get-Median $bare), 2)
    ImportOnlyMedianMs     = [math]::Round((Get-Median ($inside | ForEach-Object { $_[0] })), 1)
    FirstResultMedianMs    = [math]::Round((Get-Median ($inside | ForEach-Object { $_[1] })), 1)
}
}
#endregion

#region 1b. First pass in a new process against warm passes: files in, and the same documents streamed
# What an administrator's session does once: import, then one audit. The first pass pays for the
# map load, the JIT (or the ReadyToRun code's fix-ups) and the first of everything; each process
# then makes five warm passes over the same input, so first and warm compare within one process.
if ($Sections -contains 'FirstPass') {
$corpusDir = Join-Path $OutDirectory 'corpus-files'
Remove-Item $corpusDir -Recurse -Force -ErrorAction Ignore
New-Item $corpusDir -ItemType Directory | Out-Null
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
# Policy files only: the AWS managed policies' authorization-details file (tests/corpus/aws-managed) is
# one 3.7 MB document of 1,594 policies, not a policy file; -FirstPassCorpus takes a folder instead.
$corpusFolders = if ($FirstPassCorpus) { @($FirstPassCorpus) } else { @((Join-Path $repoRoot 'tests/corpus'), (Join-Path $repoRoot '../shared/corpus')) }
$corpusSources = @(foreach ($folder in $corpusFolders) {
        if (Test-Path $folder) { Get-ChildItem $folder -Recurse -Filter *.json -File | Where-Object { $_.Directory.Name -ne 'aws-managed' -or $FirstPassCorpus } }
    }) | Sort-Object FullName
if ($corpusSources.Count -eq 0) { throw 'No corpus policies in tests/corpus.' }
foreach ($i in 0..($FirstPassFiles - 1)) {
    $source = $corpusSources[$i % $corpusSources.Count]
    Copy-Item -LiteralPath $source.FullName (Join-Path $corpusDir ('{0}-{1:D4}.json' -f $source.BaseName, $i))
}
Write-Host "First pass: $FirstPassRuns new processes, each the first pass then 5 warm passes over $FirstPassFiles corpus files ($($corpusSources.Count) distinct), files in and streamed"
$passScriptFor = { param($ModuleManifest) @"
Import-Module '$ModuleManifest'
Start-Sleep -Milliseconds $FirstPassSettleMs
`$texts = [Collections.Generic.List[string]]::new()
foreach (`$file in [IO.Directory]::GetFiles('$corpusDir', '*.json')) { `$texts.Add([IO.File]::ReadAllText(`$file)) }
`$w = [Diagnostics.Stopwatch]::StartNew()
`$process = [Diagnostics.Process]::GetCurrentProcess()
# Wall time, results, and two figures the machine's load does not move much: the methods the JIT
# compiled during the pass (all threads, tier-up included) and the process's CPU time.
function Measure-Pass([scriptblock] `$Pass) {
    `$process.Refresh(); `$cpu = `$process.TotalProcessorTime.TotalMilliseconds; `$jit = [System.Runtime.JitInfo]::GetCompiledMethodCount(`$false)
    `$w.Restart(); `$n = (& `$Pass | Measure-Object).Count; `$ms = `$w.Elapsed.TotalMilliseconds
    `$methods = [System.Runtime.JitInfo]::GetCompiledMethodCount(`$false) - `$jit; `$process.Refresh()
    [string]::Format([Globalization.CultureInfo]::InvariantCulture, '{0} {1} {2} {3}', `$ms, `$n, `$methods, `$process.TotalProcessorTime.TotalMilliseconds - `$cpu)
}
`$files = { Test-Ec2PolicyResourceSupport -Path '$corpusDir/*.json' }
`$streamed = { `$texts | Test-Ec2PolicyResourceSupport }

"@ }
$passScript = & $passScriptFor $Manifest
# With a baseline, its processes alternate with these, so that the machine's load falls on both.
$baselinePassScript = if ($BaselineManifest) { & $passScriptFor (Resolve-Path $BaselineManifest).ProviderPath }
$firstPass = [ordered]@{}
foreach ($mode in 'files', 'streamed') {
    $first = [Collections.Generic.List[double]]::new()
    $warm = [Collections.Generic.List[double]]::new()
    $firstMethods = [Collections.Generic.List[double]]::new()
    $firstCpu = [Collections.Generic.List[double]]::new()
    $warmCpu = [Collections.Generic.List[double]]::new()
    $findings = 0
    $baseFirst = [Collections.Generic.List[double]]::new()
    $baseWarm = [Collections.Generic.List[double]]::new()
    foreach ($run in 1..$FirstPassRuns) {
        if ($baselinePassScript) {
            $baseLines = Invoke-Child ($baselinePassScript + "foreach (`$i in 0..5) { Measure-Pass `$$mode }") | Select-Object -Last 6
            $baseTimes = [double[]]($baseLines | ForEach-Object { [double]::Parse($_.Split(' ')[0], [Globalization.CultureInfo]::InvariantCulture) })
            $baseFirst.Add($baseTimes[0])
            $baseWarm.Add((Get-Median $baseTimes[1..5]))
        }
        # The first pass, then five warm ones, of the same input in the same process.
        $lines = Invoke-Child ($passScript + "foreach (`$i in 0..5) { Measure-Pass `$$mode }") | Select-Object -Last 6
        $fields = @($lines | ForEach-Object { , [double[]]($_.Split(' ') | ForEach-Object { [double]::Parse($_, [Globalization.CultureInfo]::InvariantCulture) }) })
        $times = [double[]]($fields | ForEach-Object { $_[0] })
        $cpu = [double[]]($fields | ForEach-Object { $_[3] })
        $findings = [int]$fields[0][1]
        $first.Add($times[0])
        $warm.Add((Get-Median $times[1..5]))
        $firstMethods.Add($fields[0][2])
        $firstCpu.Add($cpu[0])
        $warmCpu.Add((Get-Median $cpu[1..5]))
    }
    $firstMs = Get-Median $first
    $warmMs = Get-Median $warm
    $firstPass[$mode] = [ordered]@{
        Documents               = $FirstPassFiles
        Findings                = $findings
        FirstMedianMs           = [math]::Round($firstMs, 1)
        WarmMedianMs            = [math]::Round($warmMs, 1)
        FirstPoliciesPerSecond  = [math]::Round($FirstPassFiles / ($firstMs / 1000))
        WarmPoliciesPerSecond   = [math]::Round($FirstPassFiles / ($warmMs / 1000))
        FirstOverWarm           = [math]::Round($firstMs / $warmMs, 2)
        FirstJitMethods         = [math]::Round((Get-Median $firstMethods))
        FirstCpuMedianMs        = [math]::Round((Get-Median $firstCpu))
        WarmCpuMedianMs         = [math]::Round((Get-Median $warmCpu))
        FirstOverWarmCpu        = [math]::Round((Get-Median $firstCpu) / (Get-Median $warmCpu), 2)
        FirstRunsMs             = $first | ForEach-Object { [math]::Round($_, 1) }
        WarmRunsMs              = $warm | ForEach-Object { [math]::Round($_, 1) }
        BaselineFirstMedianMs   = if ($baseFirst.Count) { [math]::Round((Get-Median $baseFirst), 1) }
        BaselineWarmMedianMs    = if ($baseWarm.Count) { [math]::Round((Get-Median $baseWarm), 1) }
        FirstToBaseline         = if ($baseFirst.Count) { [math]::Round($firstMs / (Get-Median $baseFirst), 2) }
        WarmToBaseline          = if ($baseWarm.Count) { [math]::Round($warmMs / (Get-Median $baseWarm), 2) }
    }
}
$results.FirstPass = $firstPass
}
#endregion

#region 2. Files in, findings out
if ($Sections -contains 'Files') {
$fileDir = Join-Path $OutDirectory 'files'
Remove-Item $fileDir -Recurse -Force -ErrorAction Ignore
New-Item $fileDir -ItemType Directory | Out-Null
Add-Type -Path $TestSupportPath
$generator = [PolicyTools.Testing.PolicyGenerator]::new(42)
$utf8 = [Text.UTF8Encoding]::new($false)
foreach ($i in 1..$Files) { [IO.File]::WriteAllText((Join-Path $fileDir ('policy-{0:D5}.json' -f $i)), $generator.Next(), $utf8) }
Write-Host "Files: $Files generated policy files, -Path dir/*.json, five runs in one process"
$filesRun = Invoke-Child @"
Import-Module '$Manifest'
`$null = '$policy' | Test-Ec2PolicyResourceSupport
foreach (`$run in 1..5) {
    `$w = [Diagnostics.Stopwatch]::StartNew()
    `$n = (Test-Ec2PolicyResourceSupport -Path '$fileDir/*.json' | Measure-Object).Count
    '{0} {1}' -f `$w.Elapsed.TotalMilliseconds, `$n
}
"@ | Select-Object -Last 5
$fileTimes = [double[]]($filesRun | ForEach-Object { [double]::Parse($_.Split(' ')[0], [Globalization.CultureInfo]::InvariantCulture) })
$results.Files = [ordered]@{
    Files               = $Files
    Findings            = [int]($filesRun[-1].Split(' ')[1])
    MedianMs            = [math]::Round((Get-Median $fileTimes), 1)
    PoliciesPerSecond   = [math]::Round($Files / ((Get-Median $fileTimes) / 1000))
    RunsMs              = $fileTimes | ForEach-Object { [math]::Round($_, 1) }
}
}
#endregion

#region 3. 100,000 documents streamed from a generator, memory sampled
if ($Sections -contains 'Stream') {
Write-Host "Stream: $StreamCount generated documents through the cmdlet, memory every $([int]($StreamCount / 10))"
$streamRun = Invoke-Child @"
Import-Module '$Manifest'
Add-Type -Path '$TestSupportPath'
`$generator = [PolicyTools.Testing.PolicyGenerator]::new(7)
`$state = @{ Count = 0; Samples = [Collections.Generic.List[string]]::new() }
`$every = [int]($StreamCount / 10)
`$process = [Diagnostics.Process]::GetCurrentProcess()
`$w = [Diagnostics.Stopwatch]::StartNew()
`$findings = (& {
    foreach (`$document in `$generator.Documents($StreamCount)) {
        `$document
        `$state.Count++
        if (`$state.Count % `$every -eq 0) {
            `$process.Refresh()
            `$state.Samples.Add(('{0} {1} {2} {3}' -f `$state.Count, `$process.PrivateMemorySize64, [GC]::GetGCMemoryInfo().HeapSizeBytes, `$w.Elapsed.TotalMilliseconds))
        }
    }
} | Test-Ec2PolicyResourceSupport | Measure-Object).Count
`$elapsed = `$w.Elapsed.TotalMilliseconds
`$state.Samples
'done {0} {1}' -f `$elapsed, `$findings
"@
$samples = @($streamRun | Where-Object { $_ -match '^\d+ ' } | ForEach-Object {
        $f = $_.Split(' ')
        [pscustomobject]@{ Documents = [int]$f[0]; PrivateMB = [math]::Round([double]$f[1] / 1MB, 1); GcHeapMB = [math]::Round([double]$f[2] / 1MB, 1); ElapsedMs = [math]::Round([double]::Parse($f[3], [Globalization.CultureInfo]::InvariantCulture)) }
    })
$done = ($streamRun | Where-Object { $_ -like 'done *' } | Select-Object -Last 1).Split(' ')
$streamMs = [double]::Parse($done[1], [Globalization.CultureInfo]::InvariantCulture)
$results.Stream = [ordered]@{
    Documents            = $StreamCount
    Findings             = [int]$done[2]
    ElapsedMs            = [math]::Round($streamMs)
    PoliciesPerSecond    = [math]::Round($StreamCount / ($streamMs / 1000))
    PrivateGrowthMB      = [math]::Round($samples[-1].PrivateMB - $samples[0].PrivateMB, 1)
    PrivateMaxMB         = ($samples | Measure-Object PrivateMB -Maximum).Maximum
    GcHeapMaxMB          = ($samples | Measure-Object GcHeapMB -Maximum).Maximum
    Samples              = $samples
}
}
#endregion

#region 4. Every service against EC2 only, alternating in one process
$results.EveryService = & (Join-Path $PSScriptRoot 'Measure-EveryService.ps1') -Manifest $Manifest -OutDirectory $OutDirectory
#endregion

$json = $results | ConvertTo-Json -Depth 5
Set-Content (Join-Path $OutDirectory 'pipeline-latest.json') $json
Set-Content (Join-Path $OutDirectory ('pipeline-{0:yyyyMMdd-HHmmss}.json' -f [DateTime]::UtcNow)) $json

$verdict = { param($ok) if ($ok) { 'met' } else { 'NOT met' } }
$summary = ''
if ($results.Contains('Maps')) {
    $m = $results.Maps; $a = $m.AllServices
    $summary += "| capability map | median | figure |`n|---|---:|---|`n"
    $summary += "| EC2-only session: import + first result, new process ($($m.Runs) runs) | $($m.Ec2SessionAfter.ImportFirstMs) ms | managed heap $($m.Ec2SessionAfter.ManagedHeapMB) MB, working set $($m.Ec2SessionAfter.WorkingSetMB) MB |`n"
    if ($m.Contains('Ec2SessionBefore')) {
        $summary += "| the same with the baseline module, alternating | $($m.Ec2SessionBefore.ImportFirstMs) ms | managed heap $($m.Ec2SessionBefore.ManagedHeapMB) MB, working set $($m.Ec2SessionBefore.WorkingSetMB) MB |`n"
        $summary += "| ratio after / before | x$($m.Ratios.ImportFirst) | heap x$($m.Ratios.ManagedHeap), working set x$($m.Ratios.WorkingSet) |`n"
    }
    $summary += "| every service loaded ($($a.Services)), after the first EC2 result | $($a.LoadMs) ms | CPU $($a.CpuMs) ms (all threads), $($a.RetainedMB) MB retained |`n`n"
    if ($m.Contains('Ratios')) {
        $summary += "Target: EC2-only session within 10% of the baseline: time x$($m.Ratios.ImportFirst), heap x$($m.Ratios.ManagedHeap) -> $(& $verdict ($m.Ratios.ImportFirst -le 1.1 -and $m.Ratios.ManagedHeap -le 1.1))`n"
    }
    $summary += "Target: every service under 600 ms and 40 MB: $($a.LoadMs) ms, $($a.RetainedMB) MB -> $(& $verdict ($a.LoadMs -lt 600 -and $a.RetainedMB -lt 40))`n`n"
}
if ($results.Contains('FirstPass')) {
$pf = $results.FirstPass.files; $ps = $results.FirstPass.streamed
$summary += @"
| first pass | median | figure |
|---|---:|---|
| first pass in a new process, $($pf.Documents) corpus files in, findings out ($FirstPassRuns processes) | $($pf.FirstMedianMs) ms | $($pf.FirstPoliciesPerSecond) policies/s; warm passes in the same processes $($pf.WarmMedianMs) ms, $($pf.WarmPoliciesPerSecond)/s; first/warm x$($pf.FirstOverWarm); $($pf.Findings) findings |
| the same, in process CPU time and JIT work (little moved by the machine's load) | $($pf.FirstCpuMedianMs) ms CPU | warm $($pf.WarmCpuMedianMs) ms CPU, first/warm x$($pf.FirstOverWarmCpu); $($pf.FirstJitMethods) methods compiled by the JIT in the first pass (all threads, tier-up included) |
| first pass in a new process, the same $($ps.Documents) documents streamed as text | $($ps.FirstMedianMs) ms | $($ps.FirstPoliciesPerSecond) policies/s; warm $($ps.WarmMedianMs) ms, $($ps.WarmPoliciesPerSecond)/s; first/warm x$($ps.FirstOverWarm); CPU $($ps.FirstCpuMedianMs) / $($ps.WarmCpuMedianMs) ms, x$($ps.FirstOverWarmCpu); $($ps.FirstJitMethods) JIT methods |

$(if ($pf.BaselineFirstMedianMs) { "| the baseline module's processes, alternating with these (files in / streamed) | $($pf.BaselineFirstMedianMs) / $($ps.BaselineFirstMedianMs) ms | first pass x$($pf.FirstToBaseline) / x$($ps.FirstToBaseline) of the baseline's; warm $($pf.BaselineWarmMedianMs) / $($ps.BaselineWarmMedianMs) ms, x$($pf.WarmToBaseline) / x$($ps.WarmToBaseline) |" })

Target: first pass in a new process, files in, at least 5,400 policies/s: $($pf.FirstPoliciesPerSecond)/s -> $(& $verdict ($pf.FirstPoliciesPerSecond -ge 5400))
Target: first pass within 1.5x of the warm passes, files in: x$($pf.FirstOverWarm) -> $(& $verdict ($pf.FirstOverWarm -le 1.5)) (streamed: x$($ps.FirstOverWarm))


"@
}
if ($results.Contains('Startup') -and $results.Contains('Files') -and $results.Contains('Stream')) {
$s = $results.Startup; $f = $results.Files; $t = $results.Stream; $e = $results.EveryService
$summary += @"
| pipeline | median | figure |
|---|---:|---|
| bare pwsh start ($($s.Runs) runs) | $($s.BarePwshMedianMs) ms | |
| import + first result, new process | $($s.ImportFirstMedianMs) ms | +$($s.OverBarePwshMs) ms over bare pwsh (x$($s.RatioToBare)); inside: import $($s.ImportOnlyMedianMs) ms, first result $($s.FirstResultMedianMs) ms |
| reference: an empty module imported | $($s.EmptyModuleMedianMs) ms | +$($s.EmptyOverBarePwshMs) ms over bare pwsh: PowerShell's own cost of any Import-Module |
| $($f.Files) files in, findings out (5 runs) | $($f.MedianMs) ms | $($f.PoliciesPerSecond) policies/s, $($f.Findings) findings |
| $($e.Files) real multi-service policy files, every service ($($e.Rounds) rounds alternating) | $($e.EveryServiceMedianMs) ms | EC2 only: $($e.Ec2EmbeddedMedianMs) ms (embedded map), $($e.Ec2MultiMapMedianMs) ms (same 12-service map); x$($e.RatioToEc2Embedded) / x$($e.RatioToEc2MultiMap); -Quiet $($e.QuietEveryServiceMedianMs) / $($e.QuietEc2MedianMs) ms, x$($e.QuietRatio) |
| the 1,594 AWS managed policies (one authorization-details file, embedded map), every service | $($e.ManagedEveryMedianMs) ms ($($e.ManagedEveryFindings) findings) | EC2 only: $($e.ManagedEc2MedianMs) ms ($($e.ManagedEc2Findings) findings); x$($e.ManagedRatio) (target: at most x2) |
| $($t.Documents) generated documents streamed | $($t.ElapsedMs) ms | $($t.PoliciesPerSecond) policies/s (generator included), private bytes $($samples[0].PrivateMB) -> $($samples[-1].PrivateMB) MB (max $($t.PrivateMaxMB)), GC heap max $($t.GcHeapMaxMB) MB |

Target: import + first result at most 300 ms over bare pwsh: +$($s.OverBarePwshMs) ms -> $(& $verdict ($s.OverBarePwshMs -le 300))
Target: >= 6,000 policies/s from files: $($f.PoliciesPerSecond)/s -> $(& $verdict ($f.PoliciesPerSecond -ge 6000))
Target: every-service check at most 2x the EC2-only time: x$($e.RatioToEc2Embedded) (x$($e.RatioToEc2MultiMap) with the same map) -> $(& $verdict ($e.RatioToEc2MultiMap -le 2))
Target: memory flat over $($t.Documents) documents (growth under 100 MB): $($t.PrivateGrowthMB) MB -> $(& $verdict ($t.PrivateGrowthMB -lt 100))

Memory while streaming (documents: private MB / GC heap MB):
$(($samples | ForEach-Object { "  $($_.Documents): $($_.PrivateMB) / $($_.GcHeapMB)" }) -join "`n")
"@
}
Set-Content (Join-Path $OutDirectory 'pipeline-summary.md') $summary
Write-Host ''
Write-Host $summary
