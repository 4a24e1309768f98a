using System.Text.Json;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>numeric</c> on every spec of the catalog, the corpus of unseen models and the examples: either a
/// result whose ELBO and entropy sum are finite numbers (or, where they cannot be, a diagnosis naming the
/// term and the parameter, or a boundary), or a refusal in one plain sentence with exit code 2 — never
/// NaN or ±∞ printed as a result, never the text of an internal exception. A short run (20 points,
/// two iterations) is enough: the figures are printed at every iteration.
/// </summary>
public class NumericEverySpecTests
{
    public static TheoryData<string> Specs =>
    [
        .. Directory.GetFiles(Repository.ModelSpecs, "*.model").Order(StringComparer.Ordinal),
        .. Directory.GetFiles(Path.Combine(Repository.Root, "tests", "corpus"), "*.model").Order(StringComparer.Ordinal),
        .. Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.model").Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Numeric_prints_finite_figures_or_says_why_not(string spec)
    {
        var (code, output, error) = CliRunner.Run("numeric", spec, "--n", "20", "--max-iterations", "2", "--json");
        var name = Path.GetFileName(spec);
        foreach (var text in new[] { output, error })
        {
            Assert.DoesNotContain("Exception", text);
            Assert.DoesNotContain("   at CriterionCheck.", text);
        }
        if (code == 2)
        {
            // A refusal: one located sentence on standard error, nothing on standard output.
            Assert.Equal("", output);
            Assert.StartsWith(spec + ": ", error.Trim());
            Assert.Single(error.Trim().Split('\n'));
            return;
        }
        Assert.True(code is 0 or 1, $"{name}: exit {code}: {error}");
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        var diagnosed = r.GetProperty("diagnosis").ValueKind == JsonValueKind.String || r.GetProperty("boundary").ValueKind == JsonValueKind.String;
        // JSON has no NaN or ∞: the report writes a non-finite figure as null, which only a diagnosis may explain.
        foreach (var figure in new[] { "elbo", "entropySum", "gap" })
            Assert.True(r.GetProperty(figure).ValueKind == JsonValueKind.Number || diagnosed, $"{name}: {figure} is {r.GetProperty(figure)} without a diagnosis");
        foreach (var step in r.GetProperty("history").EnumerateArray())
            foreach (var figure in new[] { "elbo", "entropySum" })
                Assert.True(step.GetProperty(figure).ValueKind == JsonValueKind.Number || diagnosed, $"{name}: {figure} at iteration {step.GetProperty("iteration")} is not finite");
    }
}
