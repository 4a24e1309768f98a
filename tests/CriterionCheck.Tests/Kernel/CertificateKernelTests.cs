using System.Collections.Immutable;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// The kernel accepts the paper's coefficients, written by hand here (not by any solver), and rejects
/// every tampered certificate and witness.
/// </summary>
public class CertificateKernelTests
{
    private static Model Load(string file) => ModelLoader.Load(RepositoryPaths.Catalog(file));

    // Coefficients given as "element = expression" text over the model's names.
    private static FactorCertificate Group(Model model, string factor, string theta, params string[] coefficients)
    {
        var context = new ExpressionContext { DeclaredSymbols = [.. model.Parameters.Select(p => p.Name)] };
        var map = ImmutableDictionary.CreateBuilder<Expr, Expr>();
        foreach (var c in coefficients)
        {
            var eq = c.IndexOf('=');
            map[ExpressionParser.Parse(c[..eq], context)] = ExpressionParser.Parse(c[(eq + 1)..], context);
        }
        return new FactorCertificate([factor], [.. theta.Split(' ')], map.ToImmutable());
    }

    private static IEnumerable<string> Each(Model model, string block, Func<string, string> coefficient) =>
        model.Parameter(block).FreeElements.Select(e => $"{e} = {coefficient(e.ToString())}");

    // α of a categorical prior (paper): π_k(log π_k + H[π]), H over all C weights, π_C = 1 − Σ others.
    private static FactorCertificate CategoricalPrior(Model model)
    {
        var free = model.Parameter("pi").FreeElements.Select(e => e.ToString()).ToList();
        var last = $"(1 - {string.Join(" - ", free)})";
        var entropy = $"(-({string.Join(" + ", free.Select(p => $"{p}*log({p})"))}) - {last}*log({last}))";
        return Group(model, "c", "pi", [.. free.Select(p => $"{p} = {p}*(log({p}) + {entropy})")]);
    }

    public static TheoryData<string> SatisfiedCatalog => ["sigmoid-belief-net.model", "probabilistic-pca.model", "gaussian-decoder.model",
        "gaussian-decoder-diagonal.model", "gaussian-mixture.model", "gamma-mixture.model", "poisson-mixture.model", "bernoulli-mixture.model"];

    // The paper's certificate for each model (SBN: Prop. 1; Gaussians: Props. 2-3; mixtures: Props. 4-5, Sec. 4).
    private static Certificate PaperCertificate(Model model, string file) => file switch
    {
        "sigmoid-belief-net.model" => new([
            Group(model, "z", "pi", [.. Each(model, "pi", p => $"{p}*(1 - {p})*logit({p})")]),
            Group(model, "x", "W mu", [.. Each(model, "W", w => w), .. Each(model, "mu", m => m)])]),
        "probabilistic-pca.model" => new([
            Group(model, "z", "lambda", [.. Each(model, "lambda", l => $"-{l}")]),
            Group(model, "x", "sigma2", "sigma2 = -sigma2")]),
        "gaussian-decoder.model" => new([
            Group(model, "z", "lambda", [.. Each(model, "lambda", l => $"-{l}")]),
            Group(model, "x", "sigma2", "sigma2 = -sigma2")]),
        "gaussian-decoder-diagonal.model" => new([
            Group(model, "z", "lambda", [.. Each(model, "lambda", l => $"-{l}")]),
            Group(model, "x", "sigma2", [.. Each(model, "sigma2", s => $"-{s}")])]),
        "gaussian-mixture.model" => new([CategoricalPrior(model), Group(model, "x", "Sigma", [.. Each(model, "Sigma", s => $"-{s}")])]),
        "gamma-mixture.model" => new([CategoricalPrior(model),
            Group(model, "x", "alpha beta", [.. Each(model, "alpha", a => $"{a} - 1"), .. Each(model, "beta", b => b)])]),
        "poisson-mixture.model" => new([CategoricalPrior(model), Group(model, "x", "lambda", [.. Each(model, "lambda", l => $"{l}*log({l})")])]),
        "bernoulli-mixture.model" => new([CategoricalPrior(model), Group(model, "x", "p", [.. Each(model, "p", p => $"{p}*(1 - {p})*logit({p})")])]),
        _ => throw new ArgumentException(file),
    };

    [Theory]
    [MemberData(nameof(SatisfiedCatalog))]
    public void Kernel_accepts_the_papers_certificate(string file)
    {
        var model = Load(file);
        var result = CertificateKernel.Check(model, PaperCertificate(model, file));
        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        Assert.True(result.Proofs.Total > 0);
    }

    [Theory]
    [MemberData(nameof(SatisfiedCatalog))]
    public void Kernel_rejects_every_certificate_with_one_coefficient_perturbed(string file)
    {
        var model = Load(file);
        var certificate = PaperCertificate(model, file);
        for (var g = 0; g < certificate.Groups.Length; g++)
            foreach (var key in certificate.Groups[g].Coefficients.Keys.Take(3))
            {
                var group = certificate.Groups[g];
                var tampered = group with { Coefficients = group.Coefficients.ToImmutableDictionary().SetItem(key, group.Coefficients[key] + new Rational(1, 10)) };
                var result = CertificateKernel.Check(model, new Certificate(certificate.Groups.SetItem(g, tampered)));
                Assert.False(result.Accepted, $"{file}: perturbing the coefficient of {key} was accepted");
            }
    }

    [Fact]
    public void Kernel_rejects_coefficients_that_depend_on_latents_or_leave_theta()
    {
        var model = Load("sigmoid-belief-net.model");
        var good = PaperCertificate(model, "sigmoid-belief-net.model");
        var withLatent = good.Groups[1] with { Coefficients = good.Groups[1].Coefficients.ToImmutableDictionary().SetItem(Symbol.Of("mu", 1), Symbol.Of("mu", 1) + Symbol.Of("z", 1) - Symbol.Of("z", 1) * Symbol.Of("z", 1)) };
        var result = CertificateKernel.Check(model, new Certificate(good.Groups.SetItem(1, withLatent)));
        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains("depends on the latent variable z[1]"));

        var outsideTheta = good.Groups[1] with { Theta = ["W"] };
        Assert.Contains(CertificateKernel.Check(model, new Certificate(good.Groups.SetItem(1, outsideTheta))).Problems, p => p.Contains("not a free element of θ"));
    }

    [Fact]
    public void Kernel_requires_every_factor_covered_once()
    {
        var model = Load("probabilistic-pca.model");
        var good = PaperCertificate(model, "probabilistic-pca.model");
        Assert.Contains(CertificateKernel.Check(model, new Certificate([good.Groups[1]])).Problems, p => p.Contains("factor z must be covered"));
        Assert.False(CertificateKernel.Check(model, new Certificate([.. good.Groups, good.Groups[1]])).Accepted);
    }

    // Every parameter at a rational point of its domain, every latent element at 1.
    private static Witness Witness(Model model, string factor, int natural, params (int Element, int Natural, int Weight)[] rows) =>
        new([factor], RationalPoint.Parameters(model, 1).ToImmutableDictionary(p => p.Key, p => (Expr)Number.Of(p.Value)),
            [model.Factors.Where(f => f.Role != FactorRole.Observable).SelectMany(f => f.Elements.SelectMany(e => e.Variable)).ToImmutableDictionary(v => (Expr)v, _ => (Expr)Number.One)],
            [.. rows.Select(r => new WitnessRow(factor, r.Element, r.Natural, 0, Number.Of(r.Weight)))], "test");

    [Fact]
    public void Kernel_accepts_the_counterexamples_witnesses_and_rejects_tampered_ones()
    {
        // A parameter-free prior N(0, 1): ζ₂ = −1/2 ≠ 0 and there are no columns.
        var pca = Load("standard-pca.model");
        Assert.True(CertificateKernel.Check(pca, Witness(pca, "z", 1, (0, 1, 1))).Accepted);
        // ζ₁ = 0: weighting it shows nothing.
        Assert.False(CertificateKernel.Check(pca, Witness(pca, "z", 0, (0, 0, 1))).Accepted);

        // A fixed unit variance: η₂ = −1/2 has a zero Jacobian row.
        var fixedVariance = Load("fixed-variance-gaussian.model");
        Assert.True(CertificateKernel.Check(fixedVariance, Witness(fixedVariance, "x", 1, (0, 1, 1))).Accepted);
        // η₁ depends on mu[1]: yᵀJ ≠ 0.
        var tampered = CertificateKernel.Check(fixedVariance, Witness(fixedVariance, "x", 0, (0, 0, 1), (0, 1, 1)));
        Assert.False(tampered.Accepted);
        Assert.Contains(tampered.Problems, p => p.Contains("yᵀJ"));
    }
}
