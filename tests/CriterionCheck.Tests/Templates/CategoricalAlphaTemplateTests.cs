using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// The categorical prior's α for a symbolic number of categories C. By hand (paper Eqs. 41–45): with
/// π_C = 1 − Σ_{c&lt;C} π_c, ζ_i = log(π_i/π_C) for i &lt; C and ∂ζ_i/∂π_c = δ_ic/π_c + 1/π_C, so
/// (Jα)_i = α_i/π_i + Σ_{c&lt;C} α_c/π_C. With α_c = π_c(log π_c + H[π]), H[π] = −Σ_{c=1}^{C} π_c log π_c:
/// α_i/π_i = log π_i + H and Σ_{c&lt;C} α_c = −H − π_C log π_C + H(1 − π_C), so (Jα)_i = log π_i − log π_C = ζ_i.
/// The kernel proves this for symbolic C; doubles appear here only to compare the tool's α with that
/// formula at C = 3 and C = 5.
/// </summary>
public class CategoricalAlphaTemplateTests
{
    // Every catalog spec with a categorical prior c ~ Categorical(pi).
    public static TheoryData<string> Mixtures => ["gaussian-mixture.model", "gamma-mixture.model", "poisson-mixture.model", "bernoulli-mixture.model", "mixture-prior.model"];

    private static (Symbol Key, Expr Alpha) Alpha(ModelCheck check)
    {
        var group = check.TemplateCertificate!.Groups.Single(g => g.Factors.SequenceEqual(["c"]));
        Assert.Equal("pi", Assert.Single(group.Theta));
        var (key, alpha) = Assert.Single(group.Coefficients);
        return ((Symbol)key, alpha);
    }

    [Theory]
    [MemberData(nameof(Mixtures))]
    public void The_categorical_alpha_has_a_template_for_symbolic_C_that_the_kernel_proves(string spec)
    {
        var check = TemplateCatalog.Check(spec);
        Assert.True(check.AllSizes, check.SizesReason);
        var (key, alpha) = Alpha(check);
        Assert.Equal("pi", key.Name);
        var index = Assert.IsType<Symbol>(Assert.Single(key.Indices));
        // Written in C and the free weights only: no concrete C, no pi[C] (the last weight is 1 − Σ).
        Assert.Contains(alpha.Symbols(), s => s.Name == "C");
        Assert.All(alpha.Symbols().Where(s => s.Name == "pi"), s => Assert.False(s.Indices[0] is Number, $"{s} is a concrete weight"));
        Assert.DoesNotContain(alpha.Symbols(), s => s.Name == "pi" && s.Indices[0].Equals(Symbol.Of("C")));
        Assert.Contains(alpha.Symbols(), s => s.Equals(Symbol.Of("pi", index)));

        var result = TemplateKernel.Check(check.Model, check.TemplateCertificate!);
        Assert.True(result.Accepted, string.Join("; ", result.Problems));
        Assert.True(check.TemplateKernel!.Accepted);
    }

    [Theory]
    [MemberData(nameof(Mixtures))]
    public void The_same_template_comes_out_at_C_5_and_is_proved_there(string spec)
    {
        var at3 = TemplateCatalog.Check(spec);
        var at5 = ModelCheck.Run(ModelLoader.Load(RepositoryPaths.Catalog(spec), new Dictionary<string, int> { ["C"] = 5 }));
        Assert.Equal(5, at5.Sizes.Single(d => d.Name == "C").Size);
        Assert.True(at5.AllSizes, at5.SizesReason);
        Assert.Equal(Alpha(at3).Alpha, Alpha(at5).Alpha);
        // The certificate found at C = 3 is a certificate at C = 5 too: the kernel proves it against that model.
        var result = TemplateKernel.Check(at5.Model, at3.TemplateCertificate!);
        Assert.True(result.Accepted, string.Join("; ", result.Problems));
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(5, 4)]
    public void The_template_alpha_evaluated_at_C_agrees_with_the_hand_formula(int categories, int seed)
    {
        var (key, alpha) = Alpha(TemplateCatalog.Check("gaussian-mixture.model"));
        var index = (Symbol)key.Indices[0];
        var random = new Random(seed);
        // Weights in the open simplex: normalised exponentials.
        var raw = Enumerable.Range(0, categories).Select(_ => -Math.Log(1 - random.NextDouble()) + 0.05).ToArray();
        var pi = raw.Select(r => r / raw.Sum()).ToArray();
        var entropy = -pi.Sum(p => p * Math.Log(p));
        var values = Enumerable.Range(1, categories - 1).ToDictionary(c => (Expr)Symbol.Of("pi", c), c => pi[c - 1]);
        var zeta = new double[categories - 1];
        var byTool = new double[categories - 1];
        for (var i = 1; i < categories; i++)
        {
            var at = Substitution.Substitute(alpha, new Dictionary<Expr, Expr> { [Symbol.Of("C")] = Number.Of(categories), [index] = Number.Of(i) });
            Assert.DoesNotContain(at.Symbols(), s => s.Name == "C" || s.Equals(index));
            byTool[i - 1] = Evaluator.Evaluate(at, values);
            var byHand = pi[i - 1] * (Math.Log(pi[i - 1]) + entropy);
            Assert.True(Math.Abs(byTool[i - 1] - byHand) <= 1e-12 * (1 + Math.Abs(byHand)), $"C = {categories}, α[{i}]: tool {byTool[i - 1]}, hand {byHand}");
            zeta[i - 1] = Math.Log(pi[i - 1] / pi[^1]);
        }
        // And Jα = ζ with the Jacobian of Eq. 41 as corrected (δ_ic/π_c + 1/π_C), evaluated, not proved.
        for (var i = 0; i < categories - 1; i++)
        {
            var jAlpha = byTool[i] / pi[i] + byTool.Sum() / pi[^1];
            Assert.True(Math.Abs(jAlpha - zeta[i]) <= 1e-10 * (1 + Math.Abs(zeta[i])), $"C = {categories}: (Jα)_{i + 1} = {jAlpha}, ζ = {zeta[i]}");
        }
    }

    [Fact]
    public void The_template_alpha_at_the_declared_C_is_the_concrete_alpha()
    {
        var check = TemplateCatalog.Check("gaussian-mixture.model");
        var (key, alpha) = Alpha(check);
        var concrete = check.Result.Certificate!.Groups.Single(g => g.Factors.SequenceEqual(["c"]));
        var zero = new Symbolics.ZeroTesting.ZeroTest(check.Model.Assumptions);
        var c = check.Sizes.Single(d => d.Name == "C").Size;
        for (var i = 1; i < c; i++)
        {
            var at = Substitution.Substitute(alpha, new Dictionary<Expr, Expr> { [Symbol.Of("C")] = Number.Of(c), [key.Indices[0]] = Number.Of(i) });
            var expected = concrete.Coefficients[Symbol.Of("pi", i)];
            Assert.True(at.Equals(expected) || zero.Prove(at - expected), $"α[{i}]: template {at}, concrete {expected}");
        }
    }
}
