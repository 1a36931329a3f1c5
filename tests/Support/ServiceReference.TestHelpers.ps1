# Helpers for the capability-map Pester tests (dot-sourced in BeforeAll). They build service reference
# JSON variants from the repository's data/ec2-authorization-reference.json into $TestDrive; nothing is
# read from outside the repository.

$script:ServiceReferencePath = Join-Path $PSScriptRoot '../../data/ec2-authorization-reference.json'
$script:EmbeddedMapPath = Join-Path $PSScriptRoot '../../src/PolicyTools.Core/Data/capability-map/ec2.yaml'

$script:IamDataPath = Join-Path $PSScriptRoot '../../data/iam-data'

# The EC2 facts the embedded map is made of (data/iam-data, the newer scraped reference), in the
# shape of the service reference: Actions (Name, Resources with Name and Required) and Resources.
function Get-EmbeddedEc2Reference {
    $actions = (Get-Content -LiteralPath "$script:IamDataPath/actions/ec2.json" -Raw | ConvertFrom-Json -AsHashtable).Values | ForEach-Object {
        [pscustomobject]@{ Name = $_.name; Resources = @($_.resourceTypes | ForEach-Object { [pscustomobject]@{ Name = $_.name; Required = $_.required } }) }
    }
    $types = (Get-Content -LiteralPath "$script:IamDataPath/resourceTypes/ec2.json" -Raw | ConvertFrom-Json -AsHashtable).Values | ForEach-Object { [pscustomobject]@{ Name = $_.key } }
    [pscustomobject]@{ Actions = @($actions); Resources = @($types) }
}

# The repository's EC2 service reference (official format, 2026-08-20) as objects (a fresh copy on every call).
function Get-TestServiceReference {
    Get-Content -LiteralPath $script:ServiceReferencePath -Raw | ConvertFrom-Json -Depth 100
}

# Removes what AWS's own download (servicereference.us-east-1.amazonaws.com/v1/ec2/ec2.json) does not
# have: Required, AccessLevel, DependentActions, Description, Scenarios, ServiceName and _provenance.
function ConvertTo-OfficialShape([Parameter(Mandatory, ValueFromPipeline)] $Reference) {
    process {
        foreach ($name in '_provenance', 'ServiceName') { $Reference.PSObject.Properties.Remove($name) }
        foreach ($action in $Reference.Actions) {
            foreach ($name in 'AccessLevel', 'DependentActions', 'Description', 'Scenarios') { $action.PSObject.Properties.Remove($name) }
            foreach ($resource in $action.Resources) {
                foreach ($name in 'Required', 'DependentActions') { $resource.PSObject.Properties.Remove($name) }
            }
        }
        $Reference
    }
}

# The action object of a service reference.
function Get-TestAction($Reference, [string] $Name) {
    $Reference.Actions | Where-Object Name -EQ $Name
}

# Writes a service reference object as JSON into $TestDrive and returns the path.
function Save-TestServiceReference([Parameter(Mandatory)] $Reference, [Parameter(Mandatory)] [string] $Name) {
    $path = Join-Path $TestDrive $Name
    $Reference | ConvertTo-Json -Depth 100 | Set-Content -LiteralPath $path -Encoding utf8NoBOM
    $path
}

# The classic policy: ec2:DescribeVolumes scoped to volume ARNs (only "Resource": "*" works).
function Get-ClassicPolicy {
    '{ "Version": "2012-10-17", "Statement": [ { "Sid": "Stmt1414688041000", "Effect": "Allow", "Action": [ "ec2:DescribeVolumes" ], "Resource": [ "arn:aws:ec2:us-east-1:123456789012:volume/*" ] } ] }'
}
