using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// An index that runs over a whole simplex axis — Poisson(r[d]·w[c]) with w a simplex over the classes —
/// splits the template: η for c = 1..C − 1, where w[c] is free, and η at c = C, where w[C] = 1 − Σ w.
/// By hand (the spec's comment): β_r = r(log r − H[w]) and β_w[k] = w_k(log w_k + H[w]) with
/// H[w] = −Σ_{k=1}^{C} w_k log w_k, because then Jβ = (log r − H) + (log w_c + H) = η for c &lt; C, and at
/// c = C, where the last weight moves by −Σ_k β_w[k] = w_C(log w_C + H), the same. The kernel proves both
/// pieces for every C; the tests evaluate the lifted templates against those formulas at C = 3 and 5, and
/// show that a certificate right on the first piece only is refused.
/// </summary>
public class SplitTemplateTests
{
    private static ModelCheck Corpus(string file) => ModelCheck.Run(ModelLoader.Load(Path.Combine(RepositoryPaths.Root, "tests", "corpus", file)));

    private const string PlateSpec = """
        model "a rate spread over a simplex"
        dims C = 2, D = 3
        param pi[C] simplex
        param lam[C] positive
        param w[D] simplex
        latent  c ~ Categorical(pi)
        observe x[d in D] ~ Poisson(lam[c] * w[d])
        expect satisfied
        """;

    // H[w] at a point with C weights (the last one 1 − Σ the others).
    private static double Entropy(double[] w) => -w.Sum(v => v * Math.Log(v));

    private static double Evaluate(Expr template, Symbol index, int at, string size, double[] w, (string Name, double Value)? scalar = null)
    {
        var values = new Dictionary<Expr, double> { [Symbol.Of(size)] = w.Length };
        for (var k = 0; k < w.Length - 1; k++) values[Symbol.Of("w", k + 1)] = w[k];
        if (scalar is { } s) values[Symbol.Of(s.Name)] = s.Value;
        return Evaluator.Evaluate(Substitution.Substitute(template, index, Number.Of(at)), values);
    }

    [Theory]
    [InlineData(new[] { 0.2, 0.5, 0.3 })]
    [InlineData(new[] { 0.1, 0.15, 0.25, 0.2, 0.3 })]
    public void The_scaled_simplex_rate_is_proved_for_every_size_with_the_hand_derived_coefficients(double[] w)
    {
        var check = Corpus("simplex-scaled-poisson-rate.model");
        Assert.True(check.AllSizes, check.SizesReason);
        var x = check.Model.Template!.Factor("x");
        Assert.Equal(["", "c = C"], x.Cases.ToArray());
        Assert.Equal(Symbol.Of("C") - Number.One, x.Indices.Single(i => i.Index.Name == "c").Upper);
        var group = check.TemplateCertificate!.Groups.Single(g => g.Factors.Contains("x"));
        var (wKey, wTemplate) = group.Coefficients.Single(p => ((Symbol)p.Key).Name == "w");
        var (rKey, rTemplate) = group.Coefficients.Single(p => ((Symbol)p.Key).Name == "r");
        var k = (Symbol)((Symbol)wKey).Indices[0];
        var d = (Symbol)((Symbol)rKey).Indices[0];
        var h = Entropy(w);
        for (var i = 1; i < w.Length; i++)
            Assert.Equal(w[i - 1] * (Math.Log(w[i - 1]) + h), Evaluate(wTemplate, k, i, "C", w), 1e-12);
        var values = new Dictionary<Expr, double> { [Symbol.Of("C")] = w.Length, [Symbol.Of("r", 2)] = 1.7 };
        for (var i = 0; i < w.Length - 1; i++) values[Symbol.Of("w", i + 1)] = w[i];
        Assert.Equal(1.7 * (Math.Log(1.7) - h), Evaluator.Evaluate(Substitution.Substitute(rTemplate, d, Number.Of(2)), values), 1e-12);
    }

    [Fact]
    public void A_certificate_right_on_the_free_classes_only_is_refused_at_the_last_class()
    {
        // β_r = r log r and β_w[k] = w_k log w_k give Jβ = log r + log w_c = η for every c < C, but at c = C
        // Jβ = log r − Σ_k w_k log w_k / w_C, which is not log r + log w_C.
        var check = Corpus("simplex-scaled-poisson-rate.model");
        var genuine = check.TemplateCertificate!;
        var groups = genuine.Groups.Select(g => !g.Factors.Contains("x") ? g : g with
        {
            Coefficients = new Dictionary<Expr, Expr>
            {
                [Symbol.Of("r", Symbol.Of("d"))] = Symbol.Of("r", Symbol.Of("d")) * FunctionCall.Log(Symbol.Of("r", Symbol.Of("d"))),
                [Symbol.Of("w", Symbol.Of("c"))] = Symbol.Of("w", Symbol.Of("c")) * FunctionCall.Log(Symbol.Of("w", Symbol.Of("c"))),
            },
        });
        var result = TemplateKernel.Check(check.Model, new Certificate([.. groups]));
        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains("natural parameter 2"));
        Assert.DoesNotContain(result.Problems, p => p.Contains("natural parameter 1:"));
    }

    [Fact]
    public void A_plate_over_a_whole_simplex_axis_splits_the_same_way()
    {
        var check = ModelCheck.Run(ModelLoader.FromText("plate.model", PlateSpec));
        Assert.Equal(CriterionCheck.Criterion.Verdict.Satisfied, check.Verdict);
        Assert.True(check.AllSizes, check.SizesReason);
        Assert.Equal(["", "d = D"], check.Model.Template!.Factor("x").Cases.ToArray());
    }

    [Fact]
    public void Two_indices_over_whole_simplex_axes_give_no_template_and_say_why()
    {
        var text = """
            model "two simplex axes"
            dims C = 2, D = 3
            param pi[C] simplex
            param w[D] simplex
            param v[C] simplex
            latent  c ~ Categorical(pi)
            observe x[d in D] ~ Poisson(w[d] * v[c])
            """;
        var model = ModelLoader.FromText("two.model", text);
        Assert.Null(model.Template);
        Assert.Contains("each run over a whole simplex axis", model.TemplateProblem);
    }
}
