using CriterionCheck.Symbolics.Core;
using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;
using static CriterionCheck.Tests.Families.FamilyTestSupport;

namespace CriterionCheck.Tests.Families;

/// <summary>
/// MvNormal's entropy (the family's closed form: with Σ⁻¹ kept whole, deriving it from A would need
/// tr(Σ⁻¹Σ) = D) against ½·log det(2πeΣ) (MathNet's determinant) for D = 1 to 4, and
/// against Gauss–Legendre integration of −∫ p log p for D = 1, 2 with p built from MathNet's inverse.
/// </summary>
public class MultivariateNormalEntropyTests
{
    public static TheoryData<string, double[][], string> OneAndTwoDimensional => new()
    {
        { "MvNormal", [[0], [1]], "D = 1 standard" },
        { "MvNormal", [[2.5], [0.3]], "D = 1 narrow" },
        { "MvNormal", [[-1], [7]], "D = 1 wide" },
        { "MvNormal", [[10], [0.01]], "D = 1 very narrow" },
        { "MvNormal", [[0.5], [2]], "D = 1 variance 2" },

        { "MvNormal", [[0, 0], [1, 0, 0, 1]], "D = 2 identity" },
        { "MvNormal", [[1, -1], [2, 0.5, 0.5, 1]], "D = 2 mildly correlated" },
        { "MvNormal", [[0.3, 0.2], [1, 0.8, 0.8, 1]], "D = 2 correlation 0.8" },
        { "MvNormal", [[-2, 4], [0.5, -0.2, -0.2, 0.3]], "D = 2 negative correlation" },
        { "MvNormal", [[0, 1], [4, 1.5, 1.5, 3]], "D = 2 wide" },
        { "MvNormal", [[5, 5], [0.1, 0, 0, 9]], "D = 2 diagonal, unequal" },
    };

    public static TheoryData<string, double[][], string> ThreeAndFourDimensional => new()
    {
        { "MvNormal", [[0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1]], "D = 3 identity" },
        { "MvNormal", [[1, 2, 3], [2, 0.3, 0.1, 0.3, 1, 0.2, 0.1, 0.2, 0.5]], "D = 3 mildly correlated" },
        { "MvNormal", [[0, -1, 0.5], [1, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 1]], "D = 3 AR(1)" },
        { "MvNormal", [[-3, 0, 3], [3, -1, 0.5, -1, 2, -0.3, 0.5, -0.3, 1]], "D = 3 mixed signs" },
        { "MvNormal", [[0, 0, 0], [0.2, 0, 0, 0, 5, 0, 0, 0, 1.3]], "D = 3 diagonal" },
        { "MvNormal", [[0.1, 0.2, 0.3], [0.6, 0.1, 0, 0.1, 0.4, 0.05, 0, 0.05, 0.9]], "D = 3 banded" },
        { "MvNormal", [[0.1, 0.2, 0.3, 0.4], [2, 0.3, 0.1, 0, 0.3, 1, 0.2, 0.1, 0.1, 0.2, 0.5, 0.05, 0, 0.1, 0.05, 0.8]], "D = 4" },
        { "MvNormal", [[0, 0, 0, 0], [1, 0.5, 0.25, 0.125, 0.5, 1, 0.5, 0.25, 0.25, 0.5, 1, 0.5, 0.125, 0.25, 0.5, 1]], "D = 4 AR(1)" },
    };

    public static TheoryData<string, double[][], string> AllDimensions
    {
        get
        {
            var rows = new TheoryData<string, double[][], string>();
            foreach (var row in OneAndTwoDimensional.Concat(ThreeAndFourDimensional)) rows.Add((string)row[0], (double[][])row[1], (string)row[2]);
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(AllDimensions))]
    public void Entropy_is_half_log_det_of_2_pi_e_sigma(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        var d = arguments[0].Length;
        var scaled = Matrix<double>.Build.DenseOfRowMajor(d, d, arguments[1]) * (2 * Math.PI * Math.E);
        var expected = 0.5 * Math.Log(scaled.Determinant());
        var entropy = Assert.IsAssignableFrom<Expr>(family.Entropy);
        AssertRelative(expected, Evaluate(entropy, family, arguments), EntropyTolerance, $"MvNormal entropy at {point}");
    }

    [Theory]
    [MemberData(nameof(OneAndTwoDimensional))]
    public void Entropy_agrees_with_numerical_integration(string name, double[][] arguments, string point)
    {
        var family = Instantiate(name, arguments);
        var d = arguments[0].Length;
        var mean = arguments[0];
        var covariance = Matrix<double>.Build.DenseOfRowMajor(d, d, arguments[1]);
        var precision = covariance.Inverse();
        var logNormaliser = -0.5 * (d * Math.Log(2 * Math.PI) + Math.Log(covariance.Determinant()));
        double LogP(double[] x)
        {
            var quadratic = 0.0;
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) quadratic += (x[i] - mean[i]) * precision[i, j] * (x[j] - mean[j]);
            return logNormaliser - 0.5 * quadratic;
        }
        double MinusPLogP(double[] x)
        {
            var logP = LogP(x);
            return -Math.Exp(logP) * logP;
        }

        // A box of ±14 standard deviations per axis: the mass outside is below 1e-40.
        const int order = 256;
        double Lower(int i) => mean[i] - 14 * Math.Sqrt(covariance[i, i]);
        double Upper(int i) => mean[i] + 14 * Math.Sqrt(covariance[i, i]);
        var expected = d == 1
            ? GaussLegendreRule.Integrate(x => MinusPLogP([x]), Lower(0), Upper(0), order)
            : GaussLegendreRule.Integrate((x, y) => MinusPLogP([x, y]), Lower(0), Upper(0), Lower(1), Upper(1), order);

        var entropy = Assert.IsAssignableFrom<Expr>(family.Entropy);
        AssertRelative(expected, Evaluate(entropy, family, arguments), EntropyTolerance, $"MvNormal entropy at {point} (integrated)");
    }
}
