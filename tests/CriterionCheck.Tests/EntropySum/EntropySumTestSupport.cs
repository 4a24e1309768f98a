using CriterionCheck.EntropySum;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Verification;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CriterionCheck.Tests.EntropySum;

/// <summary>
/// Helpers for the numerical checks of the entropy-sum closed forms. Everything here is an independent
/// oracle: log densities are written out (or taken from MathNet), never from the formula code.
/// </summary>
internal static class EntropySumTestSupport
{
    /// <summary>Loads a catalog spec with size overrides, checks it and builds its entropy-sum formula.</summary>
    public static (Model Model, EntropySumFormula Formula) Load(string specFile, IReadOnlyDictionary<string, int> dims)
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog(specFile), dims);
        var check = ModelCheck.Run(model);
        var formula = EntropySumBuilder.Build(check);
        Assert.NotNull(formula);
        return (check.Model, formula);
    }

    /// <summary>
    /// Asserts that <paramref name="parameters"/> gives a value to exactly the model's free parameter
    /// elements: a missing element would make the formula throw, an extra one would mean the test
    /// fills a coordinate the model does not have (e.g. pi[C] of a simplex).
    /// </summary>
    public static void AssertCoversFreeElements(Model model, IReadOnlyDictionary<Expr, double> parameters)
    {
        var free = model.Parameters.SelectMany(p => p.FreeElements).Select(s => (Expr)s).ToHashSet();
        var given = parameters.Keys.ToHashSet();
        Assert.True(free.SetEquals(given),
            $"free elements [{string.Join(", ", free.Except(given))}] missing, [{string.Join(", ", given.Except(free))}] not free");
    }

    /// <summary>|expected − actual| ≤ tolerance · max(1, |expected|).</summary>
    public static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        Assert.True(double.IsFinite(expected) && double.IsFinite(actual), $"{what}: non-finite value (expected {expected:R}, actual {actual:R})");
        var scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale,
            $"{what}: expected {expected:R}, actual {actual:R}, |difference| {Math.Abs(expected - actual):E3} > {tolerance:E1} * {scale:G6}");
    }

    /// <summary>|a − b| &gt; threshold: the comparison is sensitive enough to fail.</summary>
    public static void AssertDiffer(double a, double b, double threshold, string what) =>
        Assert.True(Math.Abs(a - b) > threshold, $"{what}: {a:R} and {b:R} differ by only {Math.Abs(a - b):E3} (want > {threshold:E1})");

    /// <summary>log Σ exp(values), stably.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max)) return max;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>
    /// log N(x; mean, covariance) from a Cholesky factorisation: −D/2 log 2π − Σ log L_ii − ½ |L⁻¹(x − mean)|².
    /// </summary>
    public static double MultivariateNormalLogDensity(Vector<double> x, Vector<double> mean, Cholesky<double> covariance)
    {
        var l = covariance.Factor;
        var d = x.Count;
        var y = new double[d];
        var quadratic = 0.0;
        for (var i = 0; i < d; i++)
        {
            var s = x[i] - mean[i];
            for (var k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
            quadratic += y[i] * y[i];
        }
        var halfLogDet = 0.0;
        for (var i = 0; i < d; i++) halfLogDet += Math.Log(l[i, i]);
        return -0.5 * d * Math.Log(2 * Math.PI) - halfLogDet - 0.5 * quadratic;
    }

    /// <summary>Average log N(x_n; mean, covariance) over the rows of <paramref name="data"/>.</summary>
    public static double AverageGaussianLogLikelihood(Matrix<double> data, Vector<double> mean, Matrix<double> covariance)
    {
        var cholesky = covariance.Cholesky();
        var total = 0.0;
        for (var n = 0; n < data.RowCount; n++) total += MultivariateNormalLogDensity(data.Row(n), mean, cholesky);
        return total / data.RowCount;
    }

    /// <summary>The sample mean and the maximum-likelihood (1/N) sample covariance of the rows.</summary>
    public static (Vector<double> Mean, Matrix<double> Covariance) Moments(Matrix<double> data)
    {
        var n = data.RowCount;
        var mean = data.ColumnSums() / n;
        var centred = Matrix<double>.Build.Dense(n, data.ColumnCount, (i, j) => data[i, j] - mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / n;
        return (mean, 0.5 * (covariance + covariance.Transpose()));
    }

    /// <summary>
    /// The trigamma function ψ′(x), x &gt; 0, by the recurrence ψ′(x) = ψ′(x + 1) + 1/x² and the asymptotic
    /// series for x ≥ 8 (MathNet has no trigamma). Only used as a Newton derivative.
    /// </summary>
    public static double Trigamma(double x)
    {
        var result = 0.0;
        for (; x < 8; x++) result += 1 / (x * x);
        var inv = 1 / x;
        var inv2 = inv * inv;
        return result + inv + inv2 / 2 + inv * inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 * (1.0 / 30 - inv2 * 5.0 / 66))));
    }
}
