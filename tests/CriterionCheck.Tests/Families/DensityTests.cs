using CriterionCheck.Families;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using static CriterionCheck.Tests.Families.FamilyTestSupport;

namespace CriterionCheck.Tests.Families;

/// <summary>
/// exp(LogDensity) with eta bound to the natural map is a normalised density that agrees with MathNet's
/// pmf/pdf — which checks the statistics, the log-partition and the base measure together.
/// </summary>
public class DensityTests
{
    private const double NormalisationTolerance = 1e-8;
    private const double DensityTolerance = 1e-9;

    public static TheoryData<string, double[][], string> Discrete => new()
    {
        { "Bernoulli", [[0.3]], "p = 0.3" },
        { "Bernoulli", [[0.98]], "p = 0.98" },
        { "Categorical", [[0.2, 0.3, 0.5]], "K = 3" },
        { "Categorical", [[0.1, 0.05, 0.6, 0.15, 0.1]], "K = 5" },
        { "Poisson", [[0.3]], "rate 0.3" },
        { "Poisson", [[42]], "rate 42" },
        { "Binomial", [[12], [0.35]], "n = 12, p = 0.35" },
        { "Binomial", [[60], [0.9]], "n = 60, p = 0.9" },
    };

    public static TheoryData<string, double[][], string> ContinuousScalar => new()
    {
        { "Normal", [[1.5], [0.7]], "mean 1.5, variance 0.7" },
        { "Normal", [[-20], [1e-3]], "very narrow" },
        { "Gamma", [[0.4], [1.5]], "shape < 1" },
        { "Gamma", [[7], [0.2]], "shape 7, rate 0.2" },
        { "Exponential", [[0.3]], "rate 0.3" },
        { "Exponential", [[25]], "rate 25" },
        { "Beta", [[0.5], [0.7]], "both shapes < 1" },
        { "Beta", [[3], [9]], "(3, 9)" },
        { "Laplace", [[0.2]], "scale 0.2" },
        { "Laplace", [[4]], "scale 4" },
    };

    public static TheoryData<string, double[][], string> Scalar
    {
        get
        {
            var rows = new TheoryData<string, double[][], string>();
            foreach (var row in Discrete.Concat(ContinuousScalar)) rows.Add((string)row[0], (double[][])row[1], (string)row[2]);
            return rows;
        }
    }

    public static TheoryData<string, double[][], string> Multivariate => new()
    {
        { "MvNormal", [[0.5, -1], [2, 0.7, 0.7, 1.5]], "D = 2" },
        { "MvNormal", [[1, 0, -1], [1, 0.4, 0.1, 0.4, 2, -0.5, 0.1, -0.5, 0.8]], "D = 3" },
    };

    [Theory]
    [MemberData(nameof(Discrete))]
    public void Exp_log_density_sums_to_one_over_the_support(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        var logDensity = LogDensity(family, arguments);
        var total = SupportPoints(family, arguments).Sum(x => Math.Exp(logDensity(x)));
        AssertRelative(1, total, NormalisationTolerance, $"{name} total mass at {point}");
    }

    [Theory]
    [MemberData(nameof(ContinuousScalar))]
    public void Exp_log_density_integrates_to_one_over_the_support(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        var logDensity = LogDensity(family, arguments);
        var oracle = (IContinuousDistribution)MathNetDistribution(name, arguments);
        var (lower, upper) = OpenSupport(family.Support);
        double Density(double x) => x > lower && x < upper ? Math.Exp(logDensity([x])) : 0;

        // Double-exponential quadrature in a variable u that maps the support onto the line (x = e^u on
        // (0, ∞), x = σ(u) on (0, 1)), so Gamma's and Beta's integrable endpoint singularities become
        // exponentially decaying tails; split at the mean (Laplace's kink) and cut far out in the tails.
        var (mean, sd) = (oracle.Mean, oracle.StdDev);
        static double Split(Func<double, double> g, double a, double m, double b) =>
            Integrate.DoubleExponential(g, a, m, 1e-13) + Integrate.DoubleExponential(g, m, b, 1e-13);
        var total = family.Support.Kind switch
        {
            SupportKind.Positive => Split(u => Density(Math.Exp(u)) * Math.Exp(u), Math.Log(mean) - 300, Math.Log(mean), Math.Log(mean + 60 * sd)),
            SupportKind.UnitInterval => Split(u => Density(Logistic(u)) * Logistic(u) * Logistic(-u), Logit(mean) - 300, Logit(mean), Logit(mean) + 300),
            _ => Split(Density, mean - 60 * sd, mean, mean + 60 * sd),
        };
        AssertRelative(1, total, NormalisationTolerance, $"{name} total probability at {point}");
    }

    [Theory]
    [MemberData(nameof(Scalar))]
    public void Exp_log_density_agrees_with_MathNet(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        var logDensity = LogDensity(family, arguments);
        var oracle = MathNetDistribution(name, arguments);
        if (oracle is IDiscreteDistribution discrete)
        {
            var index = 0;
            foreach (var x in SupportPoints(family, arguments).Take(40))
            {
                // Categorical points are one-hot in K − 1 coordinates, in category order.
                var k = family.Support.Kind == SupportKind.Categorical ? index : (int)x[0];
                AssertRelative(discrete.Probability(k), Math.Exp(logDensity(x)), DensityTolerance, $"{name} pmf at {point}, x = {k}");
                index++;
            }
        }
        else
        {
            var continuous = (IContinuousDistribution)oracle;
            var (lower, upper) = OpenSupport(family.Support);
            foreach (var t in new[] { -1.5, -0.5, 0, 0.7, 2, 4 })
            {
                var x = continuous.Mean + t * continuous.StdDev;
                if (x <= lower || x >= upper) continue;
                AssertRelative(continuous.Density(x), Math.Exp(logDensity([x])), DensityTolerance, $"{name} pdf at {point}, x = {x}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Multivariate))]
    public void MvNormal_density_agrees_with_MathNet_matrix_normal(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        var logDensity = LogDensity(family, arguments);
        var d = arguments[0].Length;
        var oracle = new MatrixNormal(Matrix<double>.Build.DenseOfColumnMajor(d, 1, arguments[0]),
            Matrix<double>.Build.DenseOfRowMajor(d, d, arguments[1]), Matrix<double>.Build.DenseIdentity(1));
        var offsets = new[] { 0.0, 0.5, -1.2, 2.0 };
        foreach (var offset in offsets)
        {
            var x = arguments[0].Select((m, i) => m + offset * (i + 1) * (i % 2 == 0 ? 1 : -1)).ToArray();
            var expected = oracle.Density(Matrix<double>.Build.DenseOfColumnMajor(d, 1, x));
            AssertRelative(expected, Math.Exp(logDensity(x)), DensityTolerance, $"MvNormal pdf at {point}, x = ({string.Join(", ", x)})");
        }
    }

    private static double Logistic(double u) => 1 / (1 + Math.Exp(-u));

    private static double Logit(double x) => Math.Log(x / (1 - x));

    private static (double Lower, double Upper) OpenSupport(Support support) => support.Kind switch
    {
        SupportKind.Positive => (0, double.PositiveInfinity),
        SupportKind.UnitInterval => (0, 1),
        SupportKind.Real => (double.NegativeInfinity, double.PositiveInfinity),
        _ => throw new ArgumentException($"{support.Keyword} is not a continuous scalar support", nameof(support)),
    };
}
