using System;
using System.Collections.Generic;
using System.Threading;

namespace PolicyTools.Matching;

/// <summary>
/// An ARN format from the service reference, e.g. <c>arn:${Partition}:ec2:${Region}:${Account}:volume/${VolumeId}</c>,
/// compiled into literal text and placeholders that request ARNs fill in.
/// </summary>
internal sealed class ArnTemplate
{
    private ArnTemplate(string format, TemplateToken[] tokens, string service, bool hasRegion, bool hasAccount, string resourcePrefix)
    {
        Format = format;
        Tokens = tokens;
        Service = service;
        HasRegion = hasRegion;
        HasAccount = hasAccount;
        ResourcePrefix = resourcePrefix;
    }

    public string Format { get; }

    /// <summary>
    /// The template as bit masks for the linear-time intersection test; built on first use and
    /// shared between threads (<see cref="Publish"/>).
    /// </summary>
    public TemplateAutomaton Automaton => Volatile.Read(ref _automaton) ?? Publish.Once(ref _automaton, new TemplateAutomaton(Tokens));

    private TemplateAutomaton? _automaton;

    /// <summary>The literal characters and placeholders in order; not to be changed.</summary>
    /// <remarks>
    /// An array, not a list: a List or IReadOnlyList of a struct of ours is framework code that only
    /// the JIT can compile, while array code is our own and comes precompiled (ReadyToRun).
    /// </remarks>
    public TemplateToken[] Tokens { get; }

    public string Service { get; }

    /// <summary>False for region-less types such as <c>ipam</c>.</summary>
    public bool HasRegion { get; }

    /// <summary>False for account-less types such as <c>image</c> and <c>snapshot</c>.</summary>
    public bool HasAccount { get; }

    /// <summary>The literal start of the resource part, e.g. <c>volume/</c>.</summary>
    public string ResourcePrefix { get; }

    public static ArnTemplate Parse(string format)
    {
        // Each character gives at most one token.
        var tokens = new TemplateToken[format.Length];
        var count = 0;
        var segment = 0;
        var i = 0;
        while (i < format.Length)
        {
            if (format[i] == '$' && i + 1 < format.Length && format[i + 1] == '{')
            {
                var end = format.IndexOf('}', i + 2);
                if (end < 0) break;
                var name = format.Substring(i + 2, end - i - 2);
                tokens[count++] = TemplateToken.Placeholder(segment switch
                {
                    1 => CharClass.Partition,
                    3 => CharClass.Region,
                    4 => CharClass.Account,
                    _ => CharClass.AnyButColon, // resource ids and names hold no colon
                }, name);
                i = end + 1;
                continue;
            }
            if (format[i] == ':' && segment < 5) segment++;
            tokens[count++] = TemplateToken.Literal(format[i]);
            i++;
        }

        var parts = format.Split(new[] { ':' }, 6);
        var service = parts.Length > 2 ? parts[2] : "";
        var hasRegion = parts.Length > 3 && parts[3].Length > 0;
        var hasAccount = parts.Length > 4 && parts[4].Length > 0;
        var resource = parts.Length > 5 ? parts[5] : "";
        var placeholder = resource.IndexOf("${", StringComparison.Ordinal);
        var prefix = placeholder < 0 ? resource : resource.Substring(0, placeholder);
        var exact = new TemplateToken[count];
        Array.Copy(tokens, exact, count);
        return new ArnTemplate(format, exact, service, hasRegion, hasAccount, prefix);
    }

    public override string ToString() => Format;
}

/// <summary>What text a template placeholder or a pattern character can stand for.</summary>
internal enum CharClass
{
    Exact,
    Any,
    AnyButColon,
    Partition,
    Region,
    Account,
}

internal readonly struct TemplateToken
{
    private TemplateToken(char c, CharClass cls, string? name)
    {
        Char = c;
        Class = cls;
        Name = name;
    }

    public char Char { get; }

    public CharClass Class { get; }

    public string? Name { get; }

    public bool IsPlaceholder => Class != CharClass.Exact;

    public static TemplateToken Literal(char c) => new(c, CharClass.Exact, null);

    public static TemplateToken Placeholder(CharClass cls, string name) => new('\0', cls, name);

    public static bool Allows(CharClass cls, char c) => cls switch
    {
        CharClass.Any => true,
        CharClass.AnyButColon => c != ':',
        CharClass.Partition => (c >= 'a' && c <= 'z') || c == '-',
        CharClass.Region => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-',
        CharClass.Account => c >= '0' && c <= '9',
        _ => false,
    };
}
