using CriterionCheck.Spec;

namespace CriterionCheck.Models;

/// <summary>Spec file → Model in one call: decode, read, build.</summary>
public static class ModelLoader
{
    /// <summary>Loads the spec at <paramref name="path"/> with sizes overridden by <paramref name="dims"/>.</summary>
    /// <exception cref="SpecException">The spec is malformed (with file:line:column).</exception>
    /// <exception cref="ModelOptionException">An override names no size of the spec.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Model Load(string path, IReadOnlyDictionary<string, int>? dims = null) =>
        ModelBuilder.Build(SpecReader.Read(SpecSource.Load(path)), dims);

    /// <summary>Reads the spec at <paramref name="path"/> without building its model.</summary>
    /// <exception cref="SpecException">The spec cannot be read (with file:line:column).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SpecDocument Read(string path) => SpecReader.Read(SpecSource.Load(path));

    /// <summary>Loads spec text named <paramref name="name"/>.</summary>
    public static Model FromText(string name, string text, IReadOnlyDictionary<string, int>? dims = null) =>
        ModelBuilder.Build(SpecReader.Read(new Symbolics.Parsing.SourceText(name, text)), dims);
}
