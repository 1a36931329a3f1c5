using System;

namespace PolicyTools.Analysis;

/// <summary>
/// What a finding code means, in words: the rule descriptions of SARIF, the reference in the docs,
/// and why <c>Repair-Ec2PolicyResource</c> leaves its findings. Each rule of
/// <c>Analysis/Rules/&lt;Code&gt;Rule.cs</c> carries its own.
/// </summary>
internal sealed class FindingRule
{
    /// <summary>What an unrepaired finding of a code without any other reason says.</summary>
    public const string NoRepairForCode = "Repair-Ec2PolicyResource does not repair this kind of finding";

    public FindingRule(string code, string title, string description, string help, FindingSeverity defaultSeverity, string? notRepaired = null)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Description = description ?? throw new ArgumentNullException(nameof(description));
        Help = help ?? throw new ArgumentNullException(nameof(help));
        DefaultSeverity = defaultSeverity;
        NotRepaired = notRepaired ?? NoRepairForCode;
    }

    /// <summary>The finding code, e.g. <c>ResourceLevelPermissionsNotSupported</c>.</summary>
    public string Code { get; }

    /// <summary>One sentence: what is wrong.</summary>
    public string Title { get; }

    /// <summary>When the rule fires and what it costs.</summary>
    public string Description { get; }

    /// <summary>How to fix it.</summary>
    public string Help { get; }

    /// <summary>The usual severity; some findings of the code are milder (see <see cref="Description"/>).</summary>
    public FindingSeverity DefaultSeverity { get; }

    /// <summary>
    /// Why a finding of the code is left as it is, when the repair gives no reason of its own
    /// (for a code the repair fixes: why it did not apply to this statement).
    /// </summary>
    public string NotRepaired { get; }
}
