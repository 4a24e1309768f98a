using CriterionCheck.Symbolics.Core;
using static CriterionCheck.Tests.Families.FamilyTestSupport;

namespace CriterionCheck.Tests.Families;

/// <summary>
/// Families with a constant base measure: the entropy derived from A agrees with MathNet's closed-form
/// Entropy (checked exact in MathNet 5: Bernoulli, Categorical, Normal, Gamma, Exponential, Beta, Laplace).
/// </summary>
public class ConstantBaseMeasureEntropyTests
{
    public static TheoryData<string, double[][], string> Points => new()
    {
        { "Bernoulli", [[0.5]], "p = 1/2" },
        { "Bernoulli", [[0.1]], "p = 0.1" },
        { "Bernoulli", [[0.73]], "p = 0.73" },
        { "Bernoulli", [[0.01]], "p = 0.01" },
        { "Bernoulli", [[0.999]], "p = 0.999" },

        { "Categorical", [[0.5, 0.5]], "K = 2 uniform" },
        { "Categorical", [[0.2, 0.3, 0.5]], "K = 3" },
        { "Categorical", [[0.05, 0.9, 0.05]], "K = 3 peaked" },
        { "Categorical", [[0.1, 0.2, 0.3, 0.4]], "K = 4" },
        { "Categorical", [[0.97, 0.01, 0.01, 0.01]], "K = 4 skewed" },
        { "Categorical", [[0.2, 0.2, 0.2, 0.2, 0.2]], "K = 5 uniform" },

        { "Normal", [[0], [1]], "standard" },
        { "Normal", [[3], [0.25]], "narrow" },
        { "Normal", [[-2], [10]], "wide" },
        { "Normal", [[100], [1e-3]], "far and very narrow" },
        { "Normal", [[-7.5], [4]], "negative mean" },

        { "Gamma", [[1], [1]], "exponential(1)" },
        { "Gamma", [[0.5], [2]], "shape < 1" },
        { "Gamma", [[2.5], [0.3]], "small rate" },
        { "Gamma", [[10], [4]], "shape 10" },
        { "Gamma", [[0.1], [1]], "shape 0.1" },
        { "Gamma", [[50], [7]], "large shape" },

        { "Exponential", [[1]], "rate 1" },
        { "Exponential", [[0.25]], "rate 1/4" },
        { "Exponential", [[2]], "rate 2" },
        { "Exponential", [[10]], "rate 10" },
        { "Exponential", [[0.01]], "rate 0.01" },

        { "Beta", [[2], [3]], "(2, 3)" },
        { "Beta", [[0.5], [0.5]], "arcsine" },
        { "Beta", [[5], [1]], "(5, 1)" },
        { "Beta", [[0.3], [4]], "(0.3, 4)" },
        { "Beta", [[20], [30]], "concentrated" },
        { "Beta", [[1.5], [0.8]], "(1.5, 0.8)" },

        { "Laplace", [[1]], "scale 1" },
        { "Laplace", [[0.5]], "scale 1/2" },
        { "Laplace", [[3]], "scale 3" },
        { "Laplace", [[0.01]], "scale 0.01" },
        { "Laplace", [[100]], "scale 100" },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Derived_entropy_agrees_with_MathNet(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        Assert.True(family.HasConstantBaseMeasure);
        var entropy = Assert.IsAssignableFrom<Expr>(family.Entropy);
        var expected = MathNetDistribution(name, arguments).Entropy;
        AssertRelative(expected, Evaluate(entropy, family, arguments), EntropyTolerance, $"{name} entropy at {point}");
    }
}
