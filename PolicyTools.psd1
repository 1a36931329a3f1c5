# Module manifest for PolicyTools. The source of truth: build.ps1 derives module/PolicyTools/PolicyTools.psd1
# from this file (paths made relative to the assembled folder), so the two never drift apart.
@{
    RootModule             = 'module/PolicyTools/PolicyTools.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '6f0c7b8e-3d5a-4c1e-9b7f-2a4e8d1c5f30'
    Author                 = 'PolicyTools contributors'
    CompanyName            = 'PolicyTools'
    Copyright              = '(c) PolicyTools contributors. MIT License.'
    Description            = 'Finds and repairs AWS IAM policy statements that cannot work: EC2 actions scoped to ARNs the action does not accept (ec2:DescribeVolumes on volume/*), missing required resource types, unsupported condition keys and invalid ARNs. Works on Get-IAMPolicyVersion, Get-IAMAccountAuthorizationDetail and policy files; never calls AWS.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('module/PolicyTools/PolicyTools.format.ps1xml')
    CmdletsToExport        = @(
        'Test-Ec2PolicyResourceSupport'
        'ConvertTo-Ec2PolicySarif'
        'ConvertTo-Ec2PolicyJUnit'
        'Get-Ec2ActionCapability'
        'Get-Ec2CapabilityMap'
        'ConvertTo-Ec2CapabilityMap'
        'Repair-Ec2PolicyResource'
        'Get-IamActionCapability'
        'Get-IamCapabilityMap'
        'ConvertTo-IamCapabilityMap'
        'Test-IamPolicyResourceSupport'
        'Repair-IamPolicyResource'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'IAM', 'EC2', 'Policy', 'Security', 'Audit', 'Lint', 'SARIF', 'JUnit', 'CI', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/policytools/PolicyTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/policytools/PolicyTools'
            ReleaseNotes = @'
0.1.0: first release.
- Test-Ec2PolicyResourceSupport: finds EC2 statements that cannot work (six finding codes, see about_PolicyTools) in policy files, JSON text and AWS.Tools.IdentityManagement objects; -Quiet for one boolean, -PassThru for one result per document.
- Repair-Ec2PolicyResource: repairs ResourceLevelPermissionsNotSupported and RequiredResourceTypeMissing without widening; results bind to New-IAMPolicyVersion and Write-IAM*Policy; files change only with -InPlace.
- Test-IamPolicyResourceSupport and Repair-IamPolicyResource: the same over every AWS service of the capability map (-Service to narrow); outside EC2 an Error only where AWS documents it.
- ConvertTo-Ec2PolicySarif and ConvertTo-Ec2PolicyJUnit: reports for CI (GitHub code scanning, JUnit test reports).
- Get-Ec2ActionCapability, Get-Ec2CapabilityMap and ConvertTo-Ec2CapabilityMap: look up what EC2 actions accept, see the map's date, and bring in a newer map from AWS's service reference JSON.
- Full help (Get-Help <cmdlet> -Full, about_PolicyTools) and console views.
'@
            # Produces the objects users pipe in; the module works without it and never loads it.
            ExternalModuleDependencies = @('AWS.Tools.IdentityManagement')
        }
    }
}
