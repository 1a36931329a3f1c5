using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PolicyTools.Commands.Hosting;

/// <summary>
/// Loads the core and its third-party dependencies from <c>Dependencies/</c> so that another
/// module's YamlDotNet (older or newer) and ours never meet: on PowerShell 7 they live in a load
/// context of their own, on Windows PowerShell side by side (strong names differ by version).
/// On PowerShell 7 the engine comes precompiled (ReadyToRun) from <c>Dependencies/&lt;tfm&gt;-&lt;rid&gt;/</c>
/// when build.ps1 made a set for this runtime and platform; anywhere else it is the netstandard2.0
/// build in <c>Dependencies/</c>, compiled by the JIT as before.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    // Third-party assemblies that must come from our folder even when another copy is loaded.
    private static readonly string[] s_isolated = { "YamlDotNet" };

    private static readonly string s_dependencyDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

    private const string Engine = "PolicyTools.Core";

    private static readonly Lazy<LoadContextProxy?> s_context = new(LoadContextProxy.Create);

    // Where the engine and its dependencies come from: the ReadyToRun set of this runtime, else Dependencies/.
    private static readonly Lazy<string> s_engineDirectory = new(() => ReadyToRunDirectory() ?? s_dependencyDirectory);

    // The assemblies this resolver loaded: the engine and the dependencies it asked for.
    private static readonly HashSet<Assembly> s_ours = new();

    private static readonly object s_gate = new();
    private static bool s_registered;

    public void OnImport()
    {
        lock (s_gate)
        {
            if (s_registered) return;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            s_registered = true;
        }
        SessionWarmUp.Start();
    }

    public void OnRemove(PSModuleInfo module)
    {
        lock (s_gate)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            s_registered = false;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        // Only our own assemblies are answered: another module asking for "YamlDotNet" by simple
        // name must get its own copy (or none), never ours.
        if (!IsOurs(args.RequestingAssembly)) return null;
        var name = new AssemblyName(args.Name).Name;
        if (name is null) return null;
        var path = DependencyPath(name);
        if (path is null) return null;

        var context = s_context.Value;
        var assembly = context is null ? Assembly.LoadFrom(path) : context.LoadFromPath(path);
        lock (s_ours) s_ours.Add(assembly);
        if (context is not null && string.Equals(name, Engine, StringComparison.Ordinal)) PreloadIsolated(context);
        return assembly;
    }

    private static bool IsOurs(Assembly? requester)
    {
        if (requester is null) return false;
        if (requester == typeof(ModuleInitializer).Assembly) return true;
        lock (s_ours) return s_ours.Contains(requester);
    }

    // The engine's folder first: a ReadyToRun set holds the engine and the builds of its
    // dependencies it was compiled against; anything else is in Dependencies/.
    private static string? DependencyPath(string name)
    {
        var path = Path.Combine(s_engineDirectory.Value, name + ".dll");
        if (File.Exists(path)) return path;
        path = Path.Combine(s_dependencyDirectory, name + ".dll");
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// <c>Dependencies/net&lt;major&gt;.0-&lt;os&gt;-&lt;arch&gt;/</c> when it exists for this runtime, on
    /// PowerShell 7 only (Windows PowerShell has no load contexts and runs the netstandard2.0 build):
    /// ReadyToRun code serves only the runtime major version and the platform it was compiled for.
    /// </summary>
    private static string? ReadyToRunDirectory()
    {
        if (s_context.Value is null) return null;
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
            : null;
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        if (os is null || arch is null) return null;
        var directory = Path.Combine(s_dependencyDirectory, $"net{Environment.Version.Major}.0-{os}-{arch}");
        return File.Exists(Path.Combine(directory, Engine + ".dll")) ? directory : null;
    }

    // A load context answers from what it has loaded before it asks the default context, so
    // loading our copies first keeps a newer copy in the default context from being used.
    private static void PreloadIsolated(LoadContextProxy context)
    {
        foreach (var name in s_isolated)
        {
            if (DependencyPath(name) is { } path)
            {
                var assembly = context.LoadFromPath(path);
                lock (s_ours) s_ours.Add(assembly);
            }
        }
    }

    /// <summary>AssemblyLoadContext through reflection: netstandard2.0 cannot name it, Windows PowerShell does not have it.</summary>
    private sealed class LoadContextProxy
    {
        private readonly object _context;
        private readonly MethodInfo _loadFromPath;
        private readonly Dictionary<string, Assembly> _loaded = new(StringComparer.OrdinalIgnoreCase);

        private LoadContextProxy(object context, MethodInfo loadFromPath)
        {
            _context = context;
            _loadFromPath = loadFromPath;
        }

        public static LoadContextProxy? Create()
        {
            var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            var constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
            var load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (constructor is null || load is null) return null;
            return new LoadContextProxy(constructor.Invoke(new object[] { "PolicyTools", false }), load);
        }

        public Assembly LoadFromPath(string path)
        {
            lock (_loaded)
            {
                if (_loaded.TryGetValue(path, out var assembly)) return assembly;
                assembly = (Assembly)_loadFromPath.Invoke(_context, new object[] { path })!;
                _loaded[path] = assembly;
                return assembly;
            }
        }
    }
}
