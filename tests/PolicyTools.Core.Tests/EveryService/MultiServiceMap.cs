using System.Collections.Generic;
using System.Threading;
using System;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Tests.EveryService;

/// <summary>
/// The fixture map of twelve services (tests/fixtures/maps/multi-service.yaml: ec2, s3, iam, logs,
/// lambda, kms, sagemaker, cloudformation, eks, quicksight, bedrock, backup), written by the converter
/// from AWS's all-services reference; the embedded map has EC2 alone until every service is in it.
/// </summary>
internal static class MultiServiceMap
{
    private static readonly Lazy<CapabilityMap> s_map = new(() => CapabilityMap.LoadFile(TestFiles.Fixture("maps/multi-service.yaml")), LazyThreadSafetyMode.ExecutionAndPublication);

    public static CapabilityMap Map => s_map.Value;

    public static PolicyAnalyzer Analyzer => PolicyAnalyzer.For(Map);

    public static IReadOnlyList<PolicyFinding> Analyze(string json, ServiceScope? scope = null) =>
        Analyzer.Analyze(PolicyParser.Parse(json), new PolicySource("test-policy"), scope ?? ServiceScope.All);

    public static IReadOnlyList<PolicyFinding> AnalyzeStatements(params string[] statements) => Analyze(Policy.Document(statements));
}
