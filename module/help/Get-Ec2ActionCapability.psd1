# Help source for Get-Ec2ActionCapability. Format: module/help/README.md.
@{
    Synopsis    = 'Shows what EC2 actions accept: access level, resource types with their ARN formats, and condition keys.'

    Description = @'
Get-Ec2ActionCapability looks actions up in the capability map that Test-Ec2PolicyResourceSupport uses (the AWS Service Authorization Reference embedded in the module, or the map given with -CapabilityMapPath) and writes one ActionCapabilityInfo per action: its access level, whether it supports resource-level permissions at all, the resource types it can be scoped to (each with its ARN formats, whether every request carries it, and its condition keys), the condition keys of the action, and the actions it depends on.

It answers the questions behind the findings: may ec2:DescribeVolumes be scoped to volume ARNs (no: "*" only), which resource types must an Allow for ec2:RunInstances cover (image, instance, network-interface, security-group and subnet), what does an instance ARN look like.

Names are case-insensitive, with or without the ec2: prefix, and IAM wildcards work as in a policy (ec2:Describe*, ec2:*Volume*). Each action is written once, however many patterns match it. A name or pattern that matches nothing gives an ActionNotFound error that says whether the service is not in the map or the action is unknown (misspelt, or newer than the map), and the next name is looked up.

Findings can be piped in: their Actions bind to -Action, so a finding's actions are shown with what they accept. Action names complete with Tab.
'@

    Parameters  = @{
        Action            = @'
Action names or IAM patterns: ec2:DescribeVolumes, RunInstances, ec2:Describe*. Case-insensitive; names without a prefix are EC2 actions. Binds strings from the pipeline, and by property name the Actions of findings or the Action of any object. Without it, every action of the map is written.
'@
        CapabilityMapPath = @'
A capability map file (written by ConvertTo-Ec2CapabilityMap) to look the actions up in instead of the embedded map. A file that does not exist or is not a valid map is a terminating error that names the file and line. Tab completion of -Action uses this map when it is already on the command line.
'@
    }

    ParameterDefaults = @{
        Action            = 'Every action of the map (*)'
        CapabilityMapPath = 'The embedded map'
    }

    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Action names or patterns.' }
        @{ Type = 'PolicyTools.Analysis.PolicyFinding'; Description = 'Findings of Test-Ec2PolicyResourceSupport: their Actions are looked up. Any object with an Action or Actions property works the same way.' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Capabilities.ActionCapabilityInfo'; Description = 'One per action: Action (ec2:RunInstances), Service, Name, AccessLevel (List, Read, Write, Permissions management, Tagging), SupportsResourceLevelPermissions, ResourceTypes (ResourceTypeInfo objects with Action, Name, Required, ArnFormats, ConditionKeys, ConditionKeysForAction and DependentActions; shown as "image*, instance*" with * after a required type), RequiredResourceTypes, ConditionKeys and DependentActions. The console shows a table of action, access level, resource-level support and resource types.' }
    )

    Notes       = @'
The facts are those of the map's date; Get-Ec2CapabilityMap shows it. For an action that AWS added later, convert AWS's current service reference JSON with ConvertTo-Ec2CapabilityMap and pass it with -CapabilityMapPath.

A required resource type (Required True, shown with a *) is one that every request for the action carries: an Allow statement must cover it, or the request is denied. Required is empty (shown as ?) where the source did not say.

The command never calls AWS.
'@

    Examples    = @(
        @{
            Title   = 'Check interactively whether an action can be scoped to ARNs'
            Code    = @'
Get-Ec2ActionCapability ec2:DescribeVolumes, ec2:AttachVolume, ec2:DetachVolume

Action                                     AccessLevel  ResourceLevel ResourceTypes
------                                     -----------  ------------- -------------
ec2:DescribeVolumes                        List         False         "*" only
ec2:AttachVolume                           Write        True          instance*, volume*
ec2:DetachVolume                           Write        True          instance, volume*
'@
            Remarks = @'
ec2:DescribeVolumes supports no resource-level permissions, so only "Resource": "*" grants it. ec2:AttachVolume needs both an instance and a volume ARN allowed (the * marks a required type); for ec2:DetachVolume the instance is optional.
'@
        }
        @{
            Title   = 'See the resource types and ARN formats that an Allow for RunInstances must cover'
            Code    = @'
Get-Ec2ActionCapability RunInstances | Select-Object -ExpandProperty ResourceTypes | Where-Object Required

   Action: ec2:RunInstances

Name                         Required ArnFormats
----                         -------- ----------
image                        True     arn:${Partition}:ec2:${Region}::image/${ImageId}
instance                     True     arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}
network-interface            True     arn:${Partition}:ec2:${Region}:${Account}:network-interface/${NetworkInterfaceId}
security-group               True     arn:${Partition}:ec2:${Region}:${Account}:security-group/${SecurityGroupId}
subnet                       True     arn:${Partition}:ec2:${Region}:${Account}:subnet/${SubnetId}
'@
            Remarks = @'
Before repairing a RequiredResourceTypeMissing finding by hand: these are the resource types every RunInstances request carries, with the ARN format of each. Images have no account in their ARN.
'@
        }
        @{
            Title   = 'Explain the findings of an account audit'
            Code    = @'
Get-IAMAccountAuthorizationDetail | Test-Ec2PolicyResourceSupport |
    Where-Object Code -EQ ResourceLevelPermissionsNotSupported |
    Get-Ec2ActionCapability
'@
            Remarks = @'
The Actions of each finding bind to -Action, so this lists, once each, the actions that the account's policies wrongly scope to ARNs, with what they accept.
'@
        }
        @{
            Title   = 'Find the Describe actions that do accept resource ARNs'
            Code    = @'
Get-Ec2ActionCapability 'ec2:Describe*' | Where-Object SupportsResourceLevelPermissions

Action                                     AccessLevel  ResourceLevel ResourceTypes
------                                     -----------  ------------- -------------
ec2:DescribeClientVpnAuthorizationRules    List         True          client-vpn-endpoint*
ec2:DescribeImageAttribute                 List         True          image*
ec2:DescribeInstanceAttribute              List         True          instance*
...
'@
            Remarks = @'
Patterns work as in a policy. Most Describe actions are "*" only; these few are the ones a policy may scope to ARNs.
'@
        }
        @{
            Title   = 'Look an action up in a newer map'
            Code    = @'
Get-Ec2ActionCapability ec2:DescribeVolume

Get-Ec2ActionCapability: No action matches 'ec2:DescribeVolume' in the embedded capability map dated 2026-09-26: check the spelling, or, if the action is newer than the map, convert a newer AWS service reference with ConvertTo-Ec2CapabilityMap and give it with -CapabilityMapPath.

Get-Ec2ActionCapability ec2:DescribeVolume* -CapabilityMapPath ./ec2-map.yaml
'@
            Remarks = @'
An unknown name is a non-terminating error (ActionNotFound). The second command uses a map converted from AWS's current JSON, and a pattern to find the right spelling.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Test-Ec2PolicyResourceSupport'
        'Get-Ec2CapabilityMap'
        'ConvertTo-Ec2CapabilityMap'
    )
}
