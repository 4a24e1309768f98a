using System.Reflection;
using System.Text.RegularExpressions;

namespace CriterionCheck.Tests;

/// <summary>
/// The pipeline runs one way: Symbolics ← CriterionCheck ← Cli. These tests fail as soon as a project
/// reaches back upstream through an assembly reference.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Domain = Assembly.Load("CriterionCheck");

    [Fact]
    public void The_domain_project_depends_on_the_symbolic_engine_and_not_on_the_command_line()
    {
        var names = Domain.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("criterion-check", names);
        Assert.DoesNotContain("System.CommandLine", names);
    }

    [Fact]
    public void The_symbolic_engine_depends_on_no_other_CriterionCheck_project()
    {
        var symbolics = Assembly.Load("CriterionCheck.Symbolics");
        var names = symbolics.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(names, n => n.StartsWith("CriterionCheck", StringComparison.Ordinal) || n == "criterion-check");
    }

    // Inside the domain project the folders are the pipeline: each may use only the ones listed.
    public static TheoryData<string, string> AllowedUpstream => new()
    {
        { "Families", "" },
        { "Spec", "Families" },
        { "Models", "Families Spec" },
        { "Criterion", "Families Spec Models Kernel" },
        { "Kernel", "Families Spec Models" },
        { "Verification", "Families Models Criterion Kernel" },
        { "EntropySum", "Families Models Criterion Kernel Verification" },
        { "Presentation", "Families Models Criterion Kernel Verification" },
        { "Proofs", "Families Models Criterion Kernel Verification EntropySum Presentation" },
        { "Numerics", "Families Spec Models Criterion Kernel Verification EntropySum" },
    };

    [Theory]
    [MemberData(nameof(AllowedUpstream))]
    public void Domain_folders_reach_only_upstream(string folder, string allowed)
    {
        var permitted = allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(folder).Append("Symbolics").ToHashSet();
        var directory = Path.Combine(RepositoryPaths.Root, "src", "CriterionCheck", folder);
        Assert.True(Directory.Exists(directory), directory);
        foreach (var file in Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories))
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"\bCriterionCheck\.(\w+)"))
                Assert.True(permitted.Contains(m.Groups[1].Value), $"{Path.GetFileName(file)} in {folder} uses CriterionCheck.{m.Groups[1].Value}");
    }

    [Fact]
    public void Every_domain_folder_has_a_rule()
    {
        var folders = Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "src", "CriterionCheck"))
            .Select(d => Path.GetFileName(d)!).Where(d => d is not ("bin" or "obj")).Order(StringComparer.Ordinal);
        Assert.Equal(AllowedUpstream.Select(row => (string)row[0]).Order(StringComparer.Ordinal), folders);
    }
}
