using CriterionCheck.Families;

namespace CriterionCheck.Tests.Families;

/// <summary>
/// The derived entropies come out in the readable closed forms a paper would print (their values are
/// checked against oracles elsewhere; this locks the form that formulas and proofs will show).
/// </summary>
public class DerivedFormTests
{
    [Theory]
    [InlineData("Bernoulli", new[] { 1 }, "-log(1 - p) - p*logit(p)")]
    [InlineData("Normal", new[] { 1, 1 }, "log(variance)/2 + 1/2")]
    [InlineData("Gamma", new[] { 1, 1 }, "shape - log(rate) + lgamma(shape) - digamma(shape)*(shape - 1)")]
    [InlineData("Poisson", new[] { 1 }, "rate - rate*log(rate)")]
    [InlineData("Exponential", new[] { 1 }, "1 - log(rate)")]
    [InlineData("Laplace", new[] { 1 }, "log(2) + log(scale) + 1")]
    [InlineData("MvNormal", new[] { 2, 2 }, "1 - log(1/(covariance[1,1]*covariance[2,2] - covariance[1,2]^2))/2")]
    public void Pseudo_entropy_reads_as_a_closed_form(string family, int[] sizes, string expected)
    {
        Assert.Equal(expected, FamilyLibrary.Find(family)!.Instantiate(sizes).PseudoEntropy.ToString());
    }

    [Fact]
    public void Categorical_entropy_uses_only_the_free_weights()
    {
        var entropy = FamilyLibrary.Find("Categorical")!.Instantiate([3]).Entropy!;
        Assert.DoesNotContain(entropy.Symbols(), s => s.ToString() == "p[3]");
        Assert.DoesNotContain("exp", entropy.ToString());
    }
}
