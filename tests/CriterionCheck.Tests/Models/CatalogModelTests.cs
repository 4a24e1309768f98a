using CriterionCheck.Models;

namespace CriterionCheck.Tests.Models;

/// <summary>The catalog parses into the models the table describes, with exactly its parameter names.</summary>
public class CatalogModelTests
{
    // file, parameters as declared, factors as "variable:role:family" in dependency order, expect satisfied
    public static TheoryData<string, string, string, bool> Catalog => new()
    {
        { "sigmoid-belief-net.model", "pi[H] W[D, H] mu[D]", "z:Prior:Bernoulli x:Observable:Bernoulli", true },
        { "sigmoid-belief-net-2layer.model", "pi[H] M[I, H] nu[I] W[D, I] mu[D]", "z:Prior:Bernoulli y:Latent:Bernoulli x:Observable:Bernoulli", true },
        { "gaussian-decoder.model", "lambda[H] w[D, H] sigma2", "z:Prior:Normal x:Observable:Normal", true },
        { "gaussian-decoder-diagonal.model", "lambda[H] w[D, H] sigma2[D]", "z:Prior:Normal x:Observable:Normal", true },
        { "probabilistic-pca.model", "lambda[H] W[D, H] mu[D] sigma2", "z:Prior:Normal x:Observable:Normal", true },
        { "factor-analysis.model", "lambda[H] W[D, H] mu[D] psi[D]", "z:Prior:Normal x:Observable:Normal", true },
        { "gaussian-mixture.model", "pi[C] mu[C, D] Sigma[C, D, D]", "c:Prior:Categorical x:Observable:MvNormal", true },
        { "gamma-mixture.model", "pi[C] alpha[C] beta[C]", "c:Prior:Categorical x:Observable:Gamma", true },
        { "poisson-mixture.model", "pi[C] lambda[C, D]", "c:Prior:Categorical x:Observable:Poisson", true },
        { "bernoulli-mixture.model", "pi[C] p[C, D]", "c:Prior:Categorical x:Observable:Bernoulli", true },
        { "binary-sparse-coding.model", "pi[H] W[D, H] sigma2", "z:Prior:Bernoulli x:Observable:Normal", true },
        { "laplace-sparse-coding.model", "b[H] W[D, H] sigma2", "z:Prior:Laplace x:Observable:Normal", true },
        { "fixed-variance-gaussian.model", "lambda[H] W[D, H] mu[D]", "z:Prior:Normal x:Observable:Normal", false },
        { "standard-pca.model", "W[D, H] mu[D] sigma2", "z:Prior:Normal x:Observable:Normal", false },
        { "poisson-factorization.model", "a[H] b[H] W[D, H]", "z:Prior:Gamma x:Observable:Poisson", false },
        { "vae-bernoulli.model", "lambda[H] w[D, H]", "z:Prior:Normal x:Observable:Bernoulli", false },
        { "vae-bernoulli-linear.model", "lambda[H] w[K, H] V[D, K] b[D]", "z:Prior:Normal x:Observable:Bernoulli", true },
        { "sigmoid-belief-net-3layer.model", "pi[H1] W1[H2, H1] b1[H2] W2[H3, H2] b2[H3] W[D, H3] mu[D]",
            "z1:Prior:Bernoulli z2:Latent:Bernoulli z3:Latent:Bernoulli x:Observable:Bernoulli", true },
        { "poisson-glm.model", "lambda[H] W[D, H] b[D]", "z:Prior:Normal x:Observable:Poisson", true },
        { "mixture-prior.model", "pi[C] m[C, H] lambda[C, H] W[D, H] mu[D] sigma2", "c:Prior:Categorical z:Latent:Normal x:Observable:Normal", true },
    };

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Catalog_file_parses_into_the_described_model(string file, string parameters, string factors, bool expectSatisfied)
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog(file));
        Assert.Equal(parameters, string.Join(" ", model.Parameters.Select(p => p.Declaration)));
        Assert.Equal(factors, string.Join(" ", model.Factors.Select(f => $"{f.Variable}:{f.Role}:{f.Family.Name}")));
        Assert.Equal(expectSatisfied, model.ExpectSatisfied);
        // Default sizes are the small ones the issue fixes, so outputs stay readable.
        var defaults = new Dictionary<string, int> { ["H"] = 2, ["D"] = 3, ["C"] = 3, ["I"] = 2, ["K"] = 2, ["H1"] = 2, ["H2"] = 2, ["H3"] = 2 };
        Assert.All(model.Dimensions, d => Assert.Equal(defaults[d.Name], d.Size));
        // Every parameter is used by some factor and every factor's parents come before it.
        var seen = new HashSet<string>();
        foreach (var f in model.Factors)
        {
            Assert.All(f.Parents, p => Assert.Contains(p, seen));
            seen.Add(f.Variable);
        }
    }

    [Fact]
    public void Catalog_has_exactly_the_files_of_the_table()
    {
        var files = Directory.GetFiles(RepositoryPaths.ModelSpecs, "*.model").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var table = Catalog.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(table, files);
    }

    [Fact]
    public void Dims_override_resizes_plates_and_parameters()
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog("sigmoid-belief-net.model"), new Dictionary<string, int> { ["H"] = 5, ["D"] = 7 });
        Assert.Equal(35, model.Parameter("W").FreeElements.Length);
        Assert.Equal(5, model.Factors[0].Elements.Length);
        Assert.Equal(7, model.Observable.Elements.Length);
        Assert.Equal("mu[7] + W[7,1]*z[1] + W[7,2]*z[2] + W[7,3]*z[3] + W[7,4]*z[4] + W[7,5]*z[5]", model.Observable.Elements[6].NaturalParameters[0].ToString());
    }

    [Fact]
    public void Dims_override_of_an_unknown_size_is_an_option_error()
    {
        var e = Assert.Throws<ModelOptionException>(() => ModelLoader.Load(RepositoryPaths.Catalog("gamma-mixture.model"), new Dictionary<string, int> { ["K"] = 3 }));
        Assert.Contains("no size named K", e.Message);
    }

    [Fact]
    public void Simplex_and_covariance_blocks_expose_only_free_elements()
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog("gaussian-mixture.model"));
        Assert.Equal("pi[1] pi[2]", string.Join(" ", model.Parameter("pi").FreeElements));
        Assert.Equal(18, model.Parameter("Sigma").FreeElements.Length);
        Assert.DoesNotContain(model.Parameter("Sigma").FreeElements, s => s.ToString() == "Sigma[1,2,1]");
        // The prior's natural parameters use pi[3] = 1 − pi[1] − pi[2].
        Assert.Equal("log(pi[1]) - log(1 - pi[1] - pi[2])", model.Factors[0].Elements[0].NaturalParameters[0].ToString());
    }

    [Fact]
    public void Opaque_function_body_is_lowered_per_output_element()
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog("gaussian-decoder.model"));
        var f = Assert.Single(model.Functions);
        Assert.Equal(3, f.Body.Length);
        Assert.Equal("w[2,1]*tanh(z[1]) + w[2,2]*tanh(z[2])", f.Body[1].ToString());
        Assert.Equal("lambda", string.Join(",", model.Factors[0].Parameters));
        Assert.Equal("sigma2,w", string.Join(",", model.Observable.Parameters));
        Assert.Equal("f[1](z; w)/sigma2", model.Observable.Elements[0].NaturalParameters[0].ToString());
    }
}
