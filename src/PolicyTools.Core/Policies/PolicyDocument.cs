using System;
using System.Collections.Generic;

namespace PolicyTools.Policies;

/// <summary>An IAM policy document, parsed and immutable.</summary>
internal sealed class PolicyDocument
{
    public const string CurrentVersion = "2012-10-17";
    public const string LegacyVersion = "2008-10-17";

    public PolicyDocument(string? version, string? id, IReadOnlyList<PolicyStatement> statements, bool statementIsSingleObject)
    {
        Version = version;
        Id = id;
        Statements = statements ?? throw new ArgumentNullException(nameof(statements));
        StatementIsSingleObject = statementIsSingleObject;
    }

    public string? Version { get; }

    public string? Id { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>True when the document wrote <c>"Statement": { … }</c> rather than a list.</summary>
    public bool StatementIsSingleObject { get; }

    /// <summary>Policy variables such as <c>${aws:username}</c> work only under 2012-10-17; elsewhere they are literal text.</summary>
    public bool AllowsPolicyVariables => string.Equals(Version, CurrentVersion, StringComparison.Ordinal);
}
