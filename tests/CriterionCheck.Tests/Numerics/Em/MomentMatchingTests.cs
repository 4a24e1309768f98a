using CriterionCheck.Families;
using CriterionCheck.Numerics.Em;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Tests.Numerics.Em;

/// <summary>
/// Each family's moment-matching M-step against an independent maximisation of Σ w·log p(x | a) written
/// with MathNet's densities (Nelder–Mead in log coordinates), on weighted samples; with arguments held
/// fixed; and the boundary cases that have no interior maximiser.
/// </summary>
public class MomentMatchingTests
{
    private static ExponentialFamily Family(string name, params int[] sizes) => FamilyLibrary.Find(name)!.Instantiate(sizes);

    // Weighted statistics Σ w T(x) and Σ w, in the family's own statistics.
    private static (double[] Sums, double Weight) Pool(ExponentialFamily family, double[] x, double[] w)
    {
        var kernel = new NaturalFamilyKernel(family);
        var b = kernel.NewBuffers();
        var sums = new double[kernel.Natural];
        var t = new double[kernel.Natural];
        for (var i = 0; i < x.Length; i++)
        {
            kernel.Statistics([x[i]], t, b);
            for (var k = 0; k < t.Length; k++) sums[k] += w[i] * t[k];
        }
        return (sums, w.Sum());
    }

    // argmax over the free arguments of Σ w log p(x | a), by Nelder–Mead in log coordinates (every argument here is positive or real).
    private static double[] Direct(Func<double[], double> logDensityOfArguments, double[] start, bool[] free, bool[] positive)
    {
        var index = Enumerable.Range(0, start.Length).Where(i => free[i]).ToArray();
        double[] Arguments(Vector<double> u)
        {
            var a = (double[])start.Clone();
            for (var k = 0; k < index.Length; k++) a[index[k]] = positive[index[k]] ? Math.Exp(u[k]) : u[k];
            return a;
        }
        var objective = ObjectiveFunction.Value(u => -logDensityOfArguments(Arguments(u)));
        var u0 = Vector<double>.Build.Dense([.. index.Select(i => positive[i] ? Math.Log(start[i]) : start[i])]);
        var result = new NelderMeadSimplex(1e-13, 20000).FindMinimum(objective, u0);
        return Arguments(result.MinimizingPoint);
    }

    public static TheoryData<string, bool, bool> TwoArgumentCases => new()
    {
        { "Normal", true, true }, { "Normal", true, false }, { "Normal", false, true },
        { "Gamma", true, true }, { "Gamma", true, false }, { "Gamma", false, true },
        { "Beta", true, true }, { "Beta", true, false }, { "Beta", false, true },
    };

    [Theory]
    [MemberData(nameof(TwoArgumentCases))]
    public void Two_argument_families_match_a_direct_maximisation(string name, bool firstFree, bool secondFree)
    {
        var random = new Random(name.Length * 3 + (firstFree ? 1 : 0) + (secondFree ? 2 : 0));
        var family = Family(name, 1, 1);
        var (x, logp) = name switch
        {
            "Normal" => (Enumerable.Range(0, 300).Select(_ => Normal.Sample(random, 1.5, 2)).ToArray(), (Func<double, double[], double>)((v, a) => Normal.PDFLn(a[0], Math.Sqrt(a[1]), v))),
            "Gamma" => (Enumerable.Range(0, 300).Select(_ => Gamma.Sample(random, 2.5, 1.7)).ToArray(), (v, a) => Gamma.PDFLn(a[0], a[1], v)),
            _ => (Enumerable.Range(0, 300).Select(_ => Beta.Sample(random, 2.2, 3.1)).ToArray(), (v, a) => Beta.PDFLn(a[0], a[1], v)),
        };
        var w = x.Select(_ => 0.2 + random.NextDouble()).ToArray();
        var (sums, weight) = Pool(family, x, w);
        var start = name == "Normal" ? new[] { 0.7, 1.3 } : [1.4, 2.1];
        bool[] free = [firstFree, secondFree];
        var (arguments, limits) = MomentMatching.Solve(family, sums, weight, start, free);
        Assert.All(limits, l => Assert.Null(l));
        var expected = Direct(a => x.Select((v, i) => w[i] * logp(v, a)).Sum(), start, free, name == "Normal" ? [false, true] : [true, true]);
        for (var i = 0; i < 2; i++)
        {
            if (!free[i]) Assert.Equal(start[i], arguments[i]);
            Assert.True(Math.Abs(arguments[i] - expected[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"{name} argument {i}: {arguments[i]} vs direct {expected[i]}");
        }
    }

    [Fact]
    public void One_argument_families_match_a_direct_maximisation()
    {
        var random = new Random(11);
        var cases = new (ExponentialFamily Family, double[] X, Func<double, double, double> LogP, double Start, bool Positive)[]
        {
            (Family("Bernoulli", 1), [.. Enumerable.Range(0, 200).Select(_ => (double)(random.NextDouble() < 0.3 ? 1 : 0))], (v, p) => Bernoulli.PMFLn(p, (int)v), 0.5, true),
            (Family("Binomial", 16, 1), [.. Enumerable.Range(0, 200).Select(_ => (double)Binomial.Sample(random, 0.35, 16))], (v, p) => Binomial.PMFLn(p, 16, (int)v), 0.5, true),
            (Family("Poisson", 1), [.. Enumerable.Range(0, 200).Select(_ => (double)Poisson.Sample(random, 3.2))], (v, l) => Poisson.PMFLn(l, (int)v), 1, true),
            (Family("Exponential", 1), [.. Enumerable.Range(0, 200).Select(_ => Exponential.Sample(random, 1.7))], (v, l) => Exponential.PDFLn(l, v), 1, true),
            (Family("Laplace", 1), [.. Enumerable.Range(0, 200).Select(_ => Laplace.Sample(random, 0, 0.8))], (v, b) => Laplace.PDFLn(0, b, v), 1, true),
        };
        foreach (var (family, x, logp, start, positive) in cases)
        {
            var w = x.Select(_ => 0.2 + random.NextDouble()).ToArray();
            var (sums, weight) = Pool(family, x, w);
            var (arguments, limits) = MomentMatching.Solve(family, sums, weight, [start], [true]);
            Assert.Null(limits[0]);
            // Probabilities in logit coordinates for the direct search.
            var p = family.Name is "Bernoulli" or "Binomial";
            var expected = p
                ? Direct(a => x.Select((v, i) => w[i] * logp(v, 1 / (1 + Math.Exp(-a[0])))).Sum(), [0.0], [true], [false]) is var u ? 1 / (1 + Math.Exp(-u[0])) : 0
                : Direct(a => x.Select((v, i) => w[i] * logp(v, a[0])).Sum(), [start], [true], [positive])[0];
            Assert.True(Math.Abs(arguments[0] - expected) <= 1e-6 * Math.Max(1, expected), $"{family.Name}: {arguments[0]} vs direct {expected}");
        }
    }

    [Fact]
    public void Categorical_weights_are_the_weighted_frequencies()
    {
        var family = Family("Categorical", 3);
        var x = new double[] { 1, 1, 2, 3, 3, 3 };
        var w = new double[] { 1, 0.5, 2, 1, 1, 0.5 };
        var (sums, weight) = Pool(family, x, w);
        var (a, limits) = MomentMatching.Solve(family, sums, weight, [0.2, 0.3, 0.5], [true, true, false]);
        Assert.All(limits, l => Assert.Null(l));
        Assert.Equal(1.5 / 6, a[0], 15);
        Assert.Equal(2.0 / 6, a[1], 15);
    }

    [Fact]
    public void Maximisers_on_the_boundary_are_limits_not_numbers()
    {
        // A pixel that is never set: p → 0; one always set: p → 1.
        var bernoulli = Family("Bernoulli", 1);
        Assert.Equal(Limit.Zero, MomentMatching.Solve(bernoulli, [0.0], 5, [0.5], [true]).Limits[0]);
        Assert.Equal(Limit.One, MomentMatching.Solve(bernoulli, [5.0], 5, [0.5], [true]).Limits[0]);
        // The same value everywhere: the variance → 0 (the likelihood is unbounded).
        var normal = Family("Normal", 1, 1);
        var (_, limits) = MomentMatching.Solve(normal, [6.0, 12.0], 3, [0, 1], [true, true]);
        Assert.Equal(Limit.Zero, limits[1]);
        // Nothing weighs on a component: every free argument is undetermined.
        Assert.Equal(Limit.NoWeight, MomentMatching.Solve(normal, [0.0, 0.0], 0, [0, 1], [true, true]).Limits[0]);
        // A category never seen: its weight → 0.
        var categorical = Family("Categorical", 3);
        Assert.Equal(Limit.Zero, MomentMatching.Solve(categorical, [2.0, 0.0], 4, [0.2, 0.3, 0.5], [true, true, false]).Limits[1]);
        // Equal values: a Gamma's shape grows without bound.
        Assert.Equal(Limit.Infinity, MomentMatching.Solve(Family("Gamma", 1, 1), [Math.Log(2) * 4, 8], 4, [1, 1], [true, true]).Limits[0]);
    }
}
