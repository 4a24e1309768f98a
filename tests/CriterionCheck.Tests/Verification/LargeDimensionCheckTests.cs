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
