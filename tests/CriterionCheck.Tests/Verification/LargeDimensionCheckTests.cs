using CriterionCheck.Criterion;
using CriterionCheck.Models;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Verification;

/// <summary>
/// Above D = 4 the concrete check does not prove a multivariate normal element by element: the model is
/// built at the sizes asked for (numeric work needs it), while the verdict comes from the spec checked at
/// D = 3 and carried by a proof for every size, or by a witness whose rows do not depend on the sizes.
/// </summary>
public class LargeDimensionCheckTests
{
    private const string Mixture = """
        model "Gaussian mixture, full covariances"
        dims C = 2, D = 6
        param pi[C] simplex
        param mu[C, D] real
        param Sigma[C, D, D] posdef
        latent  c ~ Categorical(pi)
        observe x[D] ~ MvNormal(mu[c], Sigma[c])
        expect satisfied
        """;

    [Fact]
    public void A_satisfied_mixture_at_D_6_is_proved_at_D_3_for_every_size_and_keeps_the_D_6_model()
    {
        var model = ModelLoader.FromText("mixture.model", Mixture);
        Assert.Single(model.FactorsAboveConcreteDimension);
        var check = ModelCheck.Run(model);
        Assert.Equal(Verdict.Satisfied, check.Verdict);
        Assert.True(check.AllSizes);
        Assert.True(check.KernelAccepted);
        Assert.Equal(3, check.Sizes.Single(d => d.Name == "D").Size);
        Assert.Equal(6, check.Target.Dimensions.Single(d => d.Name == "D").Size);
        Assert.Same(model, check.RequestedModel);
        Assert.Equal(["pi", "Sigma"], check.Result.StationaryIn.ToArray());
    }

    [Fact]
    public void A_violated_factor_beside_it_is_carried_by_a_witness_that_holds_at_every_larger_size()
    {
        // u ~ Normal(m, m): η = (1, −1/(2m)); the constant η₁ = 1 is no multiple of ∂η/∂m = (0, 1/(2m²)).
        var text = Mixture.Replace("param Sigma[C, D, D] posdef", "param Sigma[C, D, D] posdef\nparam m positive")
            .Replace("latent  c ~ Categorical(pi)", "latent  c ~ Categorical(pi)\nlatent  u ~ Normal(m, m)")
            .Replace("expect satisfied", "expect violated");
        var check = ModelCheck.Run(ModelLoader.FromText("violated.model", text));
        Assert.Equal(Verdict.Violated, check.Verdict);
        Assert.True(check.KernelAccepted);
        Assert.True(check.WitnessAtLargerSizes);
        Assert.Equal(6, check.Target.Dimensions.Single(d => d.Name == "D").Size);
    }
}

/// <summary>Review round 4: violated multivariate-normal specs, literal indices above the cross-check dimension, and inverses written into a spec.</summary>
public class LargeDimensionReviewTests
{
    // By hand: the prior's ζ₂ = −½S⁻¹ forces α_S = −S, then ζ₁ = S⁻¹m forces α_m = 0, while the observable's
    // η₂ = −½e^(−m_d) needs β_m = −1: violated. (It crashed: a matrix factor's template has no scalar rows.)
    private const string TiedMean = """
        model "tied mean, exp variance"
        dims D = 2
        param m[D] real
        param S[D, D] posdef
        latent  z[D] ~ MvNormal(m, S)
        observe x[d in D] ~ Normal(z[d], exp(m[d]))
        """;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_violated_multivariate_normal_spec_gets_an_exact_witness_at_its_size(int d)
    {
        var check = ModelCheck.Run(ModelLoader.FromText("tied.model", TiedMean, new Dictionary<string, int> { ["D"] = d }));
        Assert.Equal(CriterionCheck.Criterion.Verdict.Violated, check.Verdict);
        Assert.True(check.KernelAccepted);
        Assert.False(check.WitnessAtLargerSizes);
        Assert.Contains("entries of matrices", check.SizesReason);
    }

    [Fact]
    public void Above_the_element_by_element_dimension_without_a_proof_for_every_size_it_is_undecided_and_says_why()
    {
        var check = ModelCheck.Run(ModelLoader.FromText("tied.model", TiedMean, new Dictionary<string, int> { ["D"] = 12 }));
        Assert.Equal(CriterionCheck.Criterion.Verdict.Undecided, check.Verdict);
        Assert.Contains("neither a check at D = 2 or D = 3", check.Reason);
    }

    [Fact]
    public void A_literal_index_above_the_cross_check_dimension_is_checked_at_the_spec_own_size()
    {
        // η = a·z₅ + b with β = (a, b): satisfied. The spec does not exist at D = 3 (z[5]).
        var text = """
            model "literal index"
            dims D = 5
            param m[D] real
            param S[D, D] posdef
            param a real
            param b real
            latent  z[D] ~ MvNormal(m, S)
            observe x ~ Poisson(exp(a * z[5] + b))
            """;
        var check = ModelCheck.Run(ModelLoader.FromText("literal.model", text));
        Assert.Equal(CriterionCheck.Criterion.Verdict.Satisfied, check.Verdict);
        Assert.Equal(5, check.Sizes.Single(s => s.Name == "D").Size);
    }

    [Fact]
    public void An_inverse_written_into_a_spec_is_refused()
    {
        // [[r, r], [r, r]] is singular everywhere; reducing modulo M⁻¹M = I there would prove anything.
        var text = """
            model "singular inverse"
            param p in (0, 1)
            param r positive
            latent  z ~ Bernoulli(p)
            observe x ~ Poisson(exp(z + 1 - r * inv[1,1](matrix(r, r, r, r))))
            """;
        var error = Assert.Throws<CriterionCheck.Spec.SpecException>(() => ModelLoader.FromText("singular.model", text));
        Assert.Contains("not available in a spec file", error.Message);
    }
}
