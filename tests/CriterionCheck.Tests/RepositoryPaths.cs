namespace CriterionCheck.Tests;

/// <summary>Locates files of the repository from the test's output directory.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModelSpecs => Path.Combine(Root, "model-specs");

    public static string Catalog(string file) => Path.Combine(ModelSpecs, file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CriterionCheck.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (CriterionCheck.sln) above " + AppContext.BaseDirectory);
    }
}
