# Help source for Get-IamActionCapability. Format: module/help/README.md.
@{
    Synopsis    = 'Shows what the actions of any AWS service accept: access level, resource types (required or not, ARN formats), condition keys.'

    Description = @'
Get-IamActionCapability looks IAM actions of every AWS service up in the capability map and writes one ActionCapabilityInfo per action: its access level, whether it supports resource-level permissions (if not, only "Resource": "*" grants it), the resource types it can be scoped to with their ARN formats, which of them every request carries (Required), the condition keys of the action and of each action/resource type pair, and its dependent actions.

It is Get-Ec2ActionCapability for every service: the embedded map covers every service prefix of AWS's Service Authorization Reference, and each service's facts are read the first time one of its actions is asked for. Get-Ec2ActionCapability keeps answering for EC2 only.

Names and patterns are case-insensitive: ssm:StartSession, S3:listallmybuckets, s3:Get*, *:List*. A name without a prefix (ListBuckets) is looked up in every service. Tab completion offers service prefixes (ss<Tab> gives ssm:, sso:, ...) and then the actions of the service typed (ssm:Start<Tab>).
'@

    Parameters  = @{
        Action            = @'
Action names or IAM patterns of any service (* and ?), for example ssm:StartSession, s3:Get* or *:ListTagsForResource; a name without a prefix matches that action in every service. Binds from the pipeline, and by property name from Actions (findings) or Action. A name or pattern that matches nothing is an ActionNotFound error and the command goes on with the next.
'@
        CapabilityMapPath = @'
A capability map file or per-service folder (ConvertTo-IamCapabilityMap output) to look the actions up in instead of the embedded map. A file that does not exist or is not a valid map is a terminating error that names the file and line.
'@
    }

    ParameterDefaults = @{
        CapabilityMapPath = 'The embedded map'
    }

    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Action names or patterns.' }
        @{ Type = 'PolicyTools.Analysis.PolicyFinding'; Description = 'Findings of Test-Ec2PolicyResourceSupport: their Actions are looked up (they bind by property name).' }
    )

    Outputs     = @(
        @{ Type = 'PolicyTools.Capabilities.ActionCapabilityInfo'; Description = 'One per action, once even when several patterns match it: Action, Service, Name, AccessLevel, SupportsResourceLevelPermissions, ResourceTypes (Name, Required, ArnFormats, ConditionKeys, DependentActions), RequiredResourceTypes, ConditionKeys and DependentActions (null when the map does not know them). The console shows a table.' }
    )

    Notes       = @'
Errors are non-terminating: ActionNotFound for a name or pattern that matches no action (the message says whether the map lacks the whole service). A -CapabilityMapPath that cannot be used is a terminating error (CapabilityMapNotFound, CapabilityMapInvalid).

A pattern whose service part has a wildcard (*:List*) or a name without a prefix reads every service of the map (a few hundred milliseconds, once per session); a literal prefix reads only that service. Required is null where AWS's reference does not say whether the type is required (283 pairs outside EC2 in the embedded map); such pairs are treated as optional. Get-IamCapabilityMap shows which map is in use and how old it is.
'@

    Examples    = @(
        @{
            Title   = 'Check what an action of another service needs'
            Code    = @'
Get-IamActionCapability ssm:StartSession, s3:ListAllMyBuckets

Action                                     AccessLevel  ResourceLevel ResourceTypes
------                                     -----------  ------------- -------------
ssm:StartSession                           Write                 True document, instance, managed-instance, session
s3:ListAllMyBuckets                        List                 False "*" only
'@
            Remarks = @'
s3:ListAllMyBuckets supports no resource-level permissions: a statement that allows it on arn:aws:s3:::* grants nothing for it; only "Resource": "*" does.
'@
        }
        @{
            Title   = 'See the resource types and ARN formats of a family of actions'
            Code    = @'
Get-IamActionCapability s3:GetObject* | Select-Object -ExpandProperty ResourceTypes

   Action: s3:GetObject

Name                         Required ArnFormats
----                         -------- ----------
object                       True     arn:${Partition}:s3:::${BucketName}/${ObjectName}
'@
            Remarks = @'
Each resource type carries the action it belongs to, so the table is grouped by action.
'@
        }
        @{
            Title   = 'Find every service that has an action of that name'
            Code    = @'
Get-IamActionCapability ListTagsForResource | Group-Object AccessLevel | Select-Object Name, Count
'@
            Remarks = @'
A name without a prefix is looked up in every service of the map; a pattern like *:ListTagsForResource does the same.
'@
        }
        @{
            Title   = 'Look up the actions of findings'
            Code    = @'
Test-Ec2PolicyResourceSupport -Path ./policy.json | Get-IamActionCapability
'@
            Remarks = @'
Findings bind by their Actions property, so each action a finding names is described once.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Get-IamCapabilityMap'
        'Get-Ec2ActionCapability'
        'ConvertTo-IamCapabilityMap'
    )
}
