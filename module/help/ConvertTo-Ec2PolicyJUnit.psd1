# Help source for ConvertTo-Ec2PolicyJUnit. Format: module/help/README.md.
@{
    Synopsis    = 'Converts policy test results to JUnit XML, one test case per policy document, for CI test reports.'

    Description = @'
ConvertTo-Ec2PolicyJUnit collects the results of Test-Ec2PolicyResourceSupport from the pipeline and writes one JUnit XML report: a testsuites element with one testsuite, and one testcase per policy document, named after the document (a file's path relative to -BasePath, a policy ARN with its version id, or an inline policy such as role/app/ec2).

A document with Error findings is a failed test case: the failure message counts the errors and names their codes, and its text lists each one with its line, statement, Sid, code and message. A document that could not be read (invalid JSON, not a policy, a missing file) is a test case in error, with the error id as its type. Warning and Information findings go to the test case's system-out. Every other document passes.

Documents without findings only exist in the output of Test-Ec2PolicyResourceSupport -PassThru, which writes one result per document, so pipe that to count every policy file as a test case. Plain findings work too, but then only the documents that have findings appear in the report.

Jenkins, GitLab (artifacts:reports:junit), Azure DevOps (PublishTestResults) and the GitHub test report actions read this format. The report is written at the end of the pipeline: returned as one string, or, with -OutFile, written to a UTF-8 file.
'@

    Parameters  = @{
        InputObject = @'
Per-document results (PolicyTools.Analysis.PolicyTestResult, from Test-Ec2PolicyResourceSupport -PassThru) or findings (PolicyTools.Analysis.PolicyFinding), usually from the pipeline. Findings are grouped into documents by Source, PolicyArn and VersionId. Other objects give a ReportInputNotSupported error and are skipped.
'@
        OutFile     = @'
Writes the report to this file instead of returning it, replacing the file if it exists. The folder must exist. Supports -WhatIf and -Confirm.
'@
        BasePath    = @'
The folder that file names in the report are relative to. Relative paths are resolved from the current location.
'@
        SuiteName   = @'
The name of the test suite, also used as the class name of every test case.
'@
    }

    ParameterDefaults = @{
        BasePath  = 'The current location'
        SuiteName = 'PolicyTools'
    }

    Inputs      = @(
        @{ Type = 'PolicyTools.Analysis.PolicyTestResult'; Description = 'Per-document results of Test-Ec2PolicyResourceSupport -PassThru.' }
        @{ Type = 'PolicyTools.Analysis.PolicyFinding'; Description = 'Findings of Test-Ec2PolicyResourceSupport.' }
    )

    Outputs     = @(
        @{ Type = 'System.String'; Description = 'The JUnit XML, when -OutFile is not given. With -OutFile the cmdlet writes nothing to the pipeline.' }
    )

    Notes       = @'
The report carries no timings (time="0"): the analysis of a document takes milliseconds and does not depend on the CI machine.
'@

    Examples    = @(
        @{
            Title   = 'Publish the policy checks of a repository as test results'
            Code    = @'
Test-Ec2PolicyResourceSupport -Path ./policies/*.json -PassThru | ConvertTo-Ec2PolicyJUnit -OutFile ./out/policy-tests.xml

# GitLab: artifacts: { reports: { junit: out/policy-tests.xml } }
# Azure DevOps: - task: PublishTestResults@2  inputs: { testResultsFormat: JUnit, testResultsFiles: out/policy-tests.xml }
'@
            Remarks = @'
Every file under policies/ becomes a test case: the ones without Error findings pass, the others fail with the list of their errors.
'@
        }
        @{
            Title   = 'Look at the report of a few files'
            Code    = @'
Test-Ec2PolicyResourceSupport -Path ./examples/classic-describe-volumes*.json -PassThru | ConvertTo-Ec2PolicyJUnit -BasePath ./examples

<?xml version="1.0" encoding="utf-8"?>
<testsuites name="PolicyTools" tests="2" failures="1" errors="0" time="0">
  <testsuite name="PolicyTools" tests="2" failures="1" errors="0" skipped="0" time="0" timestamp="2026-08-20T09:30:00">
    <testcase name="classic-describe-volumes-fixed.json" classname="PolicyTools" file="classic-describe-volumes-fixed.json" time="0" />
    <testcase name="classic-describe-volumes.json" classname="PolicyTools" file="classic-describe-volumes.json" time="0">
      <failure message="2 errors: InvalidArn, ResourceLevelPermissionsNotSupported" type="Error">line 4, statement 0 (Stmt1414688041000): InvalidArn: ...
line 4, statement 0 (Stmt1414688041000): ResourceLevelPermissionsNotSupported: This Allow grants nothing for ec2:DescribeVolumes: ...</failure>
    </testcase>
  </testsuite>
</testsuites>
'@
            Remarks = @'
Without -OutFile the report is returned as a string.
'@
        }
        @{
            Title   = 'Report an account audit as one test case per policy version'
            Code    = @'
Get-IAMAccountAuthorizationDetail | Test-Ec2PolicyResourceSupport -AllVersions -PassThru |
    ConvertTo-Ec2PolicyJUnit -SuiteName "IAM policies of $((Get-STSCallerIdentity).Account)" -OutFile ./iam-audit.xml
'@
            Remarks = @'
Managed policies are named by ARN and version id (arn:aws:iam::123456789012:policy/Ops (v3)), inline policies as role/<RoleName>/<PolicyName>.
'@
        }
    )

    Links       = @(
        'about_PolicyTools'
        'Test-Ec2PolicyResourceSupport'
        'ConvertTo-Ec2PolicySarif'
    )
}
