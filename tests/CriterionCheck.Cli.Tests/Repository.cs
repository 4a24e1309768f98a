namespace CriterionCheck.Cli.Tests;

/// <summary>Paths into the repository, found from the test's output directory.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ModelSpecs => Path.Combine(Root, "model-specs");

    public static string CatalogPath(string file) => Path.Combine(ModelSpecs, file);

    public static string Snapshots(string folder) => Path.Combine(Root, "snapshots", folder);

    /// <summary>Output with the machine-specific repository prefix removed, so snapshots are portable.</summary>
    public static string Relative(string output) => output.Replace(Root + Path.DirectorySeparatorChar, "");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CriterionCheck.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (CriterionCheck.sln) above " + AppContext.BaseDirectory);
    }
}
