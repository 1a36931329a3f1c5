using System.Runtime.CompilerServices;
using System.Threading;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Policies;

namespace PolicyTools.Commands.Hosting;

/// <summary>
/// Does, once per process and on a thread-pool thread, what a session's first check would
/// otherwise do in front of the administrator: read EC2's capability map and the facts files, and
/// run the parser and the rules once over a small policy, so that their code is loaded and
/// compiled. An interactive session imports the module seconds before its first command; a script
/// that checks right away shares the work with this thread instead of waiting for it.
/// </summary>
internal static class SessionWarmUp
{
    private const string SamplePolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[" +
        "{\"Effect\":\"Allow\",\"Action\":[\"ec2:DescribeVolumes\",\"ec2:AttachVolume\"],\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:volume/*\"}," +
        "{\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"arn:aws:ec2:*:*:instance/*\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}}]}";

    private static int s_started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref s_started, 1) == 1) return;
        ThreadPool.QueueUserWorkItem(_ => Run());
    }

    private static void Run()
    {
        try
        {
            Analyze();
        }
        catch (System.Exception)
        {
            // Nothing to report here: whatever failed fails again, with its error record, in the
            // command that needs it.
        }
    }

    // Not inlined into Run, so that loading the engine's types happens inside the try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Analyze() =>
        PolicyAnalyzer.For(CapabilityMap.Default.Only(CapabilityMaps.DefaultService))
            .Analyze(PolicyParser.Parse(SamplePolicy), new PolicySource("PolicyTools warm-up"));
}
