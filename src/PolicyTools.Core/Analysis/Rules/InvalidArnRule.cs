using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Matching;

namespace PolicyTools.Analysis.Rules;

/// <summary>
/// <c>InvalidArn</c>: a Resource or NotResource entry of a statement about the service that is
/// malformed or can never match (unknown partition, malformed region or account such as
/// <c>AWS_ACCOUNT_ID</c>, an account on an account-less type such as <c>image</c>, a resource
/// type that does not exist such as <c>volumes/</c>, another service's ARN). Error where it can
/// never match; Warning where it only might not (policy variables that the version makes literal).
/// </summary>
internal sealed class InvalidArnRule : IPolicyRule
{
    public const string Code = "InvalidArn";

    public FindingRule Finding { get; } = new(
        Code,
        title: "A malformed ARN, or one that can never match what it seems to name.",
        description: "A Resource that is not an ARN (fewer than six parts, an unknown partition, a malformed region), that carries a placeholder account such as AWS_ACCOUNT_ID, "
            + "that has an account on a type whose ARNs have none (image, snapshot), or that names an EC2 resource type that does not exist (volumes/). "
            + "Error where the ARN can never match, Warning otherwise (a policy variable under Version 2008-10-17). "
            + "Outside EC2 an ARN of the service that fits none of the reference's ARN formats (or another service's ARN) is a Warning, "
            + "unless AWS documents that the statement's actions are authorized against their resource types.",
        help: "Write a 12-digit account id, a region name such as us-east-1, no account in image and snapshot ARNs (arn:aws:ec2:us-east-1::image/*), "
            + "and a resource type EC2 has (volume, not volumes).",
        defaultSeverity: FindingSeverity.Error,
        notRepaired: "the ARN's intended value cannot be known; correct it by hand");

    public void Check(AnalysisContext context)
    {
        foreach (var view in context.Views)
        {
            if (!view.HasResources || view.Reached.Count == 0) continue;
            List<Problem>? errors = null, warnings = null;
            var unproven = false;
            for (var i = 0; i < view.Matches.Length; i++)
            {
                var match = view.Matches[i];
                var pattern = match.Pattern;
                var aboutService = view.NamesServiceExplicitly || pattern.Service == context.Service.Prefix;
                if (!aboutService) continue;
                var literalVariables = pattern.HasLiteralVariableText
                    ? $"'{pattern.Text}' contains ${{…}}, which is literal text under \"Version\": \"{context.Document.Version ?? "(none, so 2008-10-17)"}\" (policy variables need \"Version\": \"2012-10-17\")"
                    : null;
                var error = NeverMatchesReason(context, view, match, out var onlyWarning, out var restsOnReference);
                if (error is not null && restsOnReference && !ReferenceProves(context, view))
                {
                    onlyWarning = true;
                    unproven = true;
                }
                if (error is not null) (onlyWarning ? warnings ??= new() : errors ??= new()).Add(new Problem(pattern.Text, error));
                else if (literalVariables is not null) (warnings ??= new()).Add(new Problem(pattern.Text, literalVariables));
            }
            Report(context, view, FindingSeverity.Error, errors, null);
            Report(context, view, FindingSeverity.Warning, warnings, unproven ? UnprovenNote(context) : null);
        }
    }

    /// <summary>
    /// Outside a service whose reference AWS vouches for (EC2), an entry that only fails to fit the
    /// reference's ARN formats may still be what the service authorizes: AWS's own policies scope
    /// ssmmessages:OpenDataChannel to ssm session ARNs and SSM documents owned by AWS to ARNs with
    /// no account. It is an Error there only when AWS documents that every action the statement
    /// reaches is authorized against its resource types (data/service-evidence.yaml).
    /// </summary>
    private static bool ReferenceProves(AnalysisContext context, StatementView view)
    {
        var evidence = context.Evidence;
        if (evidence.TrustReference is not null) return true;
        if (evidence.ResourceTypes.Count == 0 || view.Reached.Count == 0) return false;
        foreach (var action in view.Reached)
            if (evidence.ResourceTypeEvidence(action.FullName) is null) return false;
        return true;
    }

    private static string UnprovenNote(AnalysisContext context) =>
        $" (a Warning: outside EC2 the reference's ARN formats are not always complete, and PolicyTools knows no AWS documentation that says {context.Service.Prefix} authorizes these actions only against them)";

    private static void Report(AnalysisContext context, StatementView view, FindingSeverity severity, List<Problem>? problems, string? note)
    {
        if (problems is null || problems.Count == 0) return;
        var message = string.Join("; ", problems.Select(p => p.Reason));
        // Name the partitions that exist once, however many entries name one that does not.
        if (problems.Any(p => context.Matches.Get(p.Resource, context.Document.AllowsPolicyVariables).Pattern.HasUnknownPartition))
            message += $" (the partitions are {FindingText.Join(ArnPattern.KnownPartitions, "and")})";
        message += note + ".";
        context.Add(view, FindingCodes.InvalidArn, severity, view.Reached.Names, problems.Select(p => p.Resource), char.ToUpperInvariant(message[0]) + message.Substring(1));
    }

    private static string? NeverMatchesReason(AnalysisContext context, StatementView view, ResourceMatch match, out bool onlyWarning, out bool restsOnReference)
    {
        // All but the foreign-service reason depend on the entry and the service alone: worked
        // out once per cached entry, not once per document.
        onlyWarning = false;
        var verdict = match.InvalidArnVerdict;
        restsOnReference = verdict.RestsOnReference;
        if (!verdict.Foreign) return verdict.Reason;
        restsOnReference = true;
        // In NotResource another service's ARN only fails to exclude anything; beside resources
        // that serve the statement's actions it is only dead weight.
        var reason = ForeignServiceReason(view, context.Service, match.Pattern);
        if (reason is null) return null;
        onlyWarning = view.Statement.IsNotResource || ServesSomeAction(view);
        return onlyWarning ? reason + ": no action of this statement uses it" : reason + ", so it matches none of their resources";
    }

    /// <summary>The verdict on an entry alone (<see cref="ResourceMatch.InvalidArnVerdict"/>).</summary>
    internal static EntryVerdict VerdictOf(ServiceCapabilities service, ResourceMatch match)
    {
        var reason = EntryReason(service, match, out var foreign, out var restsOnReference);
        return new(reason, foreign, reason is not null && restsOnReference);
    }

    internal sealed class EntryVerdict
    {
        public EntryVerdict(string? reason, bool foreign, bool restsOnReference)
        {
            Reason = reason;
            Foreign = foreign;
            RestsOnReference = restsOnReference;
        }

        public string? Reason { get; }

        /// <summary>
        /// The reason is that the entry fits none of the reference's ARN formats (a resource type,
        /// an account or region the formats lack), not that it is no ARN at all.
        /// </summary>
        public bool RestsOnReference { get; }

        /// <summary>A literal ARN of another service: whether it can match depends on the statement's actions.</summary>
        public bool Foreign { get; }
    }

    private static string? EntryReason(ServiceCapabilities service, ResourceMatch match, out bool foreign, out bool restsOnReference)
    {
        foreign = false;
        restsOnReference = false;
        var p = match.Pattern;
        var text = p.Text;
        if (p.IsStar) return null;
        if (!p.IsArn)
            return text.StartsWith("arn:", StringComparison.OrdinalIgnoreCase)
                ? $"'{text}' must start with lower-case 'arn:'"
                : $"'{text}' is neither \"*\" nor an ARN (arn:partition:service:region:account:resource)";
        var segments = p.Segments;
        if (segments.Count < 6 && !text.EndsWith("*", StringComparison.Ordinal) && !p.HasCrossingStar)
            return $"'{text}' has {segments.Count} of the six parts of an ARN (arn:partition:service:region:account:resource)";
        if (p.HasUnknownPartition)
            return $"'{text}' names partition '{p.Partition}', which does not exist, so it matches nothing";

        var serviceSegment = p.Service;
        if (serviceSegment is null || ArnPattern.IsWildcardSegment(serviceSegment)) return null;
        if (!string.Equals(serviceSegment, service.Prefix, StringComparison.Ordinal))
        {
            if (string.Equals(serviceSegment, service.Prefix, StringComparison.OrdinalIgnoreCase))
                return $"'{text}' writes the service as '{serviceSegment}'; ARNs use lower-case '{service.Prefix}', so it matches nothing";
            foreign = true;
            return null;
        }

        if (p.Region is { } region && region.Length > 0 && !ArnPattern.IsWildcardSegment(region) && !ArnSegment.IsRegion(region))
            return $"'{text}' has region '{region}', which is not a region name such as us-east-1, so it matches nothing";
        if (p.Account is { } account && account.Length > 0 && !ArnPattern.IsWildcardSegment(account) && !ArnSegment.IsAccount(account)
            && !(account == Facts.AwsOwnedResources.Account && match.AnyType))
            return $"'{text}' has account '{account}', which is not a 12-digit account id (a placeholder left in?), so it matches nothing";

        // From here on the entry is a well-formed ARN of the service: what follows compares it
        // with the reference's ARN formats.
        restsOnReference = true;
        var resource = p.Resource;
        if (resource is null) return match.AnyType ? null : $"'{text}' matches no {service.Prefix.ToUpperInvariant()} resource";
        var typeName = LiteralTypeName(resource);
        var candidates = service.ResourceTypes.Where(t => t.Templates.Any(tt => tt.Service == service.Prefix && Compatible(tt.ResourcePrefix, resource))).ToList();
        if (typeName is not null && candidates.Count == 0)
            return $"'{text}' names resource type '{typeName}', which {service.Prefix.ToUpperInvariant()} does not have";
        if (candidates.Count > 0 && p.Account is { } acct && acct.Length > 0 && !ArnPattern.IsWildcardSegment(acct)
            && candidates.All(t => t.Templates.All(tt => !tt.HasAccount)))
            return $"'{text}' has an account, but {FindingText.Join(candidates.Select(c => c.Name).ToList(), "and")} ARNs have none (arn:partition:{service.Prefix}:region::{candidates[0].Name}/…), so it matches nothing";
        if (candidates.Count > 0 && p.Region is { } r && r.Length > 0 && !ArnPattern.IsWildcardSegment(r)
            && candidates.All(t => t.Templates.All(tt => !tt.HasRegion)))
            return $"'{text}' has a region, but {FindingText.Join(candidates.Select(c => c.Name).ToList(), "and")} ARNs have none, so it matches nothing";
        if (candidates.Count > 0 && p.Account == "" && candidates.All(t => t.Templates.All(tt => tt.HasAccount)))
            return $"'{text}' has no account, but {FindingText.Join(candidates.Select(c => c.Name).ToList(), "and")} ARNs have one, so it matches nothing";
        if (candidates.Count > 0 && p.Region == "" && candidates.All(t => t.Templates.All(tt => tt.HasRegion)))
            return $"'{text}' has no region, but {FindingText.Join(candidates.Select(c => c.Name).ToList(), "and")} ARNs have one, so it matches nothing";
        if (!match.AnyType)
            return $"'{text}' matches no {service.Prefix.ToUpperInvariant()} resource ARN";
        return null;
    }

    private static string? ForeignServiceReason(StatementView view, ServiceCapabilities service, ArnPattern p)
    {
        // Only a statement whose every action names its service literally can be sure.
        var actionServices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in view.Statement.Actions)
        {
            var colon = action.IndexOf(':');
            if (view.Statement.IsNotAction || colon <= 0) return null;
            var prefix = action.Substring(0, colon);
            if (ArnPattern.IsWildcardSegment(prefix)) return null;
            actionServices.Add(prefix);
        }
        foreach (var action in view.Reached)
            foreach (var t in action.ResourceTypeIndexes)
                foreach (var template in service.ResourceTypes[t].Templates)
                    actionServices.Add(template.Service);
        if (actionServices.Contains(p.Service!)) return null;
        return $"'{p.Text}' is a '{p.Service}' ARN, but the statement's actions are {FindingText.Join(actionServices.Take(3).ToList(), "and")} actions";
    }

    private static bool ServesSomeAction(StatementView view)
    {
        foreach (var action in view.Reached) if (view.IsEffective(action)) return true;
        return false;
    }

    private static bool Compatible(string templatePrefix, string resource)
    {
        var n = Math.Min(templatePrefix.Length, resource.Length);
        for (var k = 0; k < n; k++)
        {
            var c = resource[k];
            if (c == '*' || c == '?' || c == '$') return true;
            if (c != templatePrefix[k]) return false;
        }
        return resource.Length >= templatePrefix.Length || n == resource.Length;
    }

    private static string? LiteralTypeName(string resource)
    {
        for (var k = 0; k < resource.Length; k++)
        {
            var c = resource[k];
            if (c == '*' || c == '?' || c == '$') return null;
            if (c == '/' || c == ':') return resource.Substring(0, k);
        }
        return null;
    }

    // A class, not a tuple: a List and LINQ over tuples are framework code that only the JIT can
    // compile; over a class they run the framework's precompiled shared code.
    private sealed class Problem
    {
        public Problem(string resource, string reason)
        {
            Resource = resource;
            Reason = reason;
        }

        public string Resource { get; }

        public string Reason { get; }
    }
}
