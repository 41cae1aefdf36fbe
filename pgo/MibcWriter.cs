using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace Warehouse.Pgo;

/// <summary>What went into a profile and what was left out, by reason.</summary>
internal sealed record MibcSummary(int Written, int Generic, int NotInApp, int Unmatched, int Ambiguous, int HistogramsDropped);

/// <summary>
/// Writes methods' instrumentation as a .mibc file: the IL-encoded profile format ILCompiler reads with <c>--mibc</c>
/// (<c>MibcFile</c> items in the project), as dotnet-pgo writes it (ILCompiler's MIbcProfileParser reads it). The file is
/// an assembly whose global method <c>AssemblyDictionary</c> holds, per defining assembly, <c>ldstr "name;"</c>,
/// <c>ldtoken</c> a group method, <c>pop</c>; each group method holds, per profiled method, <c>ldtoken</c> the method,
/// <c>ldstr "InstrumentationDataStart"</c>, each record as a mask (0xF: all four fields follow), IL offset, kind, count
/// and other, then its data (<c>ldtoken</c> a type for a type handle), <c>ldstr "InstrumentationDataEnd"</c>, <c>pop</c>.
/// </summary>
/// <remarks>
/// Only methods whose IL ILCompiler compiles from the same file are written: non-generic methods of non-generic types
/// in the application's own folder (our assemblies and the NuGet libraries). The framework's methods are left out:
/// the native build compiles its own System.Private.CoreLib, whose IL differs from the JIT's. Method histograms
/// (delegate call sites) are left out with the count that heads them: written as ldtoken of the target method, ILCompiler 10
/// took them, but the attribute filter's delegate call stayed an indirect call and bench parse moved within its noise.
/// </remarks>
internal sealed class MibcWriter
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly Dictionary<string, Assembly> appAssemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> typesByName = new(StringComparer.Ordinal);

    /// <param name="appFolder">The JIT build's output folder the profile was collected from (its *.dll are loaded for inspection, never run).</param>
    public MibcWriter(string appFolder)
    {
        var context = new AssemblyLoadContext("pgo-inspection");
        context.Resolving += (_, name) => File.Exists(Path.Combine(appFolder, name.Name + ".dll")) ? context.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(appFolder, name.Name + ".dll"))) : null;
        foreach (var dll in Directory.EnumerateFiles(appFolder, "*.dll").Order(StringComparer.Ordinal))
        {
            AssemblyName name;
            try
            {
                name = AssemblyName.GetAssemblyName(dll);
            }
            catch (BadImageFormatException)
            {
                continue; // a native library
            }

            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(dll));
            appAssemblies[name.Name!] = assembly;
            foreach (var type in LoadableTypes(assembly))
            {
                if (type.FullName is { } full)
                    typesByName.TryAdd(full, type);
            }
        }
    }

    /// <summary>Writes the profile of <paramref name="methods"/> to <paramref name="output"/> and says what it left out.</summary>
    public MibcSummary Write(IEnumerable<MethodPgo> methods, Stream output)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("warehouse-pgo"), typeof(object).Assembly);
        var module = builder.DefineDynamicModule("warehouse-pgo");
        var groups = new SortedDictionary<string, List<(MethodBase Method, MethodPgo Profile)>>(StringComparer.Ordinal);
        int generic = 0, notInApp = 0, unmatched = 0, ambiguous = 0, histogramsDropped = 0;
        foreach (var profile in methods)
        {
            switch (Resolve(profile, out var method))
            {
                case Resolution.Generic:
                    generic++;
                    continue;
                case Resolution.NotInApp:
                    notInApp++;
                    continue;
                case Resolution.Unmatched:
                    unmatched++;
                    continue;
                case Resolution.Ambiguous:
                    ambiguous++;
                    continue;
            }

            var group = method!.DeclaringType!.Assembly.GetName().Name + ";";
            if (!groups.TryGetValue(group, out var list))
                groups[group] = list = [];
            list.Add((method, profile));
        }

        var dictionary = module.DefineGlobalMethod("AssemblyDictionary", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes).GetILGenerator();
        var written = 0;
        foreach (var (name, list) in groups)
        {
            var groupMethod = module.DefineGlobalMethod($"Assemblies_{name}_{written}", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
            var il = groupMethod.GetILGenerator();
            foreach (var (method, profile) in list)
            {
                il.Emit(OpCodes.Ldtoken, method is ConstructorInfo constructor ? module.GetMethodMetadataToken(constructor) : module.GetMethodMetadataToken((MethodInfo)method));
                il.Emit(OpCodes.Ldstr, "InstrumentationDataStart");
                histogramsDropped += EmitRecords(il, module, profile.Records);
                il.Emit(OpCodes.Ldstr, "InstrumentationDataEnd");
                il.Emit(OpCodes.Pop);
                written++;
            }

            il.Emit(OpCodes.Ret);
            dictionary.Emit(OpCodes.Ldstr, name);
            dictionary.Emit(OpCodes.Ldtoken, groupMethod);
            dictionary.Emit(OpCodes.Pop);
        }

        dictionary.Emit(OpCodes.Ret);
        module.CreateGlobalFunctions();
        builder.Save(output);
        return new MibcSummary(written, generic, notInApp, unmatched, ambiguous, histogramsDropped);
    }

    private enum Resolution
    {
        Found,
        Generic,
        NotInApp,
        Unmatched,
        Ambiguous,
    }

    /// <summary>
    /// The method a profile names: the longest type name it starts with (a method name may hold dots: explicit interface
    /// implementations), then the method of that name whose IL is as long as the profile says, then by parameter count.
    /// </summary>
    private Resolution Resolve(MethodPgo profile, out MethodBase? method)
    {
        method = null;
        if (profile.Name.Contains('[', StringComparison.Ordinal) || profile.Signature.Split(' ').Contains("generic"))
            return Resolution.Generic;
        for (var dot = profile.Name.LastIndexOf('.'); dot > 0; dot = profile.Name.LastIndexOf('.', dot - 1))
        {
            if (!typesByName.TryGetValue(profile.Name[..dot], out var type))
                continue;
            if (type.IsGenericTypeDefinition)
                return Resolution.Generic;
            var name = profile.Name[(dot + 1)..];
            IEnumerable<MethodBase> named = name is ".ctor" or ".cctor"
                ? type.GetConstructors(Declared).Where(c => c.IsStatic == (name == ".cctor"))
                : type.GetMethods(Declared).Where(m => m.Name == name && !m.IsGenericMethodDefinition);
            var matches = named.Where(m => m.GetMethodBody()?.GetILAsByteArray()?.Length == profile.ILSize).ToList();
            if (matches.Count > 1)
                matches = matches.Where(m => m.GetParameters().Length == profile.ParameterCount).ToList();
            method = matches.Count == 1 ? matches[0] : null;
            return matches.Count switch
            {
                1 => Resolution.Found,
                0 => Resolution.Unmatched,
                _ => Resolution.Ambiguous,
            };
        }

        return Resolution.NotInApp;
    }

    /// <summary>Emits the records; returns how many method histograms it dropped.</summary>
    private int EmitRecords(ILGenerator il, ModuleBuilder module, IReadOnlyList<PgoRecord> records)
    {
        var methodHistograms = records.Where(r => r.Marshal == PgoRecord.MethodHandle).Select(r => r.ILOffset).ToHashSet();
        foreach (var record in records)
        {
            if (record.Marshal == PgoRecord.MethodHandle || (record.Kind == PgoRecord.HistogramCount && methodHistograms.Contains(record.ILOffset)))
                continue;
            il.Emit(OpCodes.Ldc_I4, 0xF); // all of IL offset, kind, count and other follow
            il.Emit(OpCodes.Ldc_I4, record.ILOffset);
            il.Emit(OpCodes.Ldc_I4, record.Kind);
            il.Emit(OpCodes.Ldc_I4, record.Count);
            il.Emit(OpCodes.Ldc_I4, unchecked((int)record.Other));
            foreach (var datum in record.Data)
            {
                if (record.Marshal == PgoRecord.TypeHandle)
                {
                    if (TypeOf(datum) is { } type)
                        il.Emit(OpCodes.Ldtoken, module.GetTypeMetadataToken(type));
                    else
                        il.Emit(OpCodes.Ldc_I4_0); // unknown: the JIT skips it
                }
                else
                {
                    var value = long.Parse(datum, System.Globalization.CultureInfo.InvariantCulture);
                    if (record.Marshal == PgoRecord.FourByte)
                        value = Math.Min(value, int.MaxValue); // an unsigned count read back as int
                    if (value is >= int.MinValue and <= int.MaxValue)
                        il.Emit(OpCodes.Ldc_I4, (int)value);
                    else
                        il.Emit(OpCodes.Ldc_I8, value);
                }
            }
        }

        return methodHistograms.Count;
    }

    /// <summary>A histogram's type from its assembly-qualified name, resolved in the app's assemblies or CoreLib; null for NULL or a shared-generic form.</summary>
    private Type? TypeOf(string datum)
    {
        const string prefix = "TypeHandle: ";
        if (!datum.StartsWith(prefix, StringComparison.Ordinal) || datum == prefix + "NULL" || datum.Contains("__Canon", StringComparison.Ordinal))
            return null;
        try
        {
            return Type.GetType(datum[prefix.Length..],
                name => appAssemblies.GetValueOrDefault(name.Name!) ?? (name.Name == "System.Private.CoreLib" ? typeof(object).Assembly : null),
                (assembly, name, ignoreCase) => assembly?.GetType(name, false, ignoreCase),
                throwOnError: false);
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
