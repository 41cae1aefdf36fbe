using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Warehouse.Pgo;

namespace Warehouse.Tests.Pgo;

/// <summary>
/// The profile converter on real runtime output (tests/Fixtures/pgo/runtime-pgo.txt: six methods the runtime wrote with
/// DOTNET_WritePGOData during `warehouse bench parse`, AngleSharp 1.10.3), read back as the IL ILCompiler parses.
/// </summary>
public sealed class MibcWriterTests
{
    private static readonly string Fixture = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "pgo", "runtime-pgo.txt");

    [Test]
    public void Runtime_text_is_read_method_by_method()
    {
        var methods = RuntimePgoText.Parse(File.ReadAllLines(Fixture));

        Assert.That(methods.Select(m => m.Name), Is.EqualTo(new[]
        {
            "AngleSharp.Text.TextSource.Dispose", "AngleSharp.Html.Parser.HtmlTokenizer.RaiseErrorOccurred", "AngleSharp.Common.BaseTokenizer.ScanText",
            "System.Linq.Enumerable.Sum", "System.Collections.Generic.Dictionary`2[AngleSharp.Common.StringOrMemory,System.__Canon].TryGetValue",
            "System.Threading.Tasks.TaskCache.CreateInt32Tasks",
        }));
        var dispose = methods[0];
        Assert.That((dispose.ILSize, dispose.ParameterCount), Is.EqualTo((12, 0)));
        Assert.That(dispose.Records.Select(r => (r.Kind, r.ILOffset, r.Count, r.Other)), Is.EqualTo(new[] { (177, 6, 1, 3221225472u), (195, 6, 32, 3221225472u) }));
        Assert.That(dispose.Records[1].Data, Has.Count.EqualTo(32).And.All.StartWith("TypeHandle: AngleSharp.Text.ReadOnlyMemoryTextSource, AngleSharp"));
        Assert.That(methods[1].ParameterCount, Is.EqualTo(2));
        var scanText = methods[2];
        Assert.That(scanText.Records, Has.Count.EqualTo(11));
        Assert.That((scanText.Records[^1].ILOffset, scanText.Records[^1].Data.Single()), Is.EqualTo((356, "20968")));
    }

    [Test]
    public void A_file_cut_inside_a_record_is_refused_with_its_line()
    {
        var lines = File.ReadAllLines(Fixture).Take(20).ToArray(); // inside TextSource.Dispose's type histogram

        Assert.That(() => RuntimePgoText.Parse(lines), Throws.TypeOf<FormatException>().With.Message.Contains("line 21").And.Message.Contains("TextSource.Dispose"));
    }

    [Test]
    public void The_app_methods_are_written_and_the_rest_counted_as_left_out()
    {
        var summary = Write(out _);

        Assert.That(summary, Is.EqualTo(new MibcSummary(Written: 3, Generic: 2, NotInApp: 1, Unmatched: 0, Ambiguous: 0, HistogramsDropped: 1)));
    }

    [Test]
    public void The_profile_is_the_il_ilcompiler_reads()
    {
        Write(out var mibc);
        using var pe = new PEReader(new MemoryStream(mibc));
        var metadata = pe.GetMetadataReader();
        var global = metadata.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1)).GetMethods().Select(metadata.GetMethodDefinition).ToList();
        var dictionary = global.Single(m => metadata.GetString(m.Name) == "AssemblyDictionary");

        Assert.That(Instructions(pe, metadata, dictionary), Is.EqualTo(new object[] { "AngleSharp;", "MethodDef Assemblies_AngleSharp;_0", "pop", "ret" }));

        var group = Instructions(pe, metadata, global.Single(m => metadata.GetString(m.Name) == "Assemblies_AngleSharp;_0"));
        var dispose = group.TakeWhile(i => !Equals(i, "pop")).ToList();
        var expected = new List<object> { "MemberRef AngleSharp.Text.TextSource::Dispose", "InstrumentationDataStart", 0xF, 6, 177, 1, unchecked((int)3221225472u), 32, 0xF, 6, 195, 32, unchecked((int)3221225472u) };
        expected.AddRange(Enumerable.Repeat<object>("TypeRef AngleSharp.Text.ReadOnlyMemoryTextSource", 32));
        expected.Add("InstrumentationDataEnd");
        Assert.That(dispose, Is.EqualTo(expected));

        // The delegate histogram at offset 49 goes with the count that heads it; both edge counts stay.
        var raise = group.SkipWhile(i => !Equals(i, "MemberRef AngleSharp.Html.Parser.HtmlTokenizer::RaiseErrorOccurred")).TakeWhile(i => !Equals(i, "pop")).ToList();
        Assert.That(raise, Is.EqualTo(new object[] { "MemberRef AngleSharp.Html.Parser.HtmlTokenizer::RaiseErrorOccurred", "InstrumentationDataStart", 0xF, 38, 385, 1, 54, 0, 0xF, 54, 385, 1, 0, 120, "InstrumentationDataEnd" }));
        Assert.That(group.Count(i => Equals(i, "pop")), Is.EqualTo(3));
    }

    private static MibcSummary Write(out byte[] mibc)
    {
        var methods = RuntimePgoText.Parse(File.ReadAllLines(Fixture));
        using var output = new MemoryStream();
        var summary = new MibcWriter(TestContext.CurrentContext.TestDirectory).Write(methods, output);
        mibc = output.ToArray();
        return summary;
    }

    /// <summary>The method's IL as strings, numbers and resolved tokens: the opcodes a mibc uses (ldstr, ldtoken, the ldc.i4 forms, ldc.i8, pop, ret).</summary>
    private static List<object> Instructions(PEReader pe, MetadataReader metadata, MethodDefinition method)
    {
        var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!;
        var result = new List<object>();
        for (var i = 0; i < il.Length;)
        {
            switch (il[i++])
            {
                case 0x72: // ldstr
                    result.Add(metadata.GetUserString(MetadataTokens.UserStringHandle(BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i)) & 0xFFFFFF)));
                    i += 4;
                    break;
                case 0xD0: // ldtoken
                    result.Add(TokenText(metadata, MetadataTokens.EntityHandle(BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i)))));
                    i += 4;
                    break;
                case 0x20: // ldc.i4
                    result.Add(BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i)));
                    i += 4;
                    break;
                case 0x21: // ldc.i8
                    result.Add(BinaryPrimitives.ReadInt64LittleEndian(il.AsSpan(i)));
                    i += 8;
                    break;
                case >= 0x15 and <= 0x1E: // ldc.i4.m1 … ldc.i4.8
                    result.Add(il[i - 1] - 0x16);
                    break;
                case 0x1F: // ldc.i4.s
                    result.Add((int)(sbyte)il[i++]);
                    break;
                case 0x26:
                    result.Add("pop");
                    break;
                case 0x2A:
                    result.Add("ret");
                    break;
                default:
                    Assert.Fail($"unexpected opcode 0x{il[i - 1]:X2} at IL offset {i - 1}");
                    break;
            }
        }

        return result;
    }

    private static string TokenText(MetadataReader metadata, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodDefinition => "MethodDef " + metadata.GetString(metadata.GetMethodDefinition((MethodDefinitionHandle)handle).Name),
        HandleKind.MemberReference => MemberText(metadata, metadata.GetMemberReference((MemberReferenceHandle)handle)),
        HandleKind.TypeReference => "TypeRef " + TypeText(metadata, (TypeReferenceHandle)handle),
        _ => handle.Kind.ToString(),
    };

    private static string MemberText(MetadataReader metadata, MemberReference member) =>
        $"MemberRef {TypeText(metadata, (TypeReferenceHandle)member.Parent)}::{metadata.GetString(member.Name)}";

    private static string TypeText(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        return $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
    }
}
