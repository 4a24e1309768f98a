using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Criterion;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// Review round 2: certificates the kernel accepted although what they claim is false. Each test states the
/// correct behaviour and fails on main as of 5735973; the comment above it gives the reproducer and the
/// mathematics of why the accepted claim is false.
/// </summary>
public class ReviewRound2Tests
{
    private static Model Load(string name, string spec) => ModelLoader.FromText(name, spec);

    private static (Certificate? Certificate, Witness? Witness, bool AllSizes) Read(Model model, string json) =>
        CertificateJson.ReadAny(model, new SourceText("cert.json", json));

    // Bug 1. A categorical latent may index the last axis of a simplex block: q[c] with q simplex over C.
    // ParameterBlock.Element turns q[C] into 1 − Σ others only when the index is a number, so the factor's
    // η keeps the symbol q[c], and CertificateKernel.CategoricalInstances substitutes c = 2 into it, which
    // leaves the symbol q[2] — the dependent weight, not a free element. The Jacobian is taken with respect
    // to the free elements only, so η(c = 2) = q[2]/s2 is treated as if q[2] did not move with q[1].
    //
    // Model (C = 2): c ~ Categorical(q), x ~ Normal(q[c] + e[c]·(2 − c), s2). The prior forces
    // α_q1 = q1(1 − q1)·logit(q1) ≠ 0; η2 = −1/(2 s2) forces β_s2 = −s2. At c = 2 the real η1 is
    // (1 − q1)/s2, with ∂/∂q1 = −1/s2, so (Jβ)₁ = −α_q1/s2 + (1 − q1)/s2 and the residual is α_q1/s2 ≠ 0
    // (−(2/9)·log 2/s2 at q1 = 1/3). No β exists at all (the c = 2 row forces α_q1 = 0), so the
    // model is violated, yet the kernel accepts a "satisfied" certificate.
    private const string CategoricalIndexesItsSimplex = """
        model "categorical indexes its own simplex"
        dims C = 2
        param q[C] simplex
        param e[C] real
        param s2 positive
        latent c ~ Categorical(q)
        observe x ~ Normal(q[c] + e[c]*(2 - c), s2)
        """;

    [Fact]
    public void A_categorical_index_into_a_simplex_cannot_hide_the_dependent_weight()
    {
        var model = Load("categorical-simplex.model", CategoricalIndexesItsSimplex);
        var (certificate, _, allSizes) = Read(model, """
            {"groups": [{"factors": ["c", "x"], "theta": ["q", "e", "s2"],
              "coefficients": {"q[1]": "q[1]*(1 - q[1])*(log(q[1]) - log(1 - q[1]))",
                               "e[1]": "-q[1]*(1 - q[1])*(log(q[1]) - log(1 - q[1]))",
                               "e[2]": "0",
                               "s2": "-s2"}}]}
            """);
        Assert.False(allSizes);
        var result = CertificateKernel.Check(model, certificate!);
        Assert.False(result.Accepted, "the kernel accepted β for a model whose c = 2 row depends on q[1] through q[2] = 1 − q[1]");
    }

    // Bug 1, the covariance form: a categorical index into a posdef block reaches its lower triangle. S[c, 1]
    // at c = 2 is the symbol S[2,1], which is S[1,2] (ParameterBlock.Element swaps only numeric indices), so
    // the kernel's Jacobian misses ∂η(c = 2)/∂S[1,2] = a. With β_a = a, β_S12 = S12/3 the kernel proves
    // η(c = 2) = a·S21 + S12³ from S21·a + 3·S12²·S12/3, but really η(c = 2) = a·S12 + S12³ and
    // Jβ = S12·a + (a + 3·S12²)·S12/3, off by a·S12/3.
    [Fact]
    public void A_categorical_index_into_a_covariance_cannot_hide_the_symmetric_entry()
    {
        var model = Load("categorical-posdef.model", """
            model "categorical indexes a covariance entry"
            dims C = 2
            param pi[C] simplex
            param S[C, C] posdef
            param a real
            latent c ~ Categorical(pi)
            observe x ~ Bernoulli(sigmoid(a*S[c, 1] + S[1, 2]^3))
            """);
        var (certificate, _, _) = Read(model, """
            {"groups": [{"factors": ["c"], "theta": ["pi"], "coefficients": {"pi[1]": "pi[1]*(1 - pi[1])*(log(pi[1]) - log(1 - pi[1]))"}},
             {"factors": ["x"], "theta": ["S", "a"], "coefficients": {"a": "a", "S[1,2]": "S[1,2]/3", "S[1,1]": "0", "S[2,2]": "0"}}]}
            """);
        var result = CertificateKernel.Check(model, certificate!);
        Assert.False(result.Accepted, "the kernel accepted β for a model whose c = 2 row reads S[2,1] = S[1,2]");
    }

    // Bug 2. A sum over a size K whose value equals a simplex's last axis C reads every weight, the
    // dependent one included: sum(k in K, log(q[k])) is log q1 + log(1 − q1) at C = K = 2. The template
    // keeps it as Σ_{k=1}^{K} log q[k] with every q[k] a free symbol: SimplexTemplates.Split only splits
    // sums whose range is the simplex's own size symbol (Covers compares C with K by name), and
    // TemplateBuilder.Resolve accepts q[k] for a sum index k. The template kernel then shifts q[K] by
    // β(K) instead of −Σ_{c<C} β(c) and proves a false identity "for every size".
    //
    // x ~ Bernoulli(sigmoid(a z + log q1 + log(1 − q1))) with β_a = a, β_q1 = q1 log q1:
    // Jβ = a z + (1/q1 − 1/(1 − q1))·q1 log q1 ≠ η (at q1 = 1/2 the q-column of J is 0 but η's constant part
    // is 2 log(1/2)). check itself reports this spec violated, with a witness the kernel accepts — so the
    // kernel accepts both verdicts.
    private const string SimplexSummedOverAnotherSize = """
        model "simplex summed over another size of the same value"
        dims C = 2, K = 2
        param lam positive
        param a real
        param q[C] simplex
        latent z ~ Normal(0, lam)
        observe x ~ Bernoulli(sigmoid(a*z + sum(k in K, log(q[k]))))
        """;

    // The same through an index that is a size: q[K] is q[C] at K = C, but TemplateBuilder.Resolve turns
    // only q[C] itself into the last weight and keeps q[K] as a free symbol. (sum(h in H, …) with H = 1 is
    // log q1 here; the template kernel reads that as Σ_{h=1}^{H} log q[h].)
    private const string SimplexIndexedByAnotherSize = """
        model "simplex indexed by another size of the same value"
        dims C = 2, K = 2, H = 1
        param lam positive
        param a real
        param q[C] simplex
        latent z[h in H] ~ Normal(0, lam)
        observe x ~ Bernoulli(sigmoid(a*z[H] + sum(h in H, log(q[h])) + log(q[K])))
        """;

    [Theory]
    [InlineData("sum")]
    [InlineData("index")]
    public void A_sum_over_another_size_cannot_treat_the_last_simplex_weight_as_free(string how)
    {
        var model = how == "sum" ? Load("simplex-other-size.model", SimplexSummedOverAnotherSize) : Load("simplex-index-size.model", SimplexIndexedByAnotherSize);
        var (certificate, _, allSizes) = Read(model, """
            {"allSizes": true, "groups": [{"factors": ["z"], "theta": ["lam"], "coefficients": {"lam": "-lam"}},
              {"factors": ["x"], "theta": ["a", "q"], "coefficients": {"a": "a", "q[c]": "q[c]*log(q[c])"}}]}
            """);
        Assert.True(allSizes);
        var check = ModelCheck.Run(model);
        Assert.Equal(Verdict.Violated, check.Verdict);
        Assert.True(check.KernelAccepted);
        var result = TemplateKernel.Check(model, certificate!);
        Assert.False(result.Accepted, "the template kernel accepted a certificate for every size for a spec the kernel also shows violated");
    }
}
