# Help source for Get-IamCapabilityMap. Format: module/help/README.md.
@{
    Synopsis    = 'Shows the capability map of every service: where its facts come from, their date and age, and per service what it covers.'

    Description = @'
Get-IamCapabilityMap describes the capability map of every AWS service: the map embedded in the module, or one written by ConvertTo-IamCapabilityMap (a file, or a -PerService folder) given with -CapabilityMapPath.

Without -Service it writes one CapabilityMapInfo for the whole map: source, date (the date of AWS's data, not of the build), age in days, the services it covers and the counts over all of them. Counting reads every service of the map once.

With -Service (wildcards allowed) it writes one ServiceCapabilityInfo per matching service instead: the service's prefix and name, its counts of actions, "*"-only actions, resource types, condition keys and pairs whose Required flag is unknown, and the map's source, date and age. Get-Ec2CapabilityMap keeps describing the EC2 part only.
'@

    Parameters  = @{
        CapabilityMapPath = @'
A capability map file or per-service folder (ConvertTo-IamCapabilityMap output) to describe; (embedded) or no value describes the map built into the module. Binds by property name the Path of ConvertTo-IamCapabilityMap output and of Get-ChildItem items (aliases Path and PSPath). A file that does not exist or is not a valid map is a terminating error that names the file and line.
'@
        Service           = @'
Service prefixes to describe one by one, for example s3, ec2* or * for all. A name that matches no service of the map is a ServiceNotFound error and the command goes on with the next. Tab completion offers the map's prefixes.
'@
    }

    ParameterDefaults = @{
        CapabilityMapPath = 'The embedded map'
        Service           = 'None: one summary of the whole map'
    }

    Inputs      = @(
        @{ Type = 'System.IO.FileInfo'; Description = 'Map files, for example from Get-ChildItem -Filter *.yaml (they bind by PSPath).' }
        @{ Type = 'PolicyTools.Capabilities.CapabilityMapInfo'; Description = 'ConvertTo-IamCapabilityMap output: the map just written is described (it binds by Path).' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Capabilities.CapabilityMapInfo'; Description = 'Without -Service: Path, IsEmbedded, Source, Date, AgeInDays, Services, ActionCount, StarOnlyActionCount, ResourceLevelActionCount, ActionWithRequiredResourceTypeCount, ResourceTypeCount, ActionResourceTypeCount, ConditionKeyCount, RequiredFlagUnknownCount and UnknownRequiredFlags, over every service. The console shows a list.' }
        @{ Type = 'PolicyTools.Capabilities.ServiceCapabilityInfo'; Description = 'With -Service, one per service: Service, ServiceName, Source, Date, AgeInDays, Path and the counts of that service. The console shows a table.' }
    )

    Notes       = @'
AgeInDays counts from the date of AWS's data. When the map's facts came from a file that recorded no date, ConvertTo-IamCapabilityMap took the file's last write time and says so in Source.

Errors: ServiceNotFound (non-terminating) for a -Service that matches nothing; a -CapabilityMapPath that cannot be used is terminating (CapabilityMapNotFound, CapabilityMapInvalid).
'@

    Examples    = @(
        @{
            Title   = 'See how old the facts are and what they cover'
            Code    = @'
Get-IamCapabilityMap | Format-List Date, AgeInDays, Source, ActionCount, StarOnlyActionCount
'@
            Remarks = @'
Before trusting an UnknownAction finding outside EC2, check that the map is recent; ConvertTo-IamCapabilityMap brings in newer data.
'@
        }
        @{
            Title   = 'Per service counts'
            Code    = @'
Get-IamCapabilityMap -Service s3, ssm, ec2

Service                  Actions StarOnly Types Unknown Date       Age ServiceName
-------                  ------- -------- ----- ------- ----       --- -----------
s3                           ...
'@
            Remarks = @'
One row per service: how many actions it has, how many only "Resource": "*" can grant, its resource types, and the pairs whose Required flag is unknown.
'@
        }
        @{
            Title   = 'The services where most actions need "*"'
            Code    = @'
Get-IamCapabilityMap -Service * | Sort-Object StarOnlyActionCount -Descending | Select-Object -First 10
'@
            Remarks = @'
Statements scoped to ARNs for these services' actions are the ones most likely to grant nothing.
'@
        }
        @{
            Title   = 'Check a converted map before using it'
            Code    = @'
ConvertTo-IamCapabilityMap -Path ./service-reference.json -OutFile ./all.yaml | Get-IamCapabilityMap -Service ec2
'@
            Remarks = @'
The conversion's output binds by Path, so the map just written is described.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Get-IamActionCapability'
        'ConvertTo-IamCapabilityMap'
        'Get-Ec2CapabilityMap'
    )
}
