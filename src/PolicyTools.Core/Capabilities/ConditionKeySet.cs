using System;
using System.Collections.Generic;
using System.Linq;

namespace PolicyTools.Capabilities;

/// <summary>
/// Condition keys, matched case-insensitively; templated keys such as
/// <c>ec2:ResourceTag/${TagKey}</c> match any key with that prefix (<c>ec2:ResourceTag/Name</c>);
/// so do S3's, written <c>s3:RequestObjectTag/&lt;key&gt;</c>, and Secrets Manager's and SSM's, written
/// <c>secretsmanager:ResourceTag/tag-key</c> ("Filters access by a tag key and value pair"), <c>ssm:resourceTag/tag-key</c>.
/// </summary>
internal sealed class ConditionKeySet
{
    public static readonly ConditionKeySet Empty = new(Enumerable.Empty<string>());

    private const string TagKeyPlaceholder = "/tag-key";

    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _prefixes;

    public ConditionKeySet(IEnumerable<string> keys)
    {
        var prefixes = new List<string>();
        foreach (var key in keys)
        {
            var placeholder = key.IndexOf("${", StringComparison.Ordinal);
            if (placeholder < 0 && key.EndsWith(">", StringComparison.Ordinal)) placeholder = key.LastIndexOf('<');
            if (placeholder < 0 && key.EndsWith(TagKeyPlaceholder, StringComparison.OrdinalIgnoreCase)) placeholder = key.Length - TagKeyPlaceholder.Length + 1;
            if (placeholder >= 0) prefixes.Add(key.Substring(0, placeholder));
            else _exact.Add(key);
        }
        _prefixes = prefixes.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public bool Contains(string key)
    {
        if (_exact.Contains(key)) return true;
        foreach (var prefix in _prefixes)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
