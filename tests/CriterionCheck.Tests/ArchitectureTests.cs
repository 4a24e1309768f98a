using System.Reflection;

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
}
