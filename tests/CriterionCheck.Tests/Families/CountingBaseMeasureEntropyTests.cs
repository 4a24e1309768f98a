using MathNet.Numerics.Distributions;
using static CriterionCheck.Tests.Families.FamilyTestSupport;

namespace CriterionCheck.Tests.Families;

/// <summary>
/// Poisson and Binomial, whose base measure depends on x: H = H̃ − E[log h(x)], with E[log h] summed over
/// the support under MathNet's pmf, against an independent entropy (MathNet's exact Binomial.Entropy;
/// −Σ p log p for Poisson, since MathNet's Poisson.Entropy is an asymptotic approximation).
/// </summary>
public class CountingBaseMeasureEntropyTests
{
    public static TheoryData<string, double[][], string> Points => new()
    {
        { "Poisson", [[0.01]], "rate 0.01" },
        { "Poisson", [[0.5]], "rate 1/2" },
        { "Poisson", [[1]], "rate 1" },
        { "Poisson", [[3.5]], "rate 3.5" },
        { "Poisson", [[20]], "rate 20" },
        { "Poisson", [[150]], "rate 150" },

        { "Binomial", [[1], [0.5]], "n = 1, p = 1/2" },
        { "Binomial", [[10], [0.3]], "n = 10, p = 0.3" },
        { "Binomial", [[7], [0.9]], "n = 7, p = 0.9" },
        { "Binomial", [[50], [0.05]], "n = 50, p = 0.05" },
        { "Binomial", [[100], [0.42]], "n = 100, p = 0.42" },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Pseudo_entropy_minus_expected_log_base_measure_is_the_entropy(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        Assert.False(family.HasConstantBaseMeasure);
        Assert.Null(family.Entropy);

        var distribution = (IDiscreteDistribution)MathNetDistribution(name, arguments);
        var expectedLogBase = SupportPoints(family, arguments).Sum(x => distribution.Probability((int)x[0]) * LogBaseMeasure(family, x));
        var derived = Evaluate(family.PseudoEntropy, family, arguments) - expectedLogBase;

        var expected = name == "Poisson"
            ? -SupportPoints(family, arguments).Sum(x => distribution.Probability((int)x[0]) * distribution.ProbabilityLn((int)x[0]))
            : distribution.Entropy;
        AssertRelative(expected, derived, EntropyTolerance, $"{name} entropy at {point}");
    }
}
