using System;
using System.Collections.Generic;
using System.Linq;
using PolicyTools.Capabilities;
using PolicyTools.Policies;

namespace PolicyTools.Analysis;

/// <summary>
/// How the Conditions of two statements relate, as far as their text proves it: whether every
/// request one statement applies to also meets the other's Condition (so the other covers it),
/// and whether both can hold on one request at all. Anything the text does not prove counts as
/// "not covered" and "can hold together", so neither answer ever makes a finding milder or
/// louder than the policy deserves.
/// </summary>
internal static class ConditionCoverage
{
    /// <summary>
    /// Whether every request that meets <paramref name="flagged"/>'s Condition also meets
    /// <paramref name="other"/>'s: no Condition there, or each of its tests implied by one of the flagged statement's.
    /// </summary>
    public static bool Covers(PolicyStatement flagged, PolicyStatement other, ServiceCapabilities service)
    {
        foreach (var test in other.Conditions)
        {
            if (!flagged.Conditions.Any(f => Implies(f, test)) && !ImpliedByScope(flagged, test, service)) return false;
        }
        return true;
    }

    // The region or account that every ARN of the flagged statement names is the scope its author
    // meant: a test that keeps to it (what the repair adds to a "*" companion) covers its requests.
    private static bool ImpliedByScope(PolicyStatement flagged, ConditionClause test, ServiceCapabilities service)
    {
        var region = test.Key.Equals("aws:RequestedRegion", StringComparison.OrdinalIgnoreCase);
        if (!region && !test.Key.Equals("aws:ResourceAccount", StringComparison.OrdinalIgnoreCase)) return false;
        if (flagged.IsNotResource || BaseOperator(test.Operator) != "StringEquals" || test.Operator.Contains(":")) return false;
        var scope = ArnScope.Shared(flagged.Resources, service);
        var value = region ? scope.Region : scope.Account;
        return value is not null && test.Values.Contains(value, StringComparer.Ordinal);
    }


    /// <summary>False only when some test of one statement contradicts a test of the other on the same key.</summary>
    public static bool CanHoldTogether(PolicyStatement a, PolicyStatement b)
    {
        foreach (var x in a.Conditions)
            foreach (var y in b.Conditions)
                if (Contradict(x, y)) return false;
        return true;
    }

    /// <summary>The Condition in words: <c>aws:RequestedRegion is eu-west-1 and aws:MultiFactorAuthPresent is true</c>.</summary>
    public static string Describe(IReadOnlyList<ConditionClause> clauses) =>
        FindingText.Join(clauses.Select(Describe).ToList(), "and");

    private static string Describe(ConditionClause clause)
    {
        var op = clause.Operator;
        var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
        var baseOp = ifExists ? op.Substring(0, op.Length - "IfExists".Length) : op;
        var values = clause.Values;
        string One(string single, string many) => values.Count == 1 ? $"{single} {values[0]}" : $"{many} {string.Join(", ", values)}";
        if (baseOp.Contains(":"))
            return $"{op} {clause.Key} {string.Join(", ", values)}";
        var text = baseOp switch
        {
            "StringEquals" or "StringEqualsIgnoreCase" or "ArnEquals" or "NumericEquals" or "DateEquals" or "BinaryEquals" or "Bool"
                => $"{clause.Key} {One("is", "is one of")}",
            "StringLike" or "ArnLike" => $"{clause.Key} {One("matches", "matches one of")}",
            "StringNotEquals" or "StringNotEqualsIgnoreCase" or "ArnNotEquals" or "NumericNotEquals" or "DateNotEquals"
                => $"{clause.Key} {One("is not", "is none of")}",
            "StringNotLike" or "ArnNotLike" => $"{clause.Key} {One("does not match", "matches none of")}",
            "IpAddress" => $"{clause.Key} {One("is in", "is in one of")}",
            "NotIpAddress" => $"{clause.Key} {One("is not in", "is in none of")}",
            "Null" => values.Count == 1 && string.Equals(values[0], "true", StringComparison.OrdinalIgnoreCase)
                ? $"{clause.Key} is absent"
                : $"{clause.Key} is present",
            _ => $"{clause.Key} {op} {string.Join(", ", values)}",
        };
        return ifExists ? text + " (where present)" : text;
    }

    // Whether every request meeting `given` meets `test` too.
    private static bool Implies(ConditionClause given, ConditionClause test)
    {
        if (!string.Equals(given.Key, test.Key, StringComparison.OrdinalIgnoreCase)) return false;
        var sameOperator = string.Equals(given.Operator, test.Operator, StringComparison.OrdinalIgnoreCase);
        // A test that also passes on a missing key is implied by the same test without IfExists.
        var weaker = string.Equals(given.Operator + "IfExists", test.Operator, StringComparison.OrdinalIgnoreCase);
        if (!sameOperator && !weaker) return false;
        var baseOp = BaseOperator(test.Operator);
        if (IsNegated(baseOp)) return Subset(test.Values, given.Values);  // "not in a bigger set" implies "not in a smaller one"
        if (IsPositive(baseOp)) return Subset(given.Values, test.Values);
        return Subset(given.Values, test.Values) && Subset(test.Values, given.Values);
    }

    // Two tests no request can meet together: one value required by each, from disjoint sets,
    // or a value required that the other test excludes.
    private static bool Contradict(ConditionClause x, ConditionClause y)
    {
        if (!string.Equals(x.Key, y.Key, StringComparison.OrdinalIgnoreCase)) return false;
        if (HasVariable(x) || HasVariable(y)) return false;
        var xEquals = IsSingleValueEquality(x.Operator);
        var yEquals = IsSingleValueEquality(y.Operator);
        if (xEquals && yEquals && string.Equals(x.Operator, y.Operator, StringComparison.OrdinalIgnoreCase))
            return !x.Values.Any(v => y.Values.Contains(v, Comparer(x.Operator)));
        if (xEquals && IsExclusion(y.Operator, x.Operator)) return Subset(x.Values, y.Values);
        if (yEquals && IsExclusion(x.Operator, y.Operator)) return Subset(y.Values, x.Values);
        return false;
    }

    private static bool IsSingleValueEquality(string op) => op is "StringEquals" or "ArnEquals" or "NumericEquals" or "Bool" or "StringEqualsIgnoreCase";

    private static bool IsExclusion(string op, string equalityOp) =>
        (op == "StringNotEquals" && equalityOp == "StringEquals") || (op == "ArnNotEquals" && equalityOp == "ArnEquals")
        || (op == "NumericNotEquals" && equalityOp == "NumericEquals");

    private static IEqualityComparer<string> Comparer(string op) =>
        op is "Bool" or "StringEqualsIgnoreCase" ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static bool HasVariable(ConditionClause clause) => clause.Values.Any(v => v.Contains("${"));

    private static string BaseOperator(string op)
    {
        var colon = op.IndexOf(':');
        if (colon >= 0) op = op.Substring(colon + 1);
        return op.EndsWith("IfExists", StringComparison.Ordinal) ? op.Substring(0, op.Length - "IfExists".Length) : op;
    }

    private static bool IsNegated(string baseOp) =>
        baseOp.StartsWith("StringNot", StringComparison.Ordinal) || baseOp.StartsWith("ArnNot", StringComparison.Ordinal)
        || baseOp is "NumericNotEquals" or "DateNotEquals" or "NotIpAddress" or "BinaryNotEquals";

    private static bool IsPositive(string baseOp) =>
        baseOp is "StringEquals" or "StringEqualsIgnoreCase" or "StringLike" or "ArnEquals" or "ArnLike"
            or "NumericEquals" or "DateEquals" or "Bool" or "IpAddress" or "BinaryEquals";

    private static bool Subset(IReadOnlyList<string> small, IReadOnlyList<string> large) => small.All(v => large.Contains(v, StringComparer.Ordinal));
}
