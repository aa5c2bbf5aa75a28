using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace CodeFirst.Packaging.Tests.Support;

/// <summary>Reads a .nupkg: its file list and its nuspec.</summary>
internal sealed class Nupkg
{
    private Nupkg(string path, IReadOnlyList<string> files, XElement metadata)
    {
        Path = path;
        Files = files;
        Metadata = metadata;
    }

    public string Path { get; }
    public IReadOnlyList<string> Files { get; }
    public XElement Metadata { get; }

    public static Nupkg Open(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not produced. Feed: {string.Join(", ", Directory.GetFiles(System.IO.Path.GetDirectoryName(path)!).Select(f => System.IO.Path.GetFileName(f)))}");
        using var zip = ZipFile.OpenRead(path);
        var files = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml").ToArray();
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        return new Nupkg(path, files, document.Root!.Elements().Single(e => e.Name.LocalName == "metadata"));
    }

    public string? Value(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public XElement? Element(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public IReadOnlyList<(string Id, string Version)> Dependencies =>
        Metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!)).ToArray();

    public string ReadText(string entry)
    {
        using var zip = ZipFile.OpenRead(Path);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The assemblies a packed DLL references, by name and version.</summary>
    public IReadOnlyDictionary<string, Version> AssemblyReferences(string entry)
    {
        using var zip = ZipFile.OpenRead(Path);
        using var copy = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open()) stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(reader.GetAssemblyReference)
            .ToDictionary(r => reader.GetString(r.Name), r => r.Version, StringComparer.Ordinal);
    }
}
