using System;
using System.Collections;
using System.Collections.Generic;

namespace PolicyTools.Capabilities;

/// <summary>
/// Actions of one service in map order, with the parts the rules ask about worked out once per
/// list. Pattern expansions are cached, so <c>ec2:Describe*</c>'s 192 actions are split into the
/// 175 that only <c>"Resource": "*"</c> grants and the rest once, not once per statement per rule.
/// </summary>
internal sealed class ActionList : IReadOnlyList<ActionCapability>
{
    public static readonly ActionList Empty = new(Array.Empty<ActionCapability>());

    private readonly ActionCapability[] _actions;
    // Racing threads compute equal arrays; either may win.
    private ActionCapability[]? _onlyStar;
    private ActionCapability[]? _resourceLevel;
    private ActionCapability[]? _withRequiredTypes;
    private ulong[]? _members;
    private string[]? _names;

    public ActionList(ActionCapability[] actions) => _actions = actions;

    /// <summary>A list whose membership bits (one per action index) the caller already has.</summary>
    public ActionList(ActionCapability[] actions, ulong[] members)
    {
        _actions = actions;
        _members = members;
    }

    public int Count => _actions.Length;

    public ActionCapability this[int index] => _actions[index];

    /// <summary>The actions without resource types: only <c>"Resource": "*"</c> grants them.</summary>
    public ActionCapability[] OnlyStar => _onlyStar ??= Select(a => !a.SupportsResourceLevelPermissions);

    /// <summary>The actions with resource types.</summary>
    public ActionCapability[] ResourceLevel => _resourceLevel ??= Select(a => a.SupportsResourceLevelPermissions);

    /// <summary>The actions with a required resource type that the service defines.</summary>
    public ActionCapability[] WithRequiredTypes => _withRequiredTypes ??= Select(a => a.RequiredTypeIndexes.Length > 0);

    /// <summary>
    /// The actions' full names in list order, made once per list: expansions are cached, so the
    /// findings of every statement with the same Action list share one array (never changed).
    /// </summary>
    public string[] Names => _names ??= FullNames();

    /// <summary>Whether the list holds the action: one bit test, since whole policies ask this per action per statement.</summary>
    public bool Contains(ActionCapability action)
    {
        var members = _members ??= Members();
        var index = action.Index;
        return (index >> 6) < members.Length && (members[index >> 6] & (1UL << (index & 63))) != 0;
    }

    public IEnumerator<ActionCapability> GetEnumerator() => ((IEnumerable<ActionCapability>)_actions).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string[] FullNames()
    {
        var names = new string[_actions.Length];
        for (var i = 0; i < names.Length; i++) names[i] = _actions[i].FullName;
        return names;
    }

    private ulong[] Members()
    {
        var highest = -1;
        foreach (var action in _actions) if (action.Index > highest) highest = action.Index;
        var members = new ulong[(highest >> 6) + 1];
        foreach (var action in _actions) members[action.Index >> 6] |= 1UL << (action.Index & 63);
        return members;
    }

    private ActionCapability[] Select(Func<ActionCapability, bool> predicate)
    {
        var count = 0;
        foreach (var action in _actions) if (predicate(action)) count++;
        if (count == _actions.Length) return _actions;
        if (count == 0) return Array.Empty<ActionCapability>();
        var selected = new ActionCapability[count];
        var i = 0;
        foreach (var action in _actions) if (predicate(action)) selected[i++] = action;
        return selected;
    }
}
