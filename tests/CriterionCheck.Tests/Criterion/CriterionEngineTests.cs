using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Tests.Criterion;

/// <summary>The engine's verdicts on the catalog, the minimal stationarity sets, the theorem, and the paper's coefficients.</summary>
public class CriterionEngineTests
{
    // file, verdict, minimal θ over all groups (prior's first), theorem (0 = none)
    public static TheoryData<string, Verdict, string, int> Catalog => new()
    {
        { "sigmoid-belief-net.model", Verdict.Satisfied, "pi W mu", 1 },
        { "sigmoid-belief-net-2layer.model", Verdict.Satisfied, "pi M nu W mu", 1 },
        { "gaussian-decoder.model", Verdict.Satisfied, "lambda sigma2", 1 },
        { "gaussian-decoder-diagonal.model", Verdict.Satisfied, "lambda sigma2", 1 },
        { "probabilistic-pca.model", Verdict.Satisfied, "lambda sigma2", 1 },
        { "factor-analysis.model", Verdict.Satisfied, "lambda psi", 1 },
        { "gaussian-mixture.model", Verdict.Satisfied, "pi Sigma", 1 },
        { "gamma-mixture.model", Verdict.Satisfied, "pi alpha beta", 1 },
        { "poisson-mixture.model", Verdict.Satisfied, "pi lambda", 2 },
        { "bernoulli-mixture.model", Verdict.Satisfied, "pi p", 1 },
        { "binary-sparse-coding.model", Verdict.Satisfied, "pi sigma2", 1 },
        { "laplace-sparse-coding.model", Verdict.Satisfied, "b sigma2", 1 },
        { "fixed-variance-gaussian.model", Verdict.Violated, "lambda", 0 },
        { "standard-pca.model", Verdict.Violated, "sigma2", 0 },
        { "poisson-factorization.model", Verdict.Violated, "a b", 0 },
    };

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Catalog_verdicts_minimal_sets_and_theorems(string file, Verdict verdict, string stationaryIn, int theorem)
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog(file));
        var result = CriterionEngine.Solve(model);
        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(stationaryIn, string.Join(" ", result.StationaryIn));
        Assert.Equal(theorem == 0 ? null : theorem, result.Theorem);
        Assert.Equal(model.ExpectSatisfied, verdict == Verdict.Satisfied);
        // Every verdict is one the kernel accepts.
        if (result.Certificate is { } certificate) Assert.True(CertificateKernel.Check(model, certificate).Accepted);
        foreach (var witness in result.Groups.Select(g => g.Witness).OfType<Witness>())
        {
            var check = CertificateKernel.Check(model, witness);
            Assert.True(check.Accepted, string.Join("\n", check.Problems));
        }
    }

    private static Expr Coefficient(CriterionResult result, string factor, string element) =>
        result.Groups.Single(g => g.Factors.Contains(factor)).Certificate!.Coefficients[ExpressionParser.Parse(element, new ExpressionContext { DeclaredSymbols = ["pi"] })];

    private static double At(Expr e, params (string Name, double Value)[] values) =>
        Evaluator.Evaluate(e, values.ToDictionary(v => ExpressionParser.Parse(v.Name, new ExpressionContext { DeclaredSymbols = ["pi"] }), v => v.Value));

    [Fact]
    public void SBN_coefficients_are_the_papers()
    {
        var result = CriterionEngine.Solve(ModelLoader.Load(RepositoryPaths.Catalog("sigmoid-belief-net.model")));
        // Proposition 1: α_h = π_h(1 − π_h)·log(π_h/(1 − π_h)), β = (W, μ).
        Assert.Equal(0.3 * 0.7 * Math.Log(0.3 / 0.7), At(Coefficient(result, "z", "pi[1]"), ("pi[1]", 0.3)), 12);
        Assert.Equal("W[2,1]", Coefficient(result, "x", "W[2,1]").ToString());
        Assert.Equal("mu[3]", Coefficient(result, "x", "mu[3]").ToString());
    }

    [Fact]
    public void Gaussian_observables_need_only_the_variance_with_beta_minus_sigma2()
    {
        foreach (var file in new[] { "gaussian-decoder.model", "probabilistic-pca.model" })
        {
            var result = CriterionEngine.Solve(ModelLoader.Load(RepositoryPaths.Catalog(file)));
            var x = result.Groups.Single(g => g.Factors.Contains("x")).Certificate!;
            Assert.Equal(["sigma2"], x.Theta.ToArray());
            Assert.Equal("-sigma2", x.Coefficients[Symbol.Of("sigma2")].ToString());
        }
        var diagonal = CriterionEngine.Solve(ModelLoader.Load(RepositoryPaths.Catalog("gaussian-decoder-diagonal.model")));
        Assert.Equal("-sigma2[2]", diagonal.Groups[1].Certificate!.Coefficients[Symbol.Of("sigma2", 2)].ToString());
    }

    [Fact]
    public void Categorical_prior_alpha_equals_pi_times_log_pi_plus_entropy()
    {
        var result = CriterionEngine.Solve(ModelLoader.Load(RepositoryPaths.Catalog("gamma-mixture.model")));
        var (p1, p2) = (0.2, 0.5);
        var p3 = 1 - p1 - p2;
        var entropy = -(p1 * Math.Log(p1) + p2 * Math.Log(p2) + p3 * Math.Log(p3));
        Assert.Equal(p1 * (Math.Log(p1) + entropy), At(Coefficient(result, "c", "pi[1]"), ("pi[1]", p1), ("pi[2]", p2)), 12);
        Assert.Equal(p2 * (Math.Log(p2) + entropy), At(Coefficient(result, "c", "pi[2]"), ("pi[1]", p1), ("pi[2]", p2)), 12);
        // Section 4.1: β = (α − 1, β) for the Gamma observable.
        Assert.Equal("alpha[2] - 1", Coefficient(result, "x", "alpha[2]").ToString());
        Assert.Equal("beta[3]", Coefficient(result, "x", "beta[3]").ToString());
    }

    [Fact]
    public void Poisson_mixture_has_beta_lambda_log_lambda_under_theorem_2()
    {
        var result = CriterionEngine.Solve(ModelLoader.Load(RepositoryPaths.Catalog("poisson-mixture.model")));
        Assert.Equal(2, result.Theorem);
        Assert.Equal("lambda[2,3]*log(lambda[2,3])", Coefficient(result, "x", "lambda[2,3]").ToString());
    }

    [Fact]
    public void Tied_parameters_are_solved_as_one_group()
    {
        var model = ModelLoader.FromText("tied.model", """
            dims H = 2, D = 2
            param s positive
            param W[D, H] real
            latent  z[h in H] ~ Normal(0, s)
            observe x[d in D] ~ Normal(sum(h in H, W[d, h] * z[h]), s)
            """);
        var result = CriterionEngine.Solve(model);
        Assert.Equal(Verdict.Satisfied, result.Verdict);
        var group = Assert.Single(result.Groups);
        Assert.Equal(["z", "x"], group.Factors.ToArray());
        Assert.Equal("-s", group.Certificate!.Coefficients[Symbol.Of("s")].ToString());
        Assert.True(CertificateKernel.Check(model, result.Certificate!).Accepted);
    }
}
