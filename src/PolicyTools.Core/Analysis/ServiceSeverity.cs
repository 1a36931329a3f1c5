using System.Collections.Generic;
using System;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Matching;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// How sure a finding outside EC2 can be, from what AWS documents (<see cref="ServiceEvidence"/>):
/// the rules reason from the Service Authorization Reference alone, which outside EC2 leaves out
/// request forms, lists incomplete condition keys and marks alternatives as Required. Applied to a
/// service's findings right after its rules ran:
/// <list type="bullet">
/// <item>a service whose reference is trusted (EC2) keeps every finding as the rules made it;</item>
/// <item>actions whose statement can match a documented request form (CloudWatch Logs' <c>log-group:name:*</c>, IAM's user paths) lose their ResourceLevelPermissionsNotSupported, ResourceTypeMismatch and InvalidArn findings;</item>
/// <item>ResourceLevelPermissionsNotSupported and ResourceTypeMismatch stay Errors only for actions AWS documents as needing <c>"*"</c> or their resource types, and are Warnings otherwise;</item>
/// <item>RequiredResourceTypeMissing is dropped unless the service's required types are known to be all needed in one request;</item>
/// <item>ConditionKeyNotSupported is at most a Warning.</item>
/// </list>
/// Information findings (another statement makes the policy work) are kept as they are.
/// </summary>
internal static class ServiceSeverity
{
    /// <summary>What the rule descriptions (SARIF, the docs) say about severities outside EC2.</summary>
    public const string OutsideEc2 =
        "Outside EC2 an Error only for actions AWS's documentation says need \"*\" or their resource types (data/service-evidence.yaml), "
        + "a Warning otherwise (an ARN that fits none of the reference's ARN formats too); request forms AWS documents and the reference leaves out (log-group:NAME:*, IAM user paths) give no finding.";

    /// <summary>
    /// Weighs the findings the rules added through <paramref name="context"/> (those of
    /// <paramref name="findings"/> from <paramref name="start"/> on), and the context's typed copies with them.
    /// </summary>
    public static void Apply(AnalysisContext context, ServiceEvidence evidence, List<PolicyFinding> findings, int start)
    {
        if (findings.Count == start || evidence.TrustReference is not null) return;
        var service = context.Service;
        var document = context.Document;
        var source = context.Source;
        // Each weighed finding with the position of the finding it came from, for its typed copy.
        var rewritten = new List<(PolicyFinding Finding, int From)>(findings.Count - start);
        for (var i = start; i < findings.Count; i++)
        {
            var finding = findings[i];
            var from = i - start;
            var statement = document.Statements[finding.StatementIndex];
            switch (finding.Code)
            {
                case FindingCodes.ResourceLevelPermissionsNotSupported:
                case FindingCodes.ResourceTypeMismatch:
                    if (finding.Severity == FindingSeverity.Information) rewritten.Add((finding, from));
                    else foreach (var weighed in Reassess(evidence, service, document, statement, source, finding)) rewritten.Add((weighed, from));
                    break;
                case FindingCodes.RequiredResourceTypeMissing:
                    if (evidence.RequiredTypesAllNeeded is not null) rewritten.Add((finding, from));
                    break;
                case FindingCodes.ConditionKeyNotSupported:
                    rewritten.Add((finding.Severity == FindingSeverity.Error
                        ? With(finding, source, FindingSeverity.Warning, finding.Actions, finding.Resources,
                            finding.Message + $" (A Warning: the reference's condition-key lists for {service.Prefix} are not complete.)")
                        : finding, from));
                    break;
                case FindingCodes.InvalidArn:
                    if (WithoutRequestForms(evidence, document, source, finding) is { } kept) rewritten.Add((kept, from));
                    break;
                default:
                    rewritten.Add((finding, from));
                    break;
            }
        }

        var analyzed = context.Analyzed;
        if (analyzed.Count == findings.Count - start)
        {
            var typed = new List<AnalyzedFinding>(rewritten.Count);
            foreach (var (finding, from) in rewritten)
            {
                var original = analyzed[from];
                typed.Add(ReferenceEquals(original.Finding, finding) ? original : new AnalyzedFinding(finding, original.View, ActionsNamed(original.Actions, finding.Actions)));
            }
            context.ReplaceAnalyzed(typed);
        }
        findings.RemoveRange(start, findings.Count - start);
        foreach (var (finding, _) in rewritten) findings.Add(finding);
    }

    private static IReadOnlyList<ActionCapability> ActionsNamed(IReadOnlyList<ActionCapability> actions, IReadOnlyList<string> names)
    {
        var set = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        var kept = new List<ActionCapability>(names.Count);
        foreach (var action in actions) if (set.Contains(action.FullName)) kept.Add(action);
        return kept;
    }

    private static List<PolicyFinding> Reassess(ServiceEvidence evidence, ServiceCapabilities service, PolicyDocument document, PolicyStatement statement, PolicySource source, PolicyFinding finding)
    {
        var output = new List<PolicyFinding>(2);
        var starOnly = finding.Code == FindingCodes.ResourceLevelPermissionsNotSupported;
        var forms = statement.IsNotResource || !AnyCovered(evidence, finding.Actions) ? null : new RequestFormMatch(evidence, Patterns(statement, document.AllowsPolicyVariables));
        List<string>? documented = null, undocumented = null;
        DocumentationEvidence? cited = null;
        foreach (var action in finding.Actions)
        {
            if (forms is not null && forms.Accepts(action)) continue;
            var proof = starOnly ? evidence.StarOnlyEvidence(action) : evidence.ResourceTypeEvidence(action);
            if (proof is null)
            {
                (undocumented ??= new List<string>()).Add(action);
                continue;
            }
            cited ??= proof;
            (documented ??= new List<string>()).Add(action);
        }
        var allow = string.Equals(finding.Effect, nameof(PolicyEffect.Allow), StringComparison.Ordinal);
        if (documented is not null)
        {
            var message = starOnly
                ? $"{(allow ? "This Allow grants nothing for" : "This Deny denies nothing for")} {FindingText.Actions(documented)}: AWS documents that {(documented.Count == 1 ? "it is" : "they are")} authorized only against \"Resource\": \"*\" ({cited!.Url}), "
                  + (allow ? "so the request is denied." : "so this Deny never applies to them.")
                : $"{(allow ? "This Allow grants nothing for" : "This Deny denies nothing for")} {FindingText.Actions(documented)}: AWS documents that {(documented.Count == 1 ? "it is" : "they are")} authorized against {TypesOf(service, documented)} ({cited!.Url}), and none of the statement's resources can be one, "
                  + (allow ? "so the request is denied." : "so this Deny never applies to them.");
            output.Add(With(finding, source, FindingSeverity.Error, new ValueList(documented), finding.Resources, message));
        }
        if (undocumented is not null)
        {
            var names = FindingText.Actions(undocumented);
            var message = starOnly
                ? $"{(allow ? "This Allow may grant nothing for" : "This Deny may deny nothing for")} {names}: the Service Authorization Reference lists no resource types for {FindingText.ItThey(undocumented.Count)}, so {service.Prefix} may authorize {FindingText.ItThey(undocumented.Count)} only against \"Resource\": \"*\" "
                  + "(a Warning: outside EC2 the reference is not always complete, and PolicyTools knows no AWS documentation that confirms it)."
                : $"{(allow ? "This Allow may grant nothing for" : "This Deny may deny nothing for")} {names}: none of the statement's resources can be an ARN of a type the Service Authorization Reference lists for {FindingText.ItThey(undocumented.Count)}{ListedTypes(service, undocumented)} "
                  + "(a Warning: outside EC2 the reference's ARN formats are not always complete).";
            output.Add(With(finding, source, FindingSeverity.Warning, new ValueList(undocumented), finding.Resources, message));
        }
        return output;
    }

    // InvalidArn says "can never match"; a documented request form (backup's recovery-point ARNs) says otherwise.
    private static PolicyFinding? WithoutRequestForms(ServiceEvidence evidence, PolicyDocument document, PolicySource source, PolicyFinding finding)
    {
        if (!AnyCovered(evidence, finding.Actions)) return finding;
        List<string>? kept = null;
        var message = finding.Message;
        foreach (var resource in finding.Resources)
        {
            var forms = new RequestFormMatch(evidence, new[] { ArnPattern.Parse(resource, document.AllowsPolicyVariables) });
            var formMatches = false;
            foreach (var action in finding.Actions)
            {
                if (forms.Accepts(action)) { formMatches = true; break; }
            }
            if (!formMatches)
            {
                (kept ??= new List<string>()).Add(resource);
                continue;
            }
            message = WithoutReason(message, resource);
        }
        if (kept is null) return null;
        return kept.Count == finding.Resources.Count ? finding : With(finding, source, finding.Severity, finding.Actions, new ValueList(kept), message);
    }

    // InvalidArn messages are "reason; reason." with each reason starting with the quoted resource.
    private static string WithoutReason(string message, string resource)
    {
        var body = message.EndsWith(".", StringComparison.Ordinal) ? message.Substring(0, message.Length - 1) : message;
        var parts = new List<string>(body.Split(new[] { "; " }, StringSplitOptions.None));
        parts.RemoveAll(p => p.StartsWith("'" + resource + "'", StringComparison.Ordinal));
        return parts.Count == 0 ? message : string.Join("; ", parts) + ".";
    }

    /// <summary>
    /// Whether some resource of a statement can be a documented request form of an action. Whether a
    /// form's ARNs meet the resources does not depend on the action: worked out once per form, since
    /// a finding may name hundreds of actions (s3:*) that one form (logs:*) covers.
    /// </summary>
    private sealed class RequestFormMatch
    {
        private readonly ServiceEvidence _evidence;
        private readonly IReadOnlyList<ArnPattern> _patterns;
        private readonly bool?[] _formMeetsResources;

        public RequestFormMatch(ServiceEvidence evidence, IReadOnlyList<ArnPattern> patterns)
        {
            _evidence = evidence;
            _patterns = patterns;
            _formMeetsResources = new bool?[evidence.RequestForms.Count];
        }

        public bool Accepts(string action)
        {
            var forms = _evidence.RequestForms;
            for (var f = 0; f < forms.Count; f++)
            {
                if (!forms[f].Covers(action)) continue;
                if (_formMeetsResources[f] ??= Meets(forms[f])) return true;
            }
            return false;
        }

        private bool Meets(DocumentedActions form)
        {
            foreach (var template in form.Templates)
                foreach (var pattern in _patterns)
                    if (pattern.CanMatch(template)) return true;
            return false;
        }
    }

    // Whether a request form speaks of any of the actions: otherwise no resource need be parsed.
    private static bool AnyCovered(ServiceEvidence evidence, IReadOnlyList<string> actions)
    {
        var forms = evidence.RequestForms;
        if (forms.Count == 0) return false;
        for (var a = 0; a < actions.Count; a++)
            for (var f = 0; f < forms.Count; f++)
                if (forms[f].Covers(actions[a])) return true;
        return false;
    }

    private static ArnPattern[] Patterns(PolicyStatement statement, bool variablesAllowed)
    {
        var patterns = new ArnPattern[statement.Resources.Count];
        for (var i = 0; i < patterns.Length; i++) patterns[i] = ArnPattern.Parse(statement.Resources[i], variablesAllowed);
        return patterns;
    }

    private static string TypesOf(ServiceCapabilities service, List<string> actions)
    {
        var names = new List<string>();
        foreach (var name in actions)
            foreach (var type in service.GetAction(name)?.ResourceTypes ?? Array.Empty<ActionResourceType>())
                if (!names.Contains(type.Name)) names.Add(type.Name);
        return names.Count == 0 ? "its resource types' ARNs" : FindingText.Join(names, "or") + " ARNs";
    }

    private static string ListedTypes(ServiceCapabilities service, List<string> actions) =>
        actions.Count == 1 && service.GetAction(actions[0]) is { } action && action.ResourceTypes.Count > 0
            ? " (" + FindingText.Names(Names(action.ResourceTypes)) + ")"
            : "";

    private static List<string> Names(IReadOnlyList<ActionResourceType> types)
    {
        var names = new List<string>(types.Count);
        foreach (var type in types) names.Add(type.Name);
        return names;
    }

    private static PolicyFinding With(PolicyFinding finding, PolicySource source, FindingSeverity severity, ValueList actions, ValueList resources, string message) =>
        new(source, finding.StatementIndex, finding.Sid, finding.Effect, finding.Code, severity, actions, resources, message, finding.Line ?? 0);
}
