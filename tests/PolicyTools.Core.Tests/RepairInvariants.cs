using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Inputs;
using PolicyTools.Matching;
using PolicyTools.Policies;
using PolicyTools.Repair;
using Xunit;

namespace PolicyTools.Tests;

/// <summary>The properties every repair must have, checked on one input and its result.</summary>
internal static class RepairInvariants
{
    private static readonly string[] s_repairedCodes = FindingRepairs.All.Select(r => r.Code).ToArray();

    /// <summary>Every property, for a repair made with <paramref name="map"/> (the embedded map when null).</summary>
    public static void Check(string original, PolicyRepairResult result, RepairOptions options, CapabilityMap? map = null)
    {
        var plain = PolicyText.Decode(original);
        Consistent(original, result);
        Idempotent(result, options, map: map);
        NoWidening(plain, result.PolicyDocument, map);
        UntouchedStatementsKept(plain, result.PolicyDocument, map);
        SidsUniqueAndValid(plain, result.PolicyDocument);
        RepairedCodesGoneOrExplained(result, map);
    }

    /// <summary>
    /// The result describes its input: OriginalDocument is the input as plain JSON, and an
    /// unchanged result hands back exactly that text, while a changed one says what changed.
    /// </summary>
    public static void Consistent(string original, PolicyRepairResult result)
    {
        Assert.Equal(PolicyText.Decode(original), result.OriginalDocument);
        Assert.Equal(result.Changed, result.PolicyDocument != result.OriginalDocument);
        if (result.Changed) Assert.NotEmpty(result.Changes);
    }

    /// <summary>
    /// Repairing the repaired document changes nothing. The source matters when no SizeLimit is
    /// given: it picks IAM's limit, and a fix left out for size under one limit may fit another.
    /// </summary>
    public static void Idempotent(PolicyRepairResult result, RepairOptions options, PolicySource? source = null, CapabilityMap? map = null)
    {
        var again = RepairTestSupport.Repair(result.PolicyDocument, options, source, map);
        Assert.False(again.Changed, "A second repair changed the document: " + string.Join(" | ", again.Changes));
        Assert.Equal(result.PolicyDocument, again.PolicyDocument);
    }

    /// <summary>
    /// Every action (of any service) and request resource the original allows, the repaired allows
    /// under a Condition no stricter; it allows nothing more, except actions without resource-level
    /// permissions on <c>*</c> (that a statement of the original named, under at least its
    /// Condition) and the missing required types of actions that lacked them; and it denies at
    /// least what the original denied. Actions of services the map does not know may act on
    /// anything, so no statement that reaches them may gain a resource.
    /// </summary>
    public static void NoWidening(string original, string repaired, CapabilityMap? map = null)
    {
        var (before, after) = PermissionModel.Pair(original, repaired, map);
        foreach (var grant in before.Allow)
        {
            foreach (var conditions in grant.Value)
            {
                Assert.True(PermissionModel.GrantedWithin(after.Allow, grant.Key, conditions),
                    $"The repair lost Allow {before.Space.ActionOf(grant.Key)} on {before.Space.ResourceOf(grant.Key)} (Condition {string.Join("; ", conditions)}).");
            }
        }
        foreach (var grant in before.Deny)
        {
            foreach (var conditions in grant.Value)
            {
                Assert.True(PermissionModel.GrantedWithin(after.Deny, grant.Key, conditions),
                    $"The repair lost Deny {before.Space.ActionOf(grant.Key)} on {before.Space.ResourceOf(grant.Key)} (Condition {string.Join("; ", conditions)}).");
            }
        }

        var document = PolicyParser.Parse(original);
        var findings = RepairTestSupport.Analyze(original, map);
        var missingTypes = findings
            .Where(f => f.Code == FindingCodes.RequiredResourceTypeMissing && f.Severity == FindingSeverity.Error)
            .SelectMany(f => f.Actions)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var grant in after.Allow)
        {
            var action = after.Space.ActionOf(grant.Key);
            var resource = after.Space.ResourceOf(grant.Key);
            foreach (var conditions in grant.Value)
            {
                if (before.Allow.TryGetValue(grant.Key, out var was) && was.Any(c => c.IsSubsetOf(conditions))) continue;
                if (action.Known is { } known)
                {
                    if (!known.SupportsResourceLevelPermissions && resource == "*" && NamedByAllow(document, after.Space, action, conditions)) continue;
                    if (missingTypes.Contains(known.FullName) && IsOfRequiredType(action, resource)) continue;
                }
                Assert.Fail($"The repair widened Allow {action} on {resource} (Condition {string.Join("; ", conditions)}).");
            }
        }
    }

    private static bool NamedByAllow(PolicyDocument document, PermissionModel.Universe space, PermissionModel.ModelAction action, HashSet<string> conditions) =>
        document.Statements.Any(s =>
            s.Effect == PolicyEffect.Allow
            && s.Actions.Any(p => space.Named(p)[action.Id]) != s.IsNotAction
            && s.Conditions.Select(PermissionModel.Test).All(conditions.Contains));

    private static bool IsOfRequiredType(PermissionModel.ModelAction action, string resource) =>
        action.Known!.RequiredResourceTypes.Any(t => action.Service!.GetResourceType(t.Name)!.ArnFormats.Any(f => PermissionModel.Universe.IsOf(resource, f)));

    /// <summary>Statements without a repaired error (other services' among them) are written exactly as they were, in order; so are Version and the top-level keys.</summary>
    public static void UntouchedStatementsKept(string original, string repaired, CapabilityMap? map = null)
    {
        var findings = RepairTestSupport.Analyze(original, map);
        var touched = findings
            .Where(f => f.Severity == FindingSeverity.Error && s_repairedCodes.Contains(f.Code))
            .Select(f => f.StatementIndex)
            .ToHashSet();
        var before = Enumerable.Range(0, RepairTestSupport.StatementCount(original))
            .Where(i => !touched.Contains(i))
            .Select(i => RepairTestSupport.Canonical(RepairTestSupport.Statement(original, i)))
            .ToList();
        var after = Enumerable.Range(0, RepairTestSupport.StatementCount(repaired))
            .Select(i => RepairTestSupport.Canonical(RepairTestSupport.Statement(repaired, i)))
            .ToList();
        var position = 0;
        foreach (var statement in before)
        {
            while (position < after.Count && after[position] != statement) position++;
            Assert.True(position < after.Count, "An untouched statement is missing or out of order: " + statement);
            position++;
        }

        using var a = JsonDocument.Parse(original);
        using var b = JsonDocument.Parse(repaired);
        Assert.Equal(a.RootElement.EnumerateObject().Select(p => p.Name), b.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var property in a.RootElement.EnumerateObject())
        {
            if (property.Name == "Statement") continue;
            Assert.Equal(RepairTestSupport.Canonical(property.Value), RepairTestSupport.Canonical(b.RootElement.GetProperty(property.Name)));
        }
    }

    /// <summary>Sids stay unique (IAM rejects duplicates); the ones the repair made use only letters and digits.</summary>
    public static void SidsUniqueAndValid(string original, string repaired)
    {
        var before = PolicyParser.Parse(original).Statements.Select(s => s.Sid).Where(s => s is not null).ToList();
        var after = PolicyParser.Parse(repaired).Statements.Select(s => s.Sid).Where(s => s is not null).ToList();
        var beforeUnique = before.Distinct(StringComparer.OrdinalIgnoreCase).Count() == before.Count;
        if (beforeUnique) Assert.Equal(after.Count, after.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var sid in after.Except(before, StringComparer.Ordinal)) Assert.True(SidAllocator.IsValid(sid!), $"New Sid '{sid}' is not [A-Za-z0-9]+.");
    }

    /// <summary>No error of a repaired code is left unless the result says why it could not be repaired.</summary>
    public static void RepairedCodesGoneOrExplained(PolicyRepairResult result, CapabilityMap? map = null)
    {
        var remaining = RepairTestSupport.Analyze(result.PolicyDocument, map)
            .Where(f => f.Severity == FindingSeverity.Error && s_repairedCodes.Contains(f.Code))
            .ToList();
        foreach (var finding in remaining)
        {
            var listed = result.Unrepaired.FirstOrDefault(u => u.Code == finding.Code && u.StatementIndex == finding.StatementIndex);
            Assert.True(listed is not null, $"{finding.Code} in statement {finding.StatementIndex} is left and not in Unrepaired: {finding.Message}");
            Assert.Contains("Not repaired: ", listed!.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(UnrepairedFindings.DefaultReason(finding.Code), listed.Message, StringComparison.Ordinal);
        }
    }
}
