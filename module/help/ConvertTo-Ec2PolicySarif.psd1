# Help source for ConvertTo-Ec2PolicySarif. Format: module/help/README.md.
@{
    Synopsis    = 'Converts policy findings to a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.'

    Description = @'
ConvertTo-Ec2PolicySarif collects the findings of Test-Ec2PolicyResourceSupport from the pipeline and writes them as one SARIF 2.1.0 log (Static Analysis Results Interchange Format), the format that GitHub code scanning (github/codeql-action/upload-sarif), Azure DevOps and the SARIF viewers of Visual Studio and VS Code read.

The log has one run whose tool is PolicyTools, with one rule per finding code (id, name, short and full description, help text and default level) and one result per finding: the rule id, the level (error, warning or note for Error, Warning and Information), the finding's message, and the location. For a policy file the location is the file's path relative to -BasePath (the current location by default), with forward slashes, and the line of the statement, so that code scanning shows the alert on that line; files outside -BasePath get an absolute file URI. Documents that are not files (policy ARNs, inline policies such as role/app/ec2) get a logical location instead. The finding's Source, PolicyArn, VersionId, StatementIndex, Sid, Effect, Actions and Resources are kept in the result's properties.

Input can be findings, or the per-document results of Test-Ec2PolicyResourceSupport -PassThru: their findings become results, and documents that could not be read (invalid JSON, a missing file) become error notifications of the run. Objects with the same property names work too, for example findings received from a thread job, from ForEach-Object -Parallel, or read back with Import-Csv.

The log is written at the end of the pipeline: returned as one string, or, with -OutFile, written to a UTF-8 file (without BOM).
'@

    Parameters  = @{
        InputObject = @'
Findings (PolicyTools.Analysis.PolicyFinding) or per-document results (PolicyTools.Analysis.PolicyTestResult, from Test-Ec2PolicyResourceSupport -PassThru), usually from the pipeline. Other objects give a ReportInputNotSupported error and are skipped.
'@
        OutFile     = @'
Writes the log to this file instead of returning it, replacing the file if it exists. The folder must exist. Supports -WhatIf and -Confirm.
'@
        BasePath    = @'
The folder that the file locations in the log are relative to; for GitHub code scanning, the root of the repository checkout. Relative paths are resolved from the current location.
'@
    }

    ParameterDefaults = @{
        BasePath = 'The current location'
    }

    Inputs      = @(
        @{ Type = 'PolicyTools.Analysis.PolicyFinding'; Description = 'Findings of Test-Ec2PolicyResourceSupport.' }
        @{ Type = 'PolicyTools.Analysis.PolicyTestResult'; Description = 'Per-document results of Test-Ec2PolicyResourceSupport -PassThru.' }
    )

    Outputs     = @(
        @{ Type = 'System.String'; Description = 'The SARIF log as JSON text, when -OutFile is not given. With -OutFile the cmdlet writes nothing to the pipeline.' }
    )

    Notes       = @'
GitHub code scanning needs a physical location to show an alert, so give it findings of policy files in the repository, with -BasePath at (or the current location in) the checkout root. The rules are the finding codes described in about_PolicyTools; every log lists all of them, so that an alert that is no longer found is closed.

An empty pipeline gives a valid log without results, which is what code scanning should receive when every policy is fine.
'@

    Examples    = @(
        @{
            Title   = 'Upload the findings of a repository''s policy files to GitHub code scanning'
            Code    = @'
# .github/workflows/policies.yml, in a pwsh step with PolicyTools installed:
Test-Ec2PolicyResourceSupport -Path ./policies/*.json | ConvertTo-Ec2PolicySarif -OutFile ./policies.sarif

# next step:
#   - uses: github/codeql-action/upload-sarif@v3
#     with:
#       sarif_file: policies.sarif
#       category: iam-policies
'@
            Remarks = @'
Run from the root of the checkout, the locations are relative to it (policies/app.json, line 4), which is what code scanning expects. Each finding becomes an alert on the line of its statement.
'@
        }
        @{
            Title   = 'Keep unreadable files in the log'
            Code    = @'
Test-Ec2PolicyResourceSupport -Path ./policies/*.json -PassThru -ErrorAction SilentlyContinue |
    ConvertTo-Ec2PolicySarif -OutFile ./out/policies.sarif -BasePath $PWD
'@
            Remarks = @'
With -PassThru, a file that is not valid JSON or not a policy is reported as an error notification of the run (with its error id, such as PolicyJsonInvalid, and line) instead of being lost on the error stream.
'@
        }
        @{
            Title   = 'Look at the log of an account audit'
            Code    = @'
$sarif = Get-IAMAccountAuthorizationDetail | Test-Ec2PolicyResourceSupport | ConvertTo-Ec2PolicySarif
($sarif | ConvertFrom-Json).runs[0].results | Group-Object ruleId | Select-Object Count, Name

Count Name
----- ----
   12 ResourceLevelPermissionsNotSupported
    3 InvalidArn
    1 RequiredResourceTypeMissing
'@
            Remarks = @'
Without -OutFile the log is returned as a string. Findings of IAM documents have a logical location that names the policy ARN or the inline policy (role/app/ec2) and the statement.
'@
        }
        @{
            Title   = 'See what would be written'
            Code    = @'
Test-Ec2PolicyResourceSupport -Path ./policies/*.json | ConvertTo-Ec2PolicySarif -OutFile ./policies.sarif -WhatIf

What if: Performing the operation "Write a SARIF log of 3 documents and 5 findings" on target "/home/ana/repo/policies.sarif".
'@
            Remarks = @'
-WhatIf and -Confirm apply to writing the file.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Test-Ec2PolicyResourceSupport'
        'ConvertTo-Ec2PolicyJUnit'
    )
}
