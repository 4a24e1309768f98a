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
    [InlineData("MvNormal", new[] { 2, 2 }, "logdet(covariance)/2 + 1")]
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

/// <summary>
/// A family's display form of its entropy (how the paper writes it) is only a way of showing the
/// derived entropy: it must be the same function, proved by the zero test on the family's domains and
/// checked at points against the entropy summed out from the density.
/// </summary>
public class EntropyDisplayTests
{
    public static TheoryData<string, int[]> FamiliesWithADisplayForm()
    {
        var data = new TheoryData<string, int[]>();
        foreach (var definition in FamilyLibrary.All)
        {
            var sizes = definition.Signature.Select(_ => 2).ToArray();
            ExponentialFamily family;
            try { family = definition.Instantiate(sizes); }
            catch (FamilyException) { continue; }
            if (family.EntropyDisplay is not null) data.Add(definition.Name, sizes);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FamiliesWithADisplayForm))]
    public void The_display_form_is_the_derived_entropy(string name, int[] sizes)
    {
        var family = FamilyLibrary.Find(name)!.Instantiate(sizes);
        Assert.True(new CriterionCheck.Symbolics.ZeroTesting.ZeroTest(family.ParameterAssumptions).Prove(family.EntropyDisplay! - family.Entropy!),
            $"{family.EntropyDisplay} is not proved equal to {family.Entropy}");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    public void The_bernoulli_display_form_is_the_entropy_of_its_two_outcomes(double p)
    {
        // H = −Σ_x p(x) log p(x) over x ∈ {0, 1}, written out here.
        var expected = -(p * Math.Log(p)) - (1 - p) * Math.Log(1 - p);
        var display = FamilyLibrary.Find("Bernoulli")!.Instantiate([1]).EntropyDisplay!;
        var value = CriterionCheck.Symbolics.Evaluation.Evaluator.Evaluate(display, new Dictionary<CriterionCheck.Symbolics.Core.Expr, double> { [CriterionCheck.Symbolics.Core.Symbol.Of("p")] = p });
        Assert.Equal(expected, value, 12);
    }

    [Fact]
    public void Bernoulli_has_a_display_form()
    {
        // Guards the table above against becoming empty.
        Assert.Contains(FamiliesWithADisplayForm(), row => (string)row[0] == "Bernoulli");
    }
}
