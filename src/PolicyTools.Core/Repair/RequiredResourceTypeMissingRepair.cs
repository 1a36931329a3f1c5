using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>
/// Repairs <c>RequiredResourceTypeMissing</c>: a request carries an ARN of every required type and
/// IAM must allow each, so the missing types are added in the partition, region and account of the
/// ARNs the policy already grants the action (<c>ec2:RunInstances</c> on <c>instance/*</c> in
/// us-east-1 gains image, network-interface, security-group and subnet ARNs there).
/// </summary>
/// <remarks>
/// The ARNs go into the statement the finding names when that widens nothing else: no other action
/// of the statement, in any service, could act on them (<see cref="WideningCheck"/>: an action of a
/// service the map does not know could), and its Condition can be met for them. Otherwise they go
/// into a new statement that allows only the actions that need them, with the Condition tests their
/// requests carry (an <c>ec2:InstanceType</c> test is carried for the instance, not for the subnet;
/// the instance stays conditioned in its own statement, so the call as a whole still is).
/// </remarks>
internal sealed class RequiredResourceTypeMissingRepair : FindingRepair
{
    public RequiredResourceTypeMissingRepair()
        : base(FindingCodes.RequiredResourceTypeMissing, "RequiredTypes")
    {
    }

    public override void Plan(AnalysisContext context, StatementView view, IReadOnlyList<AnalyzedFinding> findings, RepairPlan plan, RepairOptions options)
    {
        var service = context.Service;
        var matches = context.Matches;
        var statementIndex = view.Statement.Index;
        var variables = context.Document.AllowsPolicyVariables;

        var groups = new List<Group>();
        foreach (var action in findings.SelectMany(f => f.Actions).Distinct())
        {
            // What the policy allows the action today: the rule's own facts.
            var unmet = context.UnmetRequiredTypesOf(action);
            if (unmet is null) continue;
            var missing = unmet.MissingTypeIndexes();
            if (unmet.Conflict is not null)
            {
                plan.NotRepaired(statementIndex, Code, $"every required type of {action.FullName} is allowed, but only under Conditions that never hold together; which of them the author meant is their call");
                continue;
            }
            if (UnprovenTypes.Reason(context, action, missing) is { } unproven)
            {
                plan.NotRepaired(statementIndex, Code, unproven);
                continue;
            }
            var scopes = new List<ArnScope>();
            foreach (var granting in unmet.Granting)
            {
                if (granting.Statement.IsNotResource) continue;
                foreach (var match in granting.Matches)
                {
                    if (!action.ResourceTypeIndexes.Any(t => match.Types[t])) continue;
                    var scope = ArnScope.Of(match.Pattern);
                    if (!scopes.Contains(scope)) scopes.Add(scope);
                }
            }
            if (scopes.Count == 0)
            {
                plan.NotRepaired(statementIndex, Code, $"the ARNs that grant {action.FullName} name no partition, region or account to add the missing types in");
                continue;
            }

            var arns = new List<string>();
            var unbuildable = new List<string>();
            foreach (var t in missing)
            {
                var type = service.ResourceTypes[t];
                var built = scopes
                    .Select(s => RequiredTypeArn.Build(type, service.Prefix, s))
                    .Where(arn => matches.Get(arn, variables).Types[t])
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (built.Count == 0) unbuildable.Add(type.Name);
                arns.AddRange(built.Where(a => !arns.Contains(a)));
            }
            if (unbuildable.Count > 0)
            {
                plan.NotRepaired(statementIndex, Code, $"no ARN of {FindingText.Join(unbuildable, "or")} can be written in the partition, region and account of the ARNs that grant {action.FullName}");
                continue;
            }

            var group = groups.Find(g => g.Arns.SequenceEqual(arns));
            if (group is null) groups.Add(group = new Group(arns));
            group.Actions.Add(action);
            group.Missing[action] = missing;
        }

        foreach (var group in groups) PlanGroup(context, view, group, plan);
    }

    private void PlanGroup(AnalysisContext context, StatementView view, Group group, RepairPlan plan)
    {
        var statement = view.Statement;
        var edit = plan.Edit(statement.Index);

        // Would the ARNs in this statement grant another action (or another type), of any service, anything new?
        var widened = WideningCheck.OthersActingOn(context, view, group.Arns,
            (action, type) => group.Missing.TryGetValue(action, out var needed) && needed.Contains(type));

        // Condition tests that requests do not carry for the added types would block them.
        var dropped = new List<ConditionClause>();
        foreach (var clause in statement.Conditions)
        {
            var carried = group.Actions.All(a => group.Missing[a].All(t => ConditionSupport.CarriedFor(clause, a, Pair(a, t))));
            if (!carried) dropped.Add(clause);
        }

        var names = group.Actions.Select(a => a.FullName).ToList();
        var arns = group.Arns;
        var needs = names.Count == 1 ? "needs" : "need";
        if (!statement.IsNotResource && !edit.ResourceStar && widened.Count == 0 && dropped.Count == 0)
        {
            edit.AddedResources.AddRange(arns.Where(a => !edit.AddedResources.Contains(a)));
            plan.AddChange(statement.Index, n =>
                $"{ChangeText.Statement(n, statement)}: {FindingText.Actions(names)} {needs} an allowed ARN of every required resource type; added {Quoted(arns)}, in the partition, region and account of the ARNs already granted.");
            return;
        }

        var added = new NewStatement(plan.Sids.Next(statement.Sid, SidSuffix), names, arns);
        foreach (var clause in dropped) added.DroppedConditions.Add(NewStatement.ConditionId(clause.Operator, clause.Key));
        edit.Following.Add(added);
        string why;
        if (statement.IsNotResource) why = $"statement {statement.Index} uses NotResource";
        else if (widened.Count > 0) why = $"adding them to the statement would also grant {FindingText.Actions(widened)} on them";
        else why = "the statement's Condition cannot be met for them";
        var droppedKeys = dropped.Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var without = droppedKeys.Count == 0
            ? ""
            : $"; it leaves out the Condition on {FindingText.Quoted(droppedKeys, "and")}, which requests carry only for other resource types, so the call stays conditioned through the statement that grants those";
        plan.AddChange(statement.Index, n =>
            $"{ChangeText.Statement(n, statement)}: {FindingText.Actions(names)} {needs} an allowed ARN of every required resource type; added new statement {n.Of(added)}{ChangeText.Sid(added.Sid)} allowing {FindingText.ItThey(names.Count)} on {Quoted(arns)}, in the partition, region and account of the ARNs already granted, because {why}{without}.");
    }

    private static ActionResourceType Pair(ActionCapability action, int typeIndex) => action.ResourceTypes.First(p => p.TypeIndex == typeIndex);

    private static string Quoted(IReadOnlyList<string> arns) => FindingText.Join(arns.Select(a => "\"" + a + "\"").ToList(), "and");

    private sealed class Group
    {
        public Group(List<string> arns) => Arns = arns;

        public List<string> Arns { get; }

        public List<ActionCapability> Actions { get; } = new();

        public Dictionary<ActionCapability, List<int>> Missing { get; } = new();
    }
}
