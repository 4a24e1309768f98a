using System.Text.Json;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>new</c>: every template it can print is a valid spec whose <c>expect</c> is the verdict, with the
/// minimal stationarity set and theorem worked out by hand below (not read from the template code).
/// </summary>
public class NewCommandTests
{
    // By hand, for the prior (condition A): Normal(0, lambda) has zeta = (0, -1/(2 lambda)), reproduced by
    // alpha = -lambda; Bernoulli(pi): zeta = logit(pi), alpha = pi(1 - pi) logit(pi); Laplace(b): zeta = -1/b,
    // alpha = -b; Gamma(a, b): zeta = (a - 1, -b), alpha = (a - 1, b); Categorical(pi):
    // alpha_i = pi_i (log pi_i + H[pi]). Each needs all of the prior's parameters.
    private static readonly Dictionary<string, string[]> PriorSet = new()
    {
        ["Normal"] = ["lambda"], ["Bernoulli"] = ["pi"], ["Laplace"] = ["b"], ["Gamma"] = ["a", "b"], ["Categorical"] = ["pi"],
    };

    // By hand, for the observable (condition B), smallest theta first: a Normal's eta = (m/sigma2, -1/(2 sigma2))
    // is reproduced by beta = -sigma2 alone, whatever the mean m; Bernoulli(sigmoid(w z + mu)) and
    // Poisson(exp(w z + mu)) have eta = w z + mu, which needs both w and mu (z takes at least two values);
    // in a mixture, Bernoulli(p[c]) has eta = logit(p), beta = p(1 - p) logit(p), and Poisson(lambda[c])
    // has eta = log(lambda), beta = lambda log(lambda).
    private static string[] ObservableSet(string observable, bool mixture, bool plates) => (observable, mixture) switch
    {
        ("Normal", _) => ["sigma2"],
        ("Bernoulli", true) => ["p"],
        ("Poisson", true) => ["lambda"],
        _ => [plates ? "W" : "w", "mu"],
    };

    public static TheoryData<string, string, bool> Combinations()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var prior in new[] { "Normal", "Bernoulli", "Laplace", "Gamma", "Categorical" })
            foreach (var observable in new[] { "Normal", "Bernoulli", "Poisson" })
                foreach (var plates in new[] { false, true })
                    data.Add(prior, observable, plates);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_template_checks_with_its_stated_expect(string prior, string observable, bool plates)
    {
        string[] args = plates ? ["new", "--prior", prior, "--observable", observable, "--plates"] : ["new", "--prior", prior, "--observable", observable];
        var (code, spec, error) = CliRunner.Run(args);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.EndsWith("\nexpect satisfied\n", spec);
        Assert.All(spec.Split('\n'), line => Assert.True(line.Length <= 100, $"a long line: {line}"));

        var directory = Directory.CreateTempSubdirectory("criterion-check-new-");
        try
        {
            var file = Path.Combine(directory.FullName, "template.model");
            File.WriteAllText(file, spec);
            var check = CliRunner.Run("check", file, "--json");
            Assert.True(check.Code == 0, $"check exited {check.Code}: {check.Err}\n{spec}");
            using var json = JsonDocument.Parse(check.Out);
            var result = json.RootElement.EnumerateArray().Single();
            Assert.Equal("satisfied", result.GetProperty("verdict").GetString());
            Assert.Equal("satisfied", result.GetProperty("expected").GetString());
            Assert.True(result.GetProperty("kernel").GetBoolean());
            Assert.Equal(observable == "Poisson" ? 2 : 1, result.GetProperty("theorem").GetInt32());
            string[] expected = [.. PriorSet[prior], .. ObservableSet(observable, prior == "Categorical", plates)];
            var stationary = result.GetProperty("stationaryIn").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(expected.Order(), stationary.Order());
            // The closing comment tells the reader the same set.
            Assert.Contains($"stationary in {string.Join(", ", stationary)}", spec.Replace("\n# ", " "));
        }
        finally { directory.Delete(recursive: true); }
    }

    [Fact]
    public void The_default_is_a_scalar_normal_prior_and_normal_observable_and_names_are_case_insensitive()
    {
        var defaults = CliRunner.Run("new");
        Assert.Equal(0, defaults.Code);
        Assert.Equal(CliRunner.Run("new", "--prior", "Normal", "--observable", "Normal").Out, defaults.Out);
        Assert.Equal(defaults.Out, CliRunner.Run("new", "--prior", "normal", "--observable", "NORMAL").Out);
        Assert.Contains("latent  z ~ Normal(0, lambda)\n", defaults.Out);
        Assert.Contains("observe x ~ Normal(w * z + mu, sigma2)\n", defaults.Out);
    }

    [Theory]
    [InlineData("--prior", "Gaussian", "--prior expects one of Normal, Bernoulli, Laplace, Gamma, Categorical; got 'Gaussian'")]
    [InlineData("--observable", "Categorical", "--observable expects one of Normal, Bernoulli, Poisson; got 'Categorical'")]
    public void Unknown_families_are_usage_errors(string option, string value, string message)
    {
        var (code, output, error) = CliRunner.Run("new", option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"criterion-check: {message}\n", error);
    }
}
