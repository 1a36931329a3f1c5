# Shared by the Pester files: imports the freshly built module and makes AWS.Tools-shaped objects.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

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

Export-ModuleMember -Function Import-PolicyToolsForTest, Get-RepoRoot, ConvertTo-UrlEncoded, New-PolicyVersion, New-PolicyDetail
