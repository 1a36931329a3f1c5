namespace PolicyTools.Commands;

/// <summary>
/// A policy cmdlet with <c>-Service</c> (the Iam ones): it checks every service of the map, or the
/// services <c>-Service</c> names. <see cref="PolicyCommandBase"/> resolves it once the map is
/// loaded (<see cref="ServiceScopes.FromParameter"/>); a cmdlet without it checks EC2.
/// </summary>
internal interface IServiceParameter
{
    string[]? Service { get; }
}
