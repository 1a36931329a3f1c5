using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace PolicyTools.Tests;

/// <summary>
/// The core's namespaces (its folders; a sub-namespace counts as its folder's) depend on one
/// another in one direction only: no namespace uses one that uses it back, directly or through
/// others, in signatures or in code (the types and members its IL names).
/// </summary>
public class NamespaceCycleTests
{
    private static readonly Assembly s_core = typeof(ErrorIds).Assembly;

    [Fact]
    public void TheCoreNamespacesHaveNoCycle()
    {
        var edges = NamespaceEdges();
        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToList();
        var described = cycles.Select(c => string.Join(" <-> ", c.OrderBy(n => n, StringComparer.Ordinal)) + ": "
            + string.Join("; ", edges.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To)).Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value.Take(100))})")));
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", described));
    }

    [Fact]
    public void TheCheckSeesReferencesInCode()
    {
        // PolicyAnalyzer's code uses the parser; the check must see what method bodies use, not only signatures.
        var edges = NamespaceEdges();
        Assert.True(edges.ContainsKey(("PolicyTools.Analysis", "PolicyTools.Policies")));
        Assert.Contains(StronglyConnected(new Dictionary<(string From, string To), SortedSet<string>>
        {
            [("A", "B")] = new(),
            [("B", "C")] = new(),
            [("C", "A")] = new(),
        }), c => c.Count == 3);
    }

    // (from, to) namespace pairs, each with the type pairs that make it.
    private static Dictionary<(string From, string To), SortedSet<string>> NamespaceEdges()
    {
        var edges = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var type in s_core.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from is null) continue;
            foreach (var used in Uses(type))
            {
                var to = NamespaceOf(used);
                if (to is null || to == from) continue;
                if (!edges.TryGetValue((from, to), out var pairs)) edges[(from, to)] = pairs = new SortedSet<string>(StringComparer.Ordinal);
                pairs.Add($"{Outer(type).Name} uses {Outer(used).Name}");
            }
        }
        return edges;
    }

    // A folder of the core: PolicyTools.Analysis.Rules is part of PolicyTools.Analysis.
    private static string? NamespaceOf(Type type) =>
        type.Assembly == s_core && type.Namespace is { } ns && ns.StartsWith("PolicyTools", StringComparison.Ordinal)
            ? string.Join(".", ns.Split('.').Take(2))
            : null;

    private static Type Outer(Type type) => type.DeclaringType is { } outer ? Outer(outer) : type;

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Uses(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments()) Add(argument);
                return;
            }
            if (!t.IsGenericParameter) found.Add(t);
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var field in type.GetFields(All)) Add(field.FieldType);
        foreach (var property in type.GetProperties(All)) Add(property.PropertyType);
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info) Add(info.ReturnType);
            foreach (var parameter in method.GetParameters()) Add(parameter.ParameterType);
            var body = method.GetMethodBody();
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType);
            foreach (var member in TokensOf(body.GetILAsByteArray()!).Select(t => Resolve(method, t)))
            {
                switch (member)
                {
                    case Type t: Add(t); break;
                    case MethodBase m: Add(m.DeclaringType); break;
                    case FieldInfo f: Add(f.DeclaringType); break;
                }
            }
        }
        return found;
    }

    private static MemberInfo? Resolve(MethodBase method, int token)
    {
        try
        {
            var generic = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
            var methodGeneric = method.IsGenericMethod ? method.GetGenericArguments() : null;
            return method.Module.ResolveMember(token, generic, methodGeneric);
        }
        catch (ArgumentException)
        {
            return null; // a string or signature token
        }
    }

    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    // The metadata tokens that IL instructions name (types, methods, fields).
    private static IEnumerable<int> TokensOf(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = s_opCodes[value];
            switch (op.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + (4 * BitConverter.ToInt32(il, i)); break;
                default: i += 4; break;
            }
        }
    }

    // Tarjan's strongly connected components of the namespace graph.
    private static List<HashSet<string>> StronglyConnected<T>(Dictionary<(string From, string To), T> edges)
    {
        var nodes = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        var next = edges.Keys.ToLookup(e => e.From, e => e.To);
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next[node])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }
            if (low[node] != index[node]) return;
            var component = new HashSet<string>();
            string member;
            do
            {
                member = stack.Pop();
                component.Add(member);
            }
            while (member != node);
            components.Add(component);
        }
        foreach (var node in nodes.Where(n => !index.ContainsKey(n))) Visit(node);
        return components;
    }
}
