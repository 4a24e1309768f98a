using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Tests.Models;

/// <summary>Features of the spec language beyond the catalog: declared families, ties, layout, intervals.</summary>
public class SpecLanguageTests
{
    private static Model Build(string text, IReadOnlyDictionary<string, int>? dims = null) => ModelLoader.FromText("test.model", text, dims);

    private const string DeclaredExponential = """
        model "declared exponential prior"
        dims H = 2, D = 2
        param r[H] positive
        param W[D, H] real
        param s2 positive
        family Expo(rate positive)
          support positive
          natural -rate
          statistics x
          log_partition -log(-eta[1])
          base_measure 1
        end
        latent  z[h in H] ~ Expo(r[h])
        observe x[d in D] ~ Normal(sum(h in H, W[d, h] * z[h]), s2)
        """;

    [Fact]
    public void Declared_family_behaves_exactly_like_the_built_in_one()
    {
        var declared = Build(DeclaredExponential);
        var builtIn = Build(DeclaredExponential.Replace("Expo(r[h])", "Exponential(r[h])"));
        Assert.Equal(builtIn.Factors[0].Elements.Select(e => e.NaturalParameters[0]), declared.Factors[0].Elements.Select(e => e.NaturalParameters[0]));
        var a = declared.Factors[0].Family;
        var b = builtIn.Factors[0].Family;
        Assert.Equal(b.LogPartition, a.LogPartition);
        Assert.Equal(b.LogBaseMeasure, a.LogBaseMeasure);
        Assert.True(a.HasConstantBaseMeasure);
        // Same entropy, derived the same way: 1 − log rate.
        Assert.Equal(b.Entropy, a.Entropy);
        Assert.Equal(1 - Math.Log(2.5), Evaluator.Evaluate(a.Entropy!, new Dictionary<Expr, double> { [Symbol.Of("rate")] = 2.5 }), 12);
        Assert.Equal("Expo", Assert.Single(declared.Families).Name);
    }

    [Fact]
    public void Declared_family_with_a_log_base_measure_in_x_is_a_Theorem_2_family()
    {
        var text = DeclaredExponential
            .Replace("support positive", "support counts").Replace("natural -rate", "natural log(rate)")
            .Replace("log_partition -log(-eta[1])", "log_partition exp(eta[1])").Replace("base_measure 1", "log_base_measure -lgamma(x + 1)");
        var family = Build(text).Factors[0].Family;
        Assert.False(family.HasConstantBaseMeasure);
        Assert.Null(family.Entropy);
        // The Poisson pseudo-entropy of the paper, Sec. 4.2: rate·(1 − log rate).
        Assert.Equal(3 * (1 - Math.Log(3)), Evaluator.Evaluate(family.PseudoEntropy, new Dictionary<Expr, double> { [Symbol.Of("rate")] = 3 }), 12);
    }

    [Fact]
    public void Parameter_used_by_two_factors_is_reported_as_tied()
    {
        var model = Build("""
            dims H = 2, D = 2
            param s positive
            param W[D, H] real
            latent  z[h in H] ~ Normal(0, s)
            observe x[d in D] ~ Normal(sum(h in H, W[d, h] * z[h]), s)
            """);
        Assert.Equal(["s"], model.TiedParameters.ToArray());
        Assert.Equal("test", model.Title);
        Assert.Null(model.ExpectSatisfied); // no expect line: the spec makes no claim
    }

    [Fact]
    public void Comments_blank_lines_continuations_and_intervals_are_accepted()
    {
        var model = Build("""
            # a comment line
            model "layout"   # trailing comment
            dims H = 2,
            param p[H] in (0, 1)
            param W[H, H] in (-inf, inf)
            param v in (0, inf)

            latent  z[h in H] ~ Bernoulli(p[h])
            observe x[d in H] ~ Normal(
                sum(h in H, W[d, h] * z[h]),   # the mean
                v)
            expect violated
            """.Replace("dims H = 2,", "dims H = 2"));
        Assert.Equal(ParameterDomain.UnitInterval, model.Parameter("p").Domain);
        Assert.Equal(ParameterDomain.Real, model.Parameter("W").Domain);
        Assert.Equal(ParameterDomain.Positive, model.Parameter("v").Domain);
        Assert.False(model.ExpectSatisfied);
        Assert.Equal("(W[2,1]*z[1] + W[2,2]*z[2])/v", model.Observable.Elements[1].NaturalParameters[0].ToString());
    }

    [Fact]
    public void Binomial_takes_its_known_count_from_a_literal_or_a_size()
    {
        var model = Build("""
            dims H = 2, N = 10
            param p[H] in (0, 1)
            param q in (0, 1)
            latent  z[h in H] ~ Binomial(N, p[h])
            observe x ~ Binomial(4, q)
            """);
        Assert.Equal(new Support(SupportKind.BoundedCount, 10), model.Factors[0].Family.Support);
        Assert.Equal(new Support(SupportKind.BoundedCount, 4), model.Observable.Family.Support);
        Assert.False(model.Observable.Family.HasConstantBaseMeasure);
    }

    [Fact]
    public void Categorical_latents_may_sit_on_a_plate_and_index_parameters()
    {
        var model = Build("""
            dims K = 2, N = 3
            param pi[K] simplex
            param m[K] real
            latent  c[n in N] ~ Categorical(pi)
            observe x[n in N] ~ Normal(m[c[n]], 1)
            """);
        Assert.Equal(3, model.Factors[0].Elements.Length);
        Assert.Equal("m[c[2]]", model.Observable.Elements[1].NaturalParameters[0].ToString());
        Assert.Equal(["c"], model.Observable.Parents.ToArray());
    }

    [Fact]
    public void Factors_are_put_in_dependency_order_whatever_the_file_order()
    {
        var model = Build("""
            dims H = 2
            param a[H, H] real
            param p[H] in (0, 1)
            observe x[h in H] ~ Bernoulli(sigmoid(sum(k in H, a[h, k] * y[k])))
            latent  y[h in H] ~ Bernoulli(sigmoid(sum(k in H, a[h, k] * z[k])))
            latent  z[h in H] ~ Bernoulli(p[h])
            """);
        Assert.Equal("z y x", string.Join(" ", model.Factors.Select(f => f.Variable)));
        Assert.Equal([FactorRole.Prior, FactorRole.Latent, FactorRole.Observable], model.Factors.Select(f => f.Role).ToArray());
        Assert.Equal(["a"], model.TiedParameters.ToArray());
    }

    [Fact]
    public void Errors_carry_file_line_column_and_a_caret()
    {
        var e = Assert.Throws<SpecException>(() => Build("dims H = 2\nparam p[H] unit\nlatent z[h in H] ~ Bernouli(p[h])\nobserve x ~ Normal(z[1], 1)\n"));
        Assert.StartsWith("test.model:3:20: unknown family 'Bernouli' (did you mean 'Bernoulli'?)", e.Diagnostic.Split('\n')[0]);
        Assert.Equal("  latent z[h in H] ~ Bernouli(p[h])", e.Diagnostic.Split('\n')[1]);
        Assert.Equal("                     ^~~~~~~~", e.Diagnostic.Split('\n')[2]);
    }
}
