namespace CriterionCheck.Cli.Tests;

/// <summary>
/// A verdict proved for every size is reported at the paper's generality: formulas and proofs are
/// written in templates (Σ_h W[d,h] z[h], β[W[d,h]] = W[d,h]) and do not grow with the sizes asked for.
/// </summary>
public class AllSizesOutputTests
{
    // The sizes are named only in the sentence that says which sizes the concrete check used.
    private static string WithoutSizes(string text) =>
        string.Join("\n", text.Split('\n').Where(l => !l.Contains("Spec file", StringComparison.Ordinal)));

    [Theory]
    [InlineData("sigmoid-belief-net.model", "H=200,D=784")]
    [InlineData("sigmoid-belief-net.model", "H=2000,D=7840")]
    [InlineData("gaussian-mixture.model", "C=16,D=64")]
    [InlineData("probabilistic-pca.model", "H=50,D=784")]
    public void The_proof_at_large_sizes_is_the_proof_at_the_declared_sizes(string file, string dims)
    {
        var (code, small, _) = CliRunner.Run("prove", Repository.CatalogPath(file));
        var (largeCode, large, error) = CliRunner.Run("prove", Repository.CatalogPath(file), "--dims", dims);
        Assert.Equal(0, code);
        Assert.True(largeCode == 0, error);
        Assert.Equal(WithoutSizes(small), WithoutSizes(large));
        Assert.DoesNotContain("more, of the same form", large);
        Assert.Contains("for every size", large);
    }

    [Theory]
    [InlineData("sigmoid-belief-net.model", "H=200,D=784", "sum(h in H, W[d,h]*z[h])")]
    [InlineData("gaussian-mixture.model", "C=16,D=64", "log(det(Sigma[c]))")]
    public void The_formula_at_large_sizes_is_written_in_templates(string file, string dims, string expected)
    {
        var (code, small, _) = CliRunner.Run("formula", Repository.CatalogPath(file));
        var (largeCode, large, error) = CliRunner.Run("formula", Repository.CatalogPath(file), "--dims", dims);
        Assert.Equal(0, code);
        Assert.True(largeCode == 0, error);
        Assert.Equal(small, large);
        Assert.Contains(expected, large);
    }

    [Fact]
    public void The_check_report_gives_coefficients_as_templates_and_the_paper_categorical_alpha()
    {
        var (code, output, _) = CliRunner.Run("check", Repository.CatalogPath("gaussian-mixture.model"), "--dims", "C=16,D=64");
        Assert.Equal(0, code);
        Assert.Contains("α[pi[c]] = pi[c]*(H[pi] + log(pi[c]))", output);
        Assert.Contains("where H[pi] = -sum(c in C, pi[c]*log(pi[c]))", output);
        Assert.Contains("β[Sigma[c,d,d2]] = -Sigma[c,d,d2]", output);
        Assert.Contains("so also at the sizes asked for, C = 16, D = 64", output);
    }
}
