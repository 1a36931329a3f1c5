<#
.SYNOPSIS
    Writes the MAML help of a binary module (<Assembly>.dll-Help.xml) from one help source per
    cmdlet plus the parameter metadata of the built module.

.DESCRIPTION
    Run by 'build.ps1' (Build task) in a child 'dotnet pwsh -NoProfile', after the module is
    assembled, so that the freshly built dll is loaded there and never in the build process:

        dotnet pwsh -NoProfile -File tools/New-MamlHelp.ps1 -ModulePath module/PolicyTools/PolicyTools.psd1 `
            -SourcePath module/help -OutputPath module/PolicyTools/en-US/PolicyTools.dll-Help.xml

    The prose comes from module/help/<Cmdlet>.psd1 (format: module/help/README.md): synopsis,
    description, parameter descriptions, inputs, outputs, notes, examples and related links.
    Everything structural comes from Get-Command: the parameter sets (one syntax item each), type,
    position, mandatory, pipeline input, aliases and wildcard support. So the syntax in Get-Help
    cannot drift from the code; a parameter without a description, a source for a parameter that
    no longer exists, or a cmdlet without a source is reported as a warning here and fails
    tests/Help.Tests.ps1.

    The XML follows what platyPS (New-ExternalHelp) writes and PowerShell's own help files use.

.PARAMETER ModulePath
    The module to document: the assembled manifest (module/PolicyTools/PolicyTools.psd1).

.PARAMETER SourcePath
    The folder of help sources, one <Cmdlet>.psd1 per exported cmdlet.

.PARAMETER OutputPath
    The MAML file to write.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'

# Common parameters are documented by about_CommonParameters; WhatIf and Confirm belong to the cmdlet.
$Excluded = [System.Collections.Generic.HashSet[string]]::new([string[]](@([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction'), [StringComparer]::OrdinalIgnoreCase)
$StandardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$SourceKeys = 'Synopsis', 'Description', 'Parameters', 'ParameterDefaults', 'Inputs', 'Outputs', 'Notes', 'Examples', 'Links'

$script:Problems = [System.Collections.Generic.HashSet[string]]::new()
function Add-Problem([string] $Message) {
    if ($script:Problems.Add($Message)) {
        Write-Warning $Message
    }
}

# Blank lines separate paragraphs. Inside a paragraph, lines are joined with a space, except
# list items ('- ', '* ', '1. ') and indented lines, which keep their line break.
function Split-Paragraph([string] $Text) {
    if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
    $blocks = [regex]::Split($Text.Replace("`r`n", "`n").Trim(), '\n[ \t]*\n')
    foreach ($block in $blocks) {
        $lines = $block -split "`n"
        $sb = [System.Text.StringBuilder]::new()
        foreach ($line in $lines) {
            if ($sb.Length -eq 0) {
                [void]$sb.Append($line.TrimEnd())
            }
            elseif ($line -match '^(\s+|[-*] |\d+\. )') {
                [void]$sb.Append("`n").Append($line.TrimEnd())
            }
            else {
                [void]$sb.Append(' ').Append($line.Trim())
            }
        }
        $sb.ToString()
    }
}

function Write-Paragraphs([System.Xml.XmlWriter] $Xml, [string] $Text) {
    $paras = @(Split-Paragraph $Text)
    if ($paras.Count -eq 0) { $paras = @('') }
    foreach ($para in $paras) {
        $Xml.WriteElementString('para', $MamlNs, $para)
    }
}

function Write-Description([System.Xml.XmlWriter] $Xml, [string] $Text) {
    $Xml.WriteStartElement('description', $MamlNs)
    Write-Paragraphs $Xml $Text
    $Xml.WriteEndElement()
}

function Get-PipelineInput($Parameters) {
    $byValue = @($Parameters | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($Parameters | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    if ($byValue -and $byName) { return 'True (ByPropertyName, ByValue)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    'False'
}

function Get-Position($Parameters) {
    $positions = @($Parameters | Where-Object Position -GE 0 | ForEach-Object Position | Sort-Object -Unique)
    if ($positions.Count -gt 0) { return [string]$positions[0] }
    'named'
}

function Test-Wildcard($Parameter) {
    @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
}

function Write-Parameter {
    param(
        [System.Xml.XmlWriter] $Xml,
        [string] $Name,
        $Occurrences,          # CommandParameterInfo of this parameter in the set(s) concerned
        [string] $Description,
        [string] $Default,
        [switch] $InSyntax
    )
    $first = $Occurrences[0]
    $type = $first.ParameterType
    $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
    $aliases = @($first.Aliases)

    $Xml.WriteStartElement('parameter', $CommandNs)
    $Xml.WriteAttributeString('required', ([string](@($Occurrences | Where-Object IsMandatory).Count -gt 0)).ToLowerInvariant())
    $Xml.WriteAttributeString('variableLength', 'true')
    $Xml.WriteAttributeString('globbing', ([string](Test-Wildcard $first)).ToLowerInvariant())
    $Xml.WriteAttributeString('pipelineInput', (Get-PipelineInput $Occurrences))
    $Xml.WriteAttributeString('position', (Get-Position $Occurrences))
    $Xml.WriteAttributeString('aliases', $(if ($aliases.Count) { $aliases -join ', ' } else { 'none' }))
    $Xml.WriteElementString('name', $MamlNs, $Name)
    Write-Description $Xml $Description
    if (-not ($isSwitch -and $InSyntax)) {
        $Xml.WriteStartElement('parameterValue', $CommandNs)
        $Xml.WriteAttributeString('required', ([string](-not $isSwitch)).ToLowerInvariant())
        $Xml.WriteAttributeString('variableLength', ([string]$type.IsArray).ToLowerInvariant())
        $Xml.WriteString($type.Name)
        $Xml.WriteEndElement()
    }
    $Xml.WriteStartElement('type', $DevNs)
    $Xml.WriteElementString('name', $MamlNs, $(if ($InSyntax) { $type.Name } else { $type.FullName }))
    $Xml.WriteElementString('uri', $MamlNs, '')
    $Xml.WriteEndElement()
    $Xml.WriteElementString('defaultValue', $DevNs, $(if ($Default) { $Default } elseif ($isSwitch) { 'False' } else { 'None' }))
    $Xml.WriteEndElement()
}

function Read-HelpSource([string] $Path, [string] $CommandName) {
    try {
        $source = Import-PowerShellDataFile -LiteralPath $Path
    }
    catch {
        throw "The help source $Path is not a valid .psd1: $($_.Exception.Message)"
    }
    foreach ($key in $source.Keys) {
        if ($key -notin $SourceKeys) {
            Add-Problem "${CommandName}: unknown key '$key' in $Path (known: $($SourceKeys -join ', '))."
        }
    }
    foreach ($key in 'Parameters', 'ParameterDefaults') {
        if (-not $source.ContainsKey($key) -or $null -eq $source[$key]) { $source[$key] = @{} }
    }
    foreach ($key in 'Inputs', 'Outputs', 'Examples', 'Links') {
        $source[$key] = @($(if ($source.ContainsKey($key)) { $source[$key] }) | Where-Object { $null -ne $_ })
    }
    foreach ($key in 'Synopsis', 'Description', 'Notes') {
        if (-not $source.ContainsKey($key)) { $source[$key] = '' }
    }
    $source
}

function Write-CommandHelp([System.Xml.XmlWriter] $Xml, [System.Management.Automation.CommandInfo] $Command, [hashtable] $Source) {
    $name = $Command.Name
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)
    # Every documented parameter, in the order of the default set, then whatever the other sets add.
    $names = [System.Collections.Generic.List[string]]::new()
    foreach ($set in $sets) {
        foreach ($p in $set.Parameters) {
            if (-not $Excluded.Contains($p.Name) -and -not $names.Contains($p.Name)) { $names.Add($p.Name) }
        }
    }
    foreach ($documented in $Source.Parameters.Keys) {
        if ($documented -notin $names) {
            Add-Problem "${name}: the help source describes -$documented, which the cmdlet does not have."
        }
    }
    $describe = {
        param([string] $ParameterName)
        $text = $Source.Parameters[$ParameterName]
        if ([string]::IsNullOrWhiteSpace($text)) { $text = $StandardText[$ParameterName] }
        if ([string]::IsNullOrWhiteSpace($text)) {
            Add-Problem "${name}: -$ParameterName has no description in the help source."
            $text = ''
        }
        $text
    }

    $Xml.WriteStartElement('command', 'command', $CommandNs)
    $Xml.WriteAttributeString('xmlns', 'maml', $null, $MamlNs)
    $Xml.WriteAttributeString('xmlns', 'dev', $null, $DevNs)

    $Xml.WriteStartElement('details', $CommandNs)
    $Xml.WriteElementString('name', $CommandNs, $name)
    $Xml.WriteElementString('verb', $CommandNs, $Command.Verb)
    $Xml.WriteElementString('noun', $CommandNs, $Command.Noun)
    Write-Description $Xml $Source.Synopsis
    $Xml.WriteEndElement()

    Write-Description $Xml $Source.Description

    $Xml.WriteStartElement('syntax', $CommandNs)
    foreach ($set in $sets) {
        $Xml.WriteStartElement('syntaxItem', $CommandNs)
        $Xml.WriteElementString('name', $MamlNs, $name)
        $inSet = @($set.Parameters | Where-Object { -not $Excluded.Contains($_.Name) })
        # As Get-Command shows it: positional parameters, then mandatory named ones, then the rest.
        $ordered = @($inSet | Where-Object Position -GE 0 | Sort-Object Position) +
            @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) +
            @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        foreach ($p in $ordered) {
            Write-Parameter -Xml $Xml -Name $p.Name -Occurrences @($p) -Description (& $describe $p.Name) -Default $Source.ParameterDefaults[$p.Name] -InSyntax
        }
        $Xml.WriteEndElement()
    }
    $Xml.WriteEndElement()

    $Xml.WriteStartElement('parameters', $CommandNs)
    foreach ($parameterName in ($names | Sort-Object)) {
        $occurrences = @($sets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $parameterName })
        Write-Parameter -Xml $Xml -Name $parameterName -Occurrences $occurrences -Description (& $describe $parameterName) -Default $Source.ParameterDefaults[$parameterName]
    }
    $Xml.WriteEndElement()

    $Xml.WriteStartElement('inputTypes', $CommandNs)
    foreach ($input in $Source.Inputs) {
        $Xml.WriteStartElement('inputType', $CommandNs)
        $Xml.WriteStartElement('type', $DevNs)
        $Xml.WriteElementString('name', $MamlNs, $input.Type)
        $Xml.WriteEndElement()
        Write-Description $Xml $input.Description
        $Xml.WriteEndElement()
    }
    $Xml.WriteEndElement()

    $documentedOutputs = @($Source.Outputs | ForEach-Object Type)
    foreach ($declared in @($Command.OutputType | ForEach-Object Name)) {
        if ($declared -notin $documentedOutputs) {
            Add-Problem "${name}: the output type $declared ([OutputType]) is not described under Outputs."
        }
    }
    $Xml.WriteStartElement('returnValues', $CommandNs)
    foreach ($output in $Source.Outputs) {
        $Xml.WriteStartElement('returnValue', $CommandNs)
        $Xml.WriteStartElement('type', $DevNs)
        $Xml.WriteElementString('name', $MamlNs, $output.Type)
        $Xml.WriteEndElement()
        Write-Description $Xml $output.Description
        $Xml.WriteEndElement()
    }
    $Xml.WriteEndElement()

    $Xml.WriteStartElement('alertSet', $MamlNs)
    $Xml.WriteStartElement('alert', $MamlNs)
    Write-Paragraphs $Xml $Source.Notes
    $Xml.WriteEndElement()
    $Xml.WriteEndElement()

    $Xml.WriteStartElement('examples', $CommandNs)
    $number = 0
    foreach ($example in $Source.Examples) {
        $number++
        $Xml.WriteStartElement('example', $CommandNs)
        $Xml.WriteElementString('title', $MamlNs, "--------- Example ${number}: $($example.Title) ---------")
        $Xml.WriteElementString('code', $DevNs, ([string]$example.Code).Replace("`r`n", "`n").Trim())
        $Xml.WriteStartElement('remarks', $DevNs)
        Write-Paragraphs $Xml $example.Remarks
        $Xml.WriteElementString('para', $MamlNs, '')   # a blank line before the next example
        $Xml.WriteEndElement()
        $Xml.WriteEndElement()
    }
    $Xml.WriteEndElement()

    $Xml.WriteStartElement('relatedLinks', $CommandNs)
    foreach ($link in $Source.Links) {
        $Xml.WriteStartElement('navigationLink', $MamlNs)
        $Xml.WriteElementString('linkText', $MamlNs, $link)
        $Xml.WriteElementString('uri', $MamlNs, '')
        $Xml.WriteEndElement()
    }
    $Xml.WriteEndElement()

    $Xml.WriteEndElement()
}

$module = Import-Module (Resolve-Path $ModulePath).ProviderPath -PassThru -Force
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
if ($commands.Count -eq 0) {
    throw "$ModulePath exports no cmdlets."
}
$assemblies = @($commands | ForEach-Object { $_.ImplementingType.Assembly.GetName().Name } | Sort-Object -Unique)
if ($assemblies.Count -ne 1) {
    throw "The cmdlets come from $($assemblies.Count) assemblies ($($assemblies -join ', ')); one help file per assembly is not implemented."
}

$sourceDir = (Resolve-Path $SourcePath).ProviderPath
foreach ($orphan in Get-ChildItem $sourceDir -Filter *.psd1 -File) {
    if ($orphan.BaseName -notin $commands.Name) {
        Add-Problem "$($orphan.Name): no exported cmdlet is called $($orphan.BaseName)."
    }
}

$outputDir = Split-Path $OutputPath -Parent
if ($outputDir) { New-Item $outputDir -ItemType Directory -Force | Out-Null }
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"
$xml = [System.Xml.XmlWriter]::Create([IO.Path]::GetFullPath($OutputPath), $settings)
$written = 0
try {
    $xml.WriteStartDocument()
    $xml.WriteStartElement('helpItems', 'http://msh')
    $xml.WriteAttributeString('schema', 'maml')
    foreach ($command in $commands) {
        $path = Join-Path $sourceDir "$($command.Name).psd1"
        if (-not (Test-Path -LiteralPath $path)) {
            Add-Problem "$($command.Name): no help source $path (create one with tools/New-HelpSource.ps1 -Name $($command.Name))."
            continue
        }
        Write-CommandHelp $xml $command (Read-HelpSource $path $command.Name)
        $written++
    }
    $xml.WriteEndElement()
    $xml.WriteEndDocument()
}
finally {
    $xml.Dispose()
}

"Help: $written of $($commands.Count) cmdlets written to $OutputPath, $($script:Problems.Count) problems."
