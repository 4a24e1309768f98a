using CriterionCheck.Families;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.Distributions;

namespace CriterionCheck.Tests.Families;

/// <summary>
/// Library families at concrete arguments. Arguments are given one array per family argument:
/// [value] for a scalar, [n] for a known count, the entries of a vector, a D×D matrix row-major.
/// </summary>
internal static class FamilyTestSupport
{
    /// <summary>The relative agreement the issue asks of a derived entropy.</summary>
    public const double EntropyTolerance = 1e-9;

    public static ExponentialFamily Instantiate(string name, double[][] arguments)
    {
        var definition = FamilyLibrary.Find(name) ?? throw new ArgumentException($"no family {name}", nameof(name));
        var sizes = definition.Signature.Select((argument, i) => argument.Kind switch
        {
            ArgumentKind.Scalar => 1,
            ArgumentKind.KnownCount => (int)arguments[i][0],
            ArgumentKind.Vector => arguments[i].Length,
            ArgumentKind.Matrix => (int)Math.Round(Math.Sqrt(arguments[i].Length)),
            _ => throw new ArgumentOutOfRangeException(nameof(arguments)),
        }).ToList();
        return definition.Instantiate(sizes);
    }

    /// <summary>Every parameter entry symbol bound to its value (a known count has no entries).</summary>
    public static Dictionary<Expr, double> Bindings(ExponentialFamily family, double[][] arguments)
    {
        var values = new Dictionary<Expr, double>();
        for (var i = 0; i < family.Parameters.Length; i++)
        {
            var entries = family.Parameters[i].Entries;
            if (entries.IsEmpty) continue;
            Assert.Equal(entries.Length, arguments[i].Length);
            for (var k = 0; k < entries.Length; k++) values[entries[k]] = arguments[i][k];
        }
        return values;
    }

    /// <summary>An expression in the standard parameters, at <paramref name="arguments"/>.</summary>
    public static double Evaluate(Expr e, ExponentialFamily family, double[][] arguments) =>
        Evaluator.Evaluate(e, Bindings(family, arguments));

    /// <summary>log p(x) from <see cref="ExponentialFamily.LogDensity"/> with eta bound to the natural map's values.</summary>
    public static Func<double[], double> LogDensity(ExponentialFamily family, double[][] arguments)
    {
        var bindings = Bindings(family, arguments);
        var eta = family.NaturalMap.Select(e => Evaluator.Evaluate(e, bindings)).ToArray();
        var logDensity = family.LogDensity;
        return x =>
        {
            var values = new Dictionary<Expr, double>();
            for (var k = 0; k < eta.Length; k++) values[family.NaturalSymbols[k]] = eta[k];
            for (var i = 0; i < x.Length; i++) values[family.Variable[i]] = x[i];
            return Evaluator.Evaluate(logDensity, values);
        };
    }

    /// <summary>log h(x) at one point of the variable.</summary>
    public static double LogBaseMeasure(ExponentialFamily family, double[] x)
    {
        var values = new Dictionary<Expr, double>();
        for (var i = 0; i < x.Length; i++) values[family.Variable[i]] = x[i];
        return Evaluator.Evaluate(family.LogBaseMeasure, values);
    }

    /// <summary>
    /// MathNet's distribution for a scalar family. Its pmf/pdf serve as oracles everywhere; its Entropy
    /// only where it is exact (not Poisson's, which is an asymptotic series).
    /// </summary>
    public static IUnivariateDistribution MathNetDistribution(string family, double[][] a) => family switch
    {
        "Bernoulli" => new Bernoulli(a[0][0]),
        "Categorical" => new Categorical(a[0]),
        "Normal" => new Normal(a[0][0], Math.Sqrt(a[1][0])),
        "Gamma" => new Gamma(a[0][0], a[1][0]),
        "Exponential" => new Exponential(a[0][0]),
        "Beta" => new Beta(a[0][0], a[1][0]),
        "Laplace" => new Laplace(0, a[0][0]),
        "Binomial" => new Binomial(a[1][0], (int)a[0][0]),
        "Poisson" => new Poisson(a[0][0]),
        _ => throw new ArgumentException($"no MathNet counterpart for {family}", nameof(family)),
    };

    /// <summary>Enough Poisson terms that the rest of the mass (and of −Σ p log p) is far below double precision.</summary>
    public static int PoissonTerms(double rate) => (int)Math.Ceiling(rate + 40 * Math.Sqrt(rate) + 60);

    /// <summary>The support points a discrete family's sums run over (Poisson truncated far in the tail).</summary>
    public static IEnumerable<double[]> SupportPoints(ExponentialFamily family, double[][] arguments) =>
        family.Support.Kind == SupportKind.Count ? family.Support.Points().Take(PoissonTerms(arguments[0][0])) : family.Support.Points();

    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        var error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative error {error:E2}, tolerance {tolerance:E0})");
    }
}
