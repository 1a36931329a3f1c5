using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// Repairs <c>ResourceLevelPermissionsNotSupported</c>: the statement's actions without
/// resource-level permissions go to a companion statement with <c>"Resource": "*"</c>, the same
/// Effect and Condition (plus the region and account every ARN of the statement names); the rest
/// stays scoped. A statement whose every action goes just gets <c>"*"</c> in place.
/// </summary>
/// <remarks>
/// Never widens an action that accepts ARNs. An Action pattern whose actions all lack
/// resource-level permissions moves as written; one that covers both kinds (<c>ec2:Describe*</c>)
/// is split in an Allow: the companion lists the exact actions without resource-level permissions
/// and the statement keeps the exact actions that accept ARNs. A Deny keeps such a pattern as
/// written, so it still denies what it names (and what AWS adds later under it). NotAction and
/// cross-service patterns (<c>*</c>) stay as written; the companion lists exact actions.
/// </remarks>
internal sealed class ResourceLevelPermissionsNotSupportedRepair : FindingRepair
{
    public ResourceLevelPermissionsNotSupportedRepair()
        : base(FindingCodes.ResourceLevelPermissionsNotSupported, "AnyResource")
    {
    }

    /// <summary>
    /// Works from the statement itself: every action it reaches without resource-level permissions
    /// moves. Where the service's reference is not trusted (outside EC2) only the actions of the
    /// Error findings move: the others' claim rests on the reference alone.
    /// </summary>
    public override void Plan(AnalysisContext context, StatementView view, IReadOnlyList<AnalyzedFinding> findings, RepairPlan plan, RepairOptions options)
    {
        var statement = view.Statement;
        var service = context.Service;
        HashSet<ActionCapability>? only = null;
        if (context.Evidence.TrustReference is null)
        {
            only = new HashSet<ActionCapability>();
            foreach (var finding in findings) only.UnionWith(finding.Actions);
        }
        if (statement.IsNotResource)
        {
            plan.NotRepaired(statement.Index, Code, "the statement uses NotResource, and which resources it meant to leave out for these actions is the author's call");
            return;
        }

        // Actions without resource-level permissions whose companion would work: its Condition
        // (the statement's) must be one their requests can meet.
        var movable = new HashSet<ActionCapability>();
        var stuckKeys = new List<string>();
        foreach (var action in view.Reached)
        {
            if (action.SupportsResourceLevelPermissions || (only is not null && !only.Contains(action))) continue;
            var keys = ConditionSupport.NeverCarriedOnStar(context, view, action);
            if (keys.Count == 0) movable.Add(action);
            else foreach (var key in keys) if (!stuckKeys.Contains(key)) stuckKeys.Add(key);
        }
        if (stuckKeys.Count > 0)
        {
            plan.NotRepaired(statement.Index, Code,
                $"requests for {(movable.Count == 0 ? "these actions" : "some of these actions")} never carry {FindingText.Quoted(stuckKeys, "or")}, so a \"Resource\": \"*\" statement with this Condition would not {(statement.Effect == PolicyEffect.Allow ? "grant" : "deny")} them either; whether to drop the condition is the author's call");
        }
        if (movable.Count == 0) return;

        // Each service's plan edits the same statement: the patterns another service's plan
        // already kept (its own moved actions gone) are where this one starts.
        var edit = plan.Edit(statement.Index);
        var patterns = (IReadOnlyList<string>?)edit.Actions ?? statement.Actions;
        var kept = new List<string>();
        var companion = new List<string>();
        var split = new List<(string Pattern, int Scoped, int Stuck)>();
        var everyPatternMoves = !statement.IsNotAction;
        var keptChanged = false;
        if (statement.IsNotAction)
        {
            companion.AddRange(view.Reached.Where(movable.Contains).Select(a => a.FullName));
        }
        else
        {
            foreach (var pattern in patterns)
            {
                var matches = service.Match(pattern);
                var moving = matches.Where(movable.Contains).ToList();
                if (!service.NamesServiceExplicitly(pattern) || matches.Count == 0 || moving.Count == 0)
                {
                    // Another service's action, a cross-service wildcard, an unknown action, or
                    // one that only takes ARNs: stays. A wildcard's movable actions go by name.
                    kept.Add(pattern);
                    companion.AddRange(moving.Select(a => a.FullName));
                    everyPatternMoves = false;
                    continue;
                }
                if (moving.Count == matches.Count)
                {
                    companion.Add(pattern);
                    keptChanged = true;
                    continue;
                }

                everyPatternMoves = false;
                companion.AddRange(moving.Select(a => a.FullName));
                if (statement.Effect == PolicyEffect.Deny)
                {
                    kept.Add(pattern);
                    continue;
                }
                var staying = matches.Where(a => !movable.Contains(a)).ToList();
                kept.AddRange(staying.Select(a => a.FullName));
                var scopedCount = staying.Count(a => a.SupportsResourceLevelPermissions);
                split.Add((pattern, scopedCount, staying.Count - scopedCount));
                keptChanged = true;
            }
        }
        companion = Distinct(companion);
        kept = Distinct(kept);
        var (compacted, prefixes) = options.CompactActions ? Compact(service, companion) : (0, 0);

        var scope = ScopeConditions(statement, service, options);
        var moved = movable.OrderBy(a => a.Index).Select(a => a.FullName).ToList();
        // "*" in place widens nothing in any service: every pattern names this service and every
        // action it matches is one that moves (NotAction, "*" and other services' patterns stay).
        if (everyPatternMoves)
        {
            edit.ResourceStar = true;
            edit.AddedConditions.AddRange(scope);
            var was = FindingText.Join(statement.Resources.Select(r => "\"" + r + "\"").ToList(), "and");
            plan.AddChange(statement.Index, n =>
                $"{ChangeText.Statement(n, statement)}: {FindingText.Actions(moved)} {(moved.Count == 1 ? "does" : "do")} not support resource-level permissions, so its Resource is now \"*\" (was {was}){ScopeText(scope)}.");
            return;
        }

        if (keptChanged) edit.Actions = kept;
        var added = new NewStatement(plan.Sids.Next(statement.Sid, SidSuffix), companion, new[] { "*" });
        added.AddedConditions.AddRange(scope);
        edit.Following.Add(added);
        plan.AddChange(statement.Index, n =>
        {
            var text = $"{ChangeText.Statement(n, statement)}: moved {FindingText.Actions(moved)} to new statement {n.Of(added)}{ChangeText.Sid(added.Sid)} with \"Resource\": \"*\" and the same Effect and Condition{ScopeText(scope)}, because {FindingText.DoesDo(moved.Count)} not support resource-level permissions.";
            foreach (var (pattern, scoped, stuck) in split)
            {
                text += $" {pattern} was split into exact actions:";
                if (scoped > 0) text += $" the {scoped} it covers that accept resource ARNs stay here, so none of them is widened";
                if (stuck > 0) text += $"{(scoped > 0 ? ";" : "")} {stuck} without resource-level permissions stay here because the Condition cannot apply to them";
                text += ".";
            }
            if (statement.IsNotAction) text += " NotAction stays as written.";
            if (compacted > 0)
                text += $" As asked (-CompactActions), the new statement names {compacted} of them with {prefixes} patterns that match exactly those actions in the capability map of {service.Prefix} ({context.Map.Date}); an action AWS adds later under such a prefix would be {(statement.Effect == PolicyEffect.Allow ? "allowed" : "denied")} too.";
            return text;
        });
    }

    /// <summary>
    /// The tests that keep the author's scope on a statement without ARNs: the region every ARN
    /// names (aws:RequestedRegion) and the account (aws:ResourceAccount, with IfExists: requests
    /// for actions without resource-level permissions may carry no resource account, and a plain
    /// StringEquals would then fail). Tests already on the key are left alone.
    /// </summary>
    private static List<ConditionAddition> ScopeConditions(PolicyStatement statement, ServiceCapabilities service, RepairOptions options)
    {
        var result = new List<ConditionAddition>();
        if (!options.ScopeConditions) return result;
        var (region, account) = ArnScope.Shared(statement.Resources, service);
        bool Has(string key) => statement.Conditions.Any(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
        if (region is not null && !Has("aws:RequestedRegion")) result.Add(new ConditionAddition("StringEquals", "aws:RequestedRegion", region));
        if (account is not null && !Has("aws:ResourceAccount")) result.Add(new ConditionAddition("StringEqualsIfExists", "aws:ResourceAccount", account));
        return result;
    }

    private static string ScopeText(List<ConditionAddition> scope)
    {
        if (scope.Count == 0) return "";
        var parts = scope.Select(s => s.Key == "aws:RequestedRegion"
            ? $"aws:RequestedRegion = {s.Value} keeps the region of its ARNs"
            : $"aws:ResourceAccount = {s.Value} (IfExists) keeps their account").ToList();
        return "; " + FindingText.Join(parts, "and");
    }

    /// <summary>
    /// Replaces the exact action names of the companion with the fewest prefix patterns that match
    /// exactly them; patterns moved as written stay. Returns how many names became how many patterns.
    /// </summary>
    private static (int Names, int Patterns) Compact(ServiceCapabilities service, List<string> companion)
    {
        bool IsName(string entry) => entry.IndexOfAny(s_wildcards) < 0 && service.GetAction(entry) is not null;
        var names = companion.Where(IsName).Select(c => service.GetAction(c)!).ToList();
        if (names.Count < 2) return (0, 0);
        var patterns = ActionListCompactor.Compact(service, names);
        if (patterns.Count >= names.Count) return (0, 0);
        var first = companion.FindIndex(IsName);
        companion.RemoveAll(IsName);
        companion.InsertRange(Math.Min(first, companion.Count), patterns);
        return (names.Count, patterns.Count);
    }

    private static readonly char[] s_wildcards = { '*', '?' };

    private static List<string> Distinct(List<string> items)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return items.Where(seen.Add).ToList();
    }
}
