using System.Text.Json;
using CriterionCheck.Symbolics.Parsing;
using Snapshooter;
using Snapshooter.Xunit;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>formula</c> (text and LaTeX) and <c>prove</c> (Markdown) on every catalog spec, locked by approved
/// snapshots under <c>snapshots/formula/</c> and <c>snapshots/prove/</c>; the JSON form and the error
/// cases by assertions.
/// </summary>
public class FormulaAndProveCommandTests
{
    public static TheoryData<string> CatalogFiles => ShowCommandTests.CatalogFiles;

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Formula_text(string file)
    {
        var (code, output, error) = CliRunner.Run("formula", Repository.CatalogPath(file), "--posterior", "exact");
        if (code == 2) (code, output, error) = CliRunner.Run("formula", Repository.CatalogPath(file)); // not linear-Gaussian
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Snapshot.Match(Repository.Relative(output), new SnapshotFullName($"{file}.txt", Repository.Snapshots("formula")));
    }

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Formula_latex(string file)
    {
        var (code, output, error) = CliRunner.Run("formula", Repository.CatalogPath(file), "--format", "latex", "--posterior", "exact");
        if (code == 2) (code, output, error) = CliRunner.Run("formula", Repository.CatalogPath(file), "--format", "latex");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Snapshot.Match(Repository.Relative(output), new SnapshotFullName($"{file}.tex", Repository.Snapshots("formula")));
    }

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Prove_markdown(string file)
    {
        var (code, output, error) = CliRunner.Run("prove", Repository.CatalogPath(file));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Snapshot.Match(Repository.Relative(output), new SnapshotFullName($"{file}.md", Repository.Snapshots("prove")));
    }

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Formula_json_carries_text_latex_and_parseable_expressions(string file)
    {
        var (code, output, _) = CliRunner.Run("formula", Repository.CatalogPath(file), "--format", "json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        if (root.GetProperty("verdict").GetString() != "satisfied")
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty("formula").ValueKind);
            Assert.StartsWith("factors ", root.GetProperty("reason").GetString());
            return;
        }
        var formula = root.GetProperty("formula");
        Assert.StartsWith("F = (1/N) sum_n H[q_n(", formula.GetProperty("general").GetProperty("text").GetString());
        Assert.StartsWith("\\mathcal{F}(\\Phi,\\Theta) = ", formula.GetProperty("specific").GetProperty("latex").GetString());
        var terms = formula.GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal("variationalEntropy", terms[0].GetProperty("kind").GetString());
        // The spec's opaque functions (a decoder inside an entropy) are names the expression may call.
        var context = CriterionCheck.Models.ModelLoader.Load(Repository.CatalogPath(file)).Functions
            .Aggregate(ExpressionContext.Default, (c, f) => c.WithOpaqueFunction(f.Name));
        foreach (var term in terms.Skip(1))
        {
            // The machine-evaluable expression reads back as the same expression.
            var expression = term.GetProperty("expression").GetString()!;
            Assert.Equal(expression, CriterionCheck.Symbolics.Printing.TextPrinter.PrintExplicit(ExpressionParser.Parse(expression, context)));
        }
    }

    [Fact]
    public void Poisson_mixture_uses_theorem_2_with_pseudo_entropies_and_the_base_measure()
    {
        var (_, output, _) = CliRunner.Run("formula", Repository.CatalogPath("poisson-mixture.model"), "--format", "json");
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("theorem").GetInt32());
        var kinds = json.RootElement.GetProperty("formula").GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["variationalEntropy", "entropy", "pseudoEntropy", "baseMeasure"], kinds);
    }

    [Fact]
    public void Exact_posterior_needs_a_linear_gaussian_model()
    {
        var (code, output, error) = CliRunner.Run("formula", Repository.CatalogPath("gaussian-decoder.model"), "--posterior", "exact");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--posterior exact needs a linear-Gaussian model", error);
    }

    [Fact]
    public void Prove_latex_is_a_complete_document_written_to_a_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"criterion-check-proof-{Environment.ProcessId}.tex");
        try
        {
            var (code, output, _) = CliRunner.Run("prove", Repository.CatalogPath("poisson-mixture.model"), "--format", "latex", "-o", file);
            Assert.Equal(0, code);
            var text = File.ReadAllText(file);
            Assert.Equal($"wrote the proof to {file} (LaTeX, {text.Count(c => c == '\n')} lines)\n", output);
            Assert.StartsWith("\\documentclass", text);
            Assert.EndsWith("\\end{document}\n", text);
            Assert.Contains("\\section*{Theorem 2}", text);
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData("formula", "--format", "pdf")]
    [InlineData("prove", "--format", "text")]
    [InlineData("formula", "--posterior", "mean-field")]
    public void Unknown_choices_are_usage_errors(string command, string option, string value)
    {
        var (code, _, error) = CliRunner.Run(command, Repository.CatalogPath("gamma-mixture.model"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(value, error);
    }
}
