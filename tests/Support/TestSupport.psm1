# Shared by the Pester files: imports the freshly built module and makes AWS.Tools-shaped objects.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# A child PowerShell is this very one ('dotnet <its pwsh.dll>' for the pinned tool), not 'dotnet pwsh',
# whose tool runner prints update notices into the output.
$script:Pwsh = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
    @([Environment]::ProcessPath, [Environment]::GetCommandLineArgs()[0])
} else {
    @([Environment]::ProcessPath)
}

# The command line (executable, then its first arguments) that starts a child PowerShell.
function Get-PwshCommand { , $script:Pwsh }

function Import-PolicyToolsForTest {
    Import-Module (Join-Path $script:RepoRoot 'PolicyTools.psd1') -Force -Global -ErrorAction Stop
    if (-not ('Amazon.IdentityManagement.Model.PolicyVersion' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'AwsToolsShapes.cs') -ErrorAction Stop
    }
}

function Get-RepoRoot { $script:RepoRoot }

# What IAM returns: RFC 3986 URL-encoded JSON.
function ConvertTo-UrlEncoded([string] $Json) { [System.Uri]::EscapeDataString($Json) }

function New-PolicyVersion([string] $Json, [string] $VersionId = 'v1', [bool] $IsDefault = $true) {
    [Amazon.IdentityManagement.Model.PolicyVersion]@{
        Document = ConvertTo-UrlEncoded $Json; VersionId = $VersionId; IsDefaultVersion = $IsDefault; CreateDate = [datetime]'2026-01-01'
    }
}

function New-PolicyDetail([string] $Name, [string] $Json) {
    [Amazon.IdentityManagement.Model.PolicyDetail]@{ PolicyName = $Name; PolicyDocument = ConvertTo-UrlEncoded $Json }
}

# Runs a script in a clean child 'dotnet pwsh -NoProfile' (the pinned tool, found from the repository
# root), so that a module can be imported from another place than the test process's. Returns the
# child's output lines; throws with the output when the child exits non-zero.
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{}
    )
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'`n" + $Script))
    $saved = @{}
    Push-Location $script:RepoRoot
    try {
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }
        $pwsh = $script:Pwsh[0]
        $prefix = @($script:Pwsh | Select-Object -Skip 1)
        $output = & $pwsh @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" }
        if ($LASTEXITCODE -ne 0) {
            throw "The child pwsh exited with code ${LASTEXITCODE}:`n$($output -join "`n")"
        }
        $output
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Pop-Location
    }
}

# The default view of $InputObject rendered at -Width columns reads well: no line is longer than the
# width (PowerShell would have split it, inside a word), every word of each -Text (the prose the view
# shows) that fits its column appears whole, and a longer one (a path, an ARN) is broken only after a
# '/' or ':'. The views lay text out for 80 columns (ConsoleText.Width), so that is the widest column
# any view has. Returns the rendered text.
function Assert-ReadableView {
    param(
        [Parameter(Mandatory)] [object[]] $InputObject,
        [Parameter(Mandatory)] [int] $Width,
        [string[]] $Text = @(),
        # The narrowest place the prose is shown in (a table's last column, an indented line).
        [int] $Column = [Math]::Min($Width, 79) - 4
    )
    $rendered = ($InputObject | Out-String -Width $Width) -replace "`r", ''
    foreach ($line in $rendered -split "`n") {
        if ($line.Length -gt $Width) { throw "Line longer than $Width columns: '$line'" }
    }
    $tokens = [System.Collections.Generic.HashSet[string]]::new([string[]]($rendered -split '\s+'))
    $joined = $rendered -replace '([/:])\n *', '$1'
    foreach ($prose in $Text) {
        foreach ($word in $prose -split '\s+') {
            if ($word.Length -eq 0) { continue }
            $whole = if ($word.Length -le $Column) { $tokens.Contains($word) } else { $joined.Contains($word) }
            if (-not $whole) { throw "Word '$word' is split in the view at $Width columns:`n$rendered" }
        }
    }
    $rendered
}

# Runs $ScriptBlock in a runspace of its own (PolicyTools imported, the same current folder,
# $Variables set), and returns its output and writes its errors here. -WhatIf's "What if:" lines
# go to the host of the runspace, and this one has none, so they stay out of the test output.
function Invoke-WithoutHost {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [hashtable] $Variables = @{}
    )
    $shell = [powershell]::Create()
    try {
        $shell.Runspace.SessionStateProxy.Path.SetLocation($PWD.ProviderPath) | Out-Null
        foreach ($name in $Variables.Keys) { $shell.Runspace.SessionStateProxy.SetVariable($name, $Variables[$name]) }
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Join-Path $script:RepoRoot 'PolicyTools.psd1')).AddParameter('ErrorAction', 'Stop').AddStatement()
        $null = $shell.AddScript($ScriptBlock.ToString())
        $output = $shell.Invoke()
        foreach ($record in $shell.Streams.Error) { $PSCmdlet.WriteError($record) }
        $output
    }
    finally {
        $shell.Dispose()
    }
}

# The AWS CLI's get-account-authorization-details JSON (documents as objects) as the pages
# Get-IAMAccountAuthorizationDetail writes: typed objects, URL-encoded documents, entities spread
# over three pages (policies; users and groups; roles) the way the API pages them together.
function ConvertTo-AwsToolsAccountPages([string] $Path) {
    $cli = Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json
    $ns = 'Amazon.IdentityManagement.Model'
    $encode = { param($document) ConvertTo-UrlEncoded ($document | ConvertTo-Json -Depth 20 -Compress) }
    $attached = { param($list) $l = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.AttachedPolicyType]]::new(); foreach ($a in $list) { $l.Add([Amazon.IdentityManagement.Model.AttachedPolicyType]@{ PolicyArn = $a.PolicyArn; PolicyName = $a.PolicyName }) }; , $l }
    $inline = { param($list) $l = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyDetail]]::new(); foreach ($p in $list) { $l.Add([Amazon.IdentityManagement.Model.PolicyDetail]@{ PolicyName = $p.PolicyName; PolicyDocument = & $encode $p.PolicyDocument }) }; , $l }
    $boundary = { param($b) if ($b) { [Amazon.IdentityManagement.Model.AttachedPermissionsBoundary]@{ PermissionsBoundaryArn = $b.PermissionsBoundaryArn; PermissionsBoundaryType = $b.PermissionsBoundaryType } } }

    $policies = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.ManagedPolicyDetail]]::new()
    foreach ($p in $cli.Policies) {
        $versions = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.PolicyVersion]]::new()
        foreach ($v in $p.PolicyVersionList) { $versions.Add([Amazon.IdentityManagement.Model.PolicyVersion]@{ Document = & $encode $v.Document; VersionId = $v.VersionId; IsDefaultVersion = $v.IsDefaultVersion }) }
        $policies.Add([Amazon.IdentityManagement.Model.ManagedPolicyDetail]@{ Arn = $p.Arn; PolicyName = $p.PolicyName; DefaultVersionId = $p.DefaultVersionId; PolicyVersionList = $versions })
    }
    $users = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.UserDetail]]::new()
    foreach ($u in $cli.UserDetailList) {
        $groups = [System.Collections.Generic.List[string]]::new(); foreach ($g in $u.GroupList) { $groups.Add($g) }
        $users.Add([Amazon.IdentityManagement.Model.UserDetail]@{ UserName = $u.UserName; Arn = $u.Arn; GroupList = $groups
            AttachedManagedPolicies = & $attached $u.AttachedManagedPolicies; UserPolicyList = $null; PermissionsBoundary = & $boundary $u.PermissionsBoundary })
    }
    $groupList = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.GroupDetail]]::new()
    foreach ($g in $cli.GroupDetailList) {
        $groupList.Add([Amazon.IdentityManagement.Model.GroupDetail]@{ GroupName = $g.GroupName; Arn = $g.Arn
            AttachedManagedPolicies = & $attached $g.AttachedManagedPolicies; GroupPolicyList = & $inline $g.GroupPolicyList })
    }
    $roles = [System.Collections.Generic.List[Amazon.IdentityManagement.Model.RoleDetail]]::new()
    foreach ($r in $cli.RoleDetailList) {
        $roles.Add([Amazon.IdentityManagement.Model.RoleDetail]@{ RoleName = $r.RoleName; Arn = $r.Arn
            AttachedManagedPolicies = & $attached $r.AttachedManagedPolicies; RolePolicyList = & $inline $r.RolePolicyList; PermissionsBoundary = & $boundary $r.PermissionsBoundary })
    }
    [Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse]@{ IsTruncated = $true; Marker = 'm1'; Policies = $policies }
    [Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse]@{ IsTruncated = $true; Marker = 'm2'; UserDetailList = $users; GroupDetailList = $groupList }
    [Amazon.IdentityManagement.Model.GetAccountAuthorizationDetailsResponse]@{ IsTruncated = $false; RoleDetailList = $roles }
}

# A finding as the fields principal-level analysis decides, to compare input forms.
function Format-AccountFinding([Parameter(ValueFromPipeline)] $Finding) {
    process { '{0} {1} #{2} {3} {4} [{5}]' -f $Finding.Source, $Finding.VersionId, $Finding.StatementIndex, $Finding.Code, $Finding.Severity, ($Finding.AffectedPrincipals -join ',') }
}

Export-ModuleMember -Function Assert-ReadableView, Invoke-WithoutHost, Get-PwshCommand, Import-PolicyToolsForTest, Get-RepoRoot, ConvertTo-UrlEncoded, New-PolicyVersion, New-PolicyDetail, Invoke-ChildPwsh, ConvertTo-AwsToolsAccountPages, Format-AccountFinding
