<#
.SYNOPSIS
    Times the every-service check (Test-IamPolicyResourceSupport) against the EC2-only check
    (Test-Ec2PolicyResourceSupport) over a stand-in corpus of realistic multi-service policies, in
    one child process, the runs alternating so that a change in the machine's load falls on all.

.DESCRIPTION
    The corpus is the repository's real policies (tests/corpus/real) and example policies
    (module/examples), copied -Copies times into files, about the 1,571 AWS managed policies' count.
    Five passes alternate per round: EC2 only with the embedded map (what Test-Ec2PolicyResourceSupport
    costs today), EC2 only with the multi-service map, and every service with the multi-service map
    (tests/fixtures/maps/multi-service.yaml, twelve services); then the last two with -Quiet, one
    boolean per document, so that the every-service check's extra findings written to the pipeline
    do not count. Then two passes over the real thing: the 1,594 AWS managed policies
    (tests/corpus/aws-managed/account-authorization-details.json, -IncludeAwsManaged) with the embedded
    map, EC2 only against every service it has. Returns the medians and ratios;
    Measure-Pipeline.ps1 calls it, and it runs on its own too.
#>
param(
    [string] $Manifest = (Join-Path $PSScriptRoot '../../module/PolicyTools/PolicyTools.psd1'),
    [string] $OutDirectory = (Join-Path $PSScriptRoot '../../out/bench'),
    [string] $MapPath = (Join-Path $PSScriptRoot '../fixtures/maps/multi-service.yaml'),
    [int] $Copies = 10,
    [int] $Rounds = 15,
    [string] $ManagedPolicies = (Join-Path $PSScriptRoot '../corpus/aws-managed/account-authorization-details.json')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Manifest = (Resolve-Path $Manifest).ProviderPath
$MapPath = (Resolve-Path $MapPath).ProviderPath
$ManagedPolicies = (Resolve-Path $ManagedPolicies).ProviderPath
New-Item $OutDirectory -ItemType Directory -Force | Out-Null
$corpusDir = Join-Path (Resolve-Path $OutDirectory).ProviderPath 'every-service-corpus'
Remove-Item $corpusDir -Recurse -Force -ErrorAction Ignore
New-Item $corpusDir -ItemType Directory | Out-Null
$sources = @(Get-ChildItem (Join-Path $PSScriptRoot '../corpus/real'), (Join-Path $PSScriptRoot '../../module/examples') -Filter *.json)
foreach ($copy in 1..$Copies) {
    foreach ($source in $sources) { Copy-Item -LiteralPath $source.FullName -Destination (Join-Path $corpusDir ('{0:D2}-{1}' -f $copy, $source.Name)) }
}
$fileCount = $sources.Count * $Copies
Write-Host "Every service: $fileCount policy files ($($sources.Count) real and example policies x $Copies), $Rounds rounds alternating EC2-only and every-service checks"

$pwshDll = [System.Reflection.Assembly]::GetEntryAssembly().Location
$dotnet = [Environment]::ProcessPath
$command = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$Manifest'
`$passes = [ordered]@{
    Ec2Embedded  = { Test-Ec2PolicyResourceSupport -Path '$corpusDir/*.json' -ErrorAction SilentlyContinue }
    Ec2Map       = { Test-Ec2PolicyResourceSupport -Path '$corpusDir/*.json' -CapabilityMapPath '$MapPath' -ErrorAction SilentlyContinue }
    EveryService = { Test-IamPolicyResourceSupport -Path '$corpusDir/*.json' -CapabilityMapPath '$MapPath' -ErrorAction SilentlyContinue }
    Ec2MapQuiet       = { Test-Ec2PolicyResourceSupport -Path '$corpusDir/*.json' -CapabilityMapPath '$MapPath' -Quiet -ErrorAction SilentlyContinue }
    EveryServiceQuiet = { Test-IamPolicyResourceSupport -Path '$corpusDir/*.json' -CapabilityMapPath '$MapPath' -Quiet -ErrorAction SilentlyContinue }
    ManagedEc2   = { Test-Ec2PolicyResourceSupport -Path '$ManagedPolicies' -IncludeAwsManaged -ErrorAction SilentlyContinue }
    ManagedEvery = { Test-IamPolicyResourceSupport -Path '$ManagedPolicies' -IncludeAwsManaged -ErrorAction SilentlyContinue }
}
foreach (`$pass in `$passes.Values) { `$null = & `$pass }   # warm: maps parsed, code compiled
foreach (`$round in 1..$Rounds) {
    foreach (`$name in `$passes.Keys) {
        `$w = [Diagnostics.Stopwatch]::StartNew()
        `$n = (& `$passes[`$name] | Measure-Object).Count
        '{0} {1} {2}' -f `$name, `$w.Elapsed.TotalMilliseconds, `$n
    }
}
"@
$lines = & $dotnet $pwshDll -NoProfile -NonInteractive -Command $command 2>&1
if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $($lines -join "`n")" }

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Length
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}
$runs = @($lines | Where-Object { $_ -match '^(Ec2Embedded|Ec2Map|EveryService|Ec2MapQuiet|EveryServiceQuiet|ManagedEc2|ManagedEvery) ' } | ForEach-Object {
        $f = "$_".Split(' ')
        [pscustomobject]@{ Pass = $f[0]; Ms = [double]::Parse($f[1], [Globalization.CultureInfo]::InvariantCulture); Findings = [int]$f[2] }
    })
$median = @{}
foreach ($name in 'Ec2Embedded', 'Ec2Map', 'EveryService', 'Ec2MapQuiet', 'EveryServiceQuiet', 'ManagedEc2', 'ManagedEvery') { $median[$name] = Get-Median ($runs | Where-Object Pass -EQ $name | ForEach-Object Ms) }
$result = [ordered]@{
    Files                   = $fileCount
    Rounds                  = $Rounds
    Ec2EmbeddedMedianMs     = [math]::Round($median.Ec2Embedded, 1)
    Ec2MultiMapMedianMs     = [math]::Round($median.Ec2Map, 1)
    EveryServiceMedianMs    = [math]::Round($median.EveryService, 1)
    RatioToEc2Embedded      = [math]::Round($median.EveryService / $median.Ec2Embedded, 2)
    RatioToEc2MultiMap      = [math]::Round($median.EveryService / $median.Ec2Map, 2)
    QuietEc2MedianMs        = [math]::Round($median.Ec2MapQuiet, 1)
    QuietEveryServiceMedianMs = [math]::Round($median.EveryServiceQuiet, 1)
    QuietRatio              = [math]::Round($median.EveryServiceQuiet / $median.Ec2MapQuiet, 2)
    Ec2Findings             = ($runs | Where-Object Pass -EQ 'Ec2Embedded' | Select-Object -First 1).Findings
    EveryServiceFindings    = ($runs | Where-Object Pass -EQ 'EveryService' | Select-Object -First 1).Findings
    ManagedEc2MedianMs      = [math]::Round($median.ManagedEc2, 1)
    ManagedEveryMedianMs    = [math]::Round($median.ManagedEvery, 1)
    ManagedRatio            = [math]::Round($median.ManagedEvery / $median.ManagedEc2, 2)
    ManagedEc2Findings      = ($runs | Where-Object Pass -EQ 'ManagedEc2' | Select-Object -First 1).Findings
    ManagedEveryFindings    = ($runs | Where-Object Pass -EQ 'ManagedEvery' | Select-Object -First 1).Findings
}
Write-Host ("Every service {0} ms, EC2 only {1} ms (embedded map) / {2} ms (same map): x{3} / x{4}; with -Quiet (one boolean per document) {5} / {6} ms: x{7}" -f $result.EveryServiceMedianMs, $result.Ec2EmbeddedMedianMs, $result.Ec2MultiMapMedianMs, $result.RatioToEc2Embedded, $result.RatioToEc2MultiMap, $result.QuietEveryServiceMedianMs, $result.QuietEc2MedianMs, $result.QuietRatio)
Write-Host ("AWS managed policies (1,594, embedded map): every service {0} ms ({1} findings), EC2 only {2} ms ({3} findings): x{4}" -f $result.ManagedEveryMedianMs, $result.ManagedEveryFindings, $result.ManagedEc2MedianMs, $result.ManagedEc2Findings, $result.ManagedRatio)
$result
