using PolicyTools.Policies;

namespace PolicyTools.Repair;

/// <summary>How the repairs name statements in the Changes they write.</summary>
internal static class ChangeText
{
    /// <summary><c>Statement 2 (Sid Volumes) (statement 1 before the repair)</c>: numbered as in the repaired document.</summary>
    public static string Statement(RepairPlan.Numbering n, PolicyStatement statement)
    {
        var now = n.Of(statement.Index);
        var text = $"Statement {now}{Sid(statement.Sid)}";
        if (now != statement.Index) text += $" (statement {statement.Index} before the repair)";
        return text;
    }

    public static string Sid(string? sid) => sid is null ? "" : $" (Sid {sid})";
}
