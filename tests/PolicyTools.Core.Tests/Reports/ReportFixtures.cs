using System.Collections.Generic;
using System.IO;
using PolicyTools.Analysis;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Tests.Reports;

/// <summary>Real findings of real policies, for the report writers.</summary>
internal static class ReportFixtures
{
    public const string Classic = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "Stmt1414688041000",
              "Effect": "Allow",
              "Action": ["ec2:DescribeVolumes"],
              "Resource": ["arn:aws:ec2:us-east-1:AWS_ACCOUNT_ID:volume/*"]
            }
          ]
        }
        """;

    public const string Clean = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}""";

    // UnknownAction (Warning) only: the typo matches nothing, the statement is otherwise fine.
    public const string Typo = """
        {"Version":"2012-10-17",
         "Statement":[
          {"Sid":"Typo","Effect":"Allow","Action":"ec2:DescribeVolume","Resource":"*"}]}
        """;

    // The same mismatch in two Allow statements, one of which makes the action work: Information.
    public const string CoveredElsewhere = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"arn:aws:ec2:us-east-1:123456789012:volume/*"},
          {"Effect":"Allow","Action":"ec2:DescribeVolumes","Resource":"*"}]}
        """;

    public static string BasePath { get; } = Path.Combine(Path.GetTempPath(), "policytools-report-tests", "repo");

    public static string FileUnderBase(params string[] parts) => Path.Combine(BasePath, Path.Combine(parts));

    public static PolicyTestResult Analyse(string json, string sourceName, string? policyArn = null, string? versionId = null)
    {
        var source = new PolicySource(sourceName, policyArn, versionId);
        IReadOnlyList<PolicyFinding> findings = PolicyAnalyzer.For(TestMaps.Ec2).Analyze(PolicyParser.Parse(json), source);
        return new PolicyTestResult(source, findings);
    }

    public static PolicyTestResult Unreadable(string sourceName)
    {
        try
        {
            PolicyParser.Parse("{\"Version\": \"2012-10-17\", \"Statement\": [ {");
        }
        catch (PolicyParseException ex)
        {
            return new PolicyTestResult(new PolicySource(sourceName), ex.ErrorId, ex.Message, ex.Line);
        }
        throw new System.InvalidOperationException("The truncated JSON parsed.");
    }
}
