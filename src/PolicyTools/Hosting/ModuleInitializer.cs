using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace PolicyTools.Commands.Hosting;

/// <summary>
/// Loads the core and its third-party dependencies from <c>Dependencies/</c> so that another
/// module's YamlDotNet (older or newer) and ours never meet: on PowerShell 7 they live in a load
/// context of their own, on Windows PowerShell side by side (strong names differ by version).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    // Third-party assemblies that must come from our folder even when another copy is loaded.
    private static readonly string[] s_isolated = { "YamlDotNet" };

    private static readonly string s_dependencyDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

    private static readonly Lazy<LoadContextProxy?> s_context = new(LoadContextProxy.Create);
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
        var name = new AssemblyName(args.Name).Name;
        if (name is null) return null;
        var path = Path.Combine(s_dependencyDirectory, name + ".dll");
        if (!File.Exists(path)) return null;

        var context = s_context.Value;
        if (context is null) return Assembly.LoadFrom(path);

        var assembly = context.LoadFromPath(path);
        if (string.Equals(name, "PolicyTools.Core", StringComparison.Ordinal)) PreloadIsolated(context);
        return assembly;
    }

    // A load context answers from what it has loaded before it asks the default context, so
    // loading our copies first keeps a newer copy in the default context from being used.
    private static void PreloadIsolated(LoadContextProxy context)
    {
        foreach (var name in s_isolated)
        {
            var path = Path.Combine(s_dependencyDirectory, name + ".dll");
            if (File.Exists(path)) context.LoadFromPath(path);
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
