using CriterionCheck.Symbolics.Core;
using MathNet.Numerics;
using static CriterionCheck.Tests.Families.FamilyTestSupport;

namespace CriterionCheck.Tests.Families;

/// <summary>The closed forms the paper states, as oracles computed with MathNet's special functions.</summary>
public class PaperClosedFormTests
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(1.7)]
    [InlineData(4)]
    [InlineData(25)]
    [InlineData(300)]
    public void Poisson_pseudo_entropy_is_rate_times_one_minus_log_rate(double rate)
    {
        // Sec 4.2: H̃ = λ(1 − log λ).
        var family = Instantiate("Poisson", [[rate]]);
        var expected = rate * (1 - Math.Log(rate));
        AssertRelative(expected, Evaluate(family.PseudoEntropy, family, [[rate]]), EntropyTolerance, $"Poisson pseudo-entropy at rate {rate}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0.5, 2)]
    [InlineData(2.5, 0.3)]
    [InlineData(0.1, 1)]
    [InlineData(10, 4)]
    [InlineData(50, 7)]
    public void Gamma_entropy_is_the_closed_form_in_shape_and_rate(double shape, double rate)
    {
        // Sec 4.1: H = α − log β + log Γ(α) + (1 − α)·ψ(α).
        var family = Instantiate("Gamma", [[shape], [rate]]);
        var expected = shape - Math.Log(rate) + SpecialFunctions.GammaLn(shape) + (1 - shape) * SpecialFunctions.DiGamma(shape);
        var entropy = Assert.IsAssignableFrom<Expr>(family.Entropy);
        AssertRelative(expected, Evaluate(entropy, family, [[shape], [rate]]), EntropyTolerance, $"Gamma entropy at shape {shape}, rate {rate}");
    }
}
