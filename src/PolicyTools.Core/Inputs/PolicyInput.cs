using System;
using PolicyTools.Analysis;

namespace PolicyTools.Inputs;

/// <summary>One policy document to analyse, with where it came from; plain or URL-encoded JSON text.</summary>
public sealed class PolicyInput
{
    public PolicyInput(PolicySource source, string text)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    public PolicySource Source { get; }

    public string Text { get; }
}

/// <summary>Which documents of an account's authorization details to take.</summary>
public sealed class AuthorizationDetailsOptions
{
    /// <summary>Every stored version of customer managed policies, not only the default.</summary>
    public bool AllVersions { get; set; }

    /// <summary>AWS managed policies too (arn:aws:iam::aws:policy/…).</summary>
    public bool IncludeAwsManaged { get; set; }
}
