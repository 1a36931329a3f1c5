using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;

namespace PolicyTools.Reports;

/// <summary>What a finding code means, in words: the rule descriptions of SARIF and the reference in the docs.</summary>
public sealed class FindingRule
{
    public FindingRule(string code, string title, string description, string help, FindingSeverity defaultSeverity)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Description = description ?? throw new ArgumentNullException(nameof(description));
        Help = help ?? throw new ArgumentNullException(nameof(help));
        DefaultSeverity = defaultSeverity;
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
}

/// <summary>The description of every finding code (<see cref="FindingCodes.All"/>).</summary>
public static class FindingRules
{
    // Test-IamPolicyResourceSupport: severities outside EC2 come from AWS's documentation (ServiceSeverity).
    private const string OutsideEc2 =
        "Outside EC2 an Error only for actions AWS's documentation says need \"*\" or their resource types (data/service-evidence.yaml), "
        + "a Warning otherwise; request forms AWS documents and the reference leaves out (log-group:NAME:*, IAM user paths) give no finding.";

    private static readonly FindingRule[] s_all =
    {
        new(FindingCodes.ResourceLevelPermissionsNotSupported,
            "The action does not support resource-level permissions, so only \"Resource\": \"*\" works for it.",
            "A statement reaches an action that has no resource types (nearly every ec2:Describe* action) and its Resource is not \"*\". "
            + "EC2 authorizes such a call against \"*\": an Allow grants nothing (the call fails with UnauthorizedOperation although the IAM policy simulator says it is allowed) "
            + "and a Deny denies nothing. Information instead of Error when another statement of the same effect covers the action. " + OutsideEc2,
            "Move the named actions into a statement of their own with \"Resource\": \"*\" and the same Effect and Condition, and keep the ARNs for the actions that accept them. "
            + "Repair-Ec2PolicyResource does this.",
            FindingSeverity.Error),
        new(FindingCodes.ResourceTypeMismatch,
            "None of the statement's resources can be an ARN of a type the action accepts.",
            "The action supports resource-level permissions, but no Resource of the statement can match an ARN of any of its resource types "
            + "(ec2:DeleteSnapshot on volume/*). An Allow grants nothing for it and a Deny never applies to it. "
            + "Information instead of Error when another statement of the same effect covers the action. " + OutsideEc2,
            "Name ARNs of the resource types the action accepts (Get-Ec2ActionCapability lists them), or move the action to the statement that names them.",
            FindingSeverity.Error),
        new(FindingCodes.RequiredResourceTypeMissing,
            "A required resource type of the action is allowed by no Allow statement of the policy.",
            "A request for a multi-resource action carries one ARN of each required resource type, and every one must be allowed. "
            + "Across all Allow statements in which the action is effective, some required type is matched by none: "
            + "ec2:RunInstances allowed on instance/* alone also needs image, network-interface, security-group and subnet. "
            + "Reported only for services whose required types are known to be all needed in one request (EC2): elsewhere the reference's Required flag often marks alternatives.",
            "Allow ARNs of the missing types, in the same or another statement, for example arn:aws:ec2:us-east-1::image/* and "
            + "arn:aws:ec2:us-east-1:123456789012:subnet/*. Repair-Ec2PolicyResource adds them in the region and account already granted.",
            FindingSeverity.Error),
        new(FindingCodes.InvalidArn,
            "A malformed ARN, or one that can never match what it seems to name.",
            "A Resource that is not an ARN (fewer than six parts, an unknown partition, a malformed region), that carries a placeholder account such as AWS_ACCOUNT_ID, "
            + "that has an account on a type whose ARNs have none (image, snapshot), or that names an EC2 resource type that does not exist (volumes/). "
            + "Error where the ARN can never match, Warning otherwise (a policy variable under Version 2008-10-17).",
            "Write a 12-digit account id, a region name such as us-east-1, no account in image and snapshot ARNs (arn:aws:ec2:us-east-1::image/*), "
            + "and a resource type EC2 has (volume, not volumes).",
            FindingSeverity.Error),
        new(FindingCodes.UnknownAction,
            "An ec2: action or pattern that matches no action in the capability map.",
            "The action name, or the wildcard pattern, matches no EC2 action in the capability map: a typo (ec2:DescribeVolume), "
            + "or an action newer than the map; the message gives the map's date. The statement grants or denies nothing by it.",
            "Check the spelling (Get-Ec2ActionCapability ec2:Describe* lists the real names). If the action is newer than the map, "
            + "build a current map with ConvertTo-Ec2CapabilityMap from the AWS service reference JSON and pass it with -CapabilityMapPath.",
            FindingSeverity.Warning),
        new(FindingCodes.ConditionKeyNotSupported,
            "The statement conditions on a key that requests for the action never carry.",
            "The Condition tests a key that is neither global nor one of the action's own or its resource types' condition keys, without an ...IfExists operator: "
            + "the condition is never met, so an Allow never grants the action (Error) and a Deny never denies it (Warning). "
            + "Outside EC2 at most a Warning: the reference's condition-key lists there are incomplete.",
            "Use a condition key the action supports (Get-Ec2ActionCapability lists them), move the action to a statement without that condition, "
            + "or use the ...IfExists form of the operator if skipping the check for it is intended.",
            FindingSeverity.Error),
    };

    private static readonly Dictionary<string, FindingRule> s_byCode = s_all.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every rule, in the order of <see cref="FindingCodes.All"/>.</summary>
    public static IReadOnlyList<FindingRule> All => s_all;

    /// <summary>The rule of a code, or null for a code this version does not know.</summary>
    public static FindingRule? Find(string code) =>
        code is not null && s_byCode.TryGetValue(code, out var rule) ? rule : null;
}
