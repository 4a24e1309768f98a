using CriterionCheck.Families;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// The M-step of one exponential-family factor whose arguments are parameters of their own: the
/// maximiser of Σ w·log p(v | a) over the free arguments a, which is moment matching, ∇A(η) = the
/// weighted mean of T. In closed form where the family has one (Bernoulli, Binomial, Categorical,
/// Normal, Poisson, Exponential, Laplace); by Newton's method on the family's own small system
/// otherwise (Gamma's shape, Beta). Arguments that are fixed (constants, or parameters not trained)
/// keep their value, and the remaining ones are the constrained maximiser.
/// </summary>
public static class MomentMatching
{
    /// <summary>True when <paramref name="family"/> has a moment-matching M-step for the free pattern <paramref name="free"/> here.</summary>
    public static bool Supports(ExponentialFamily family, IReadOnlyList<bool> free) => family.Name switch
    {
        "Bernoulli" or "Binomial" or "Poisson" or "Exponential" or "Laplace" => true,
        // A categorical's free weights are all of them but the implied last one.
        "Categorical" => free.Take(free.Count - 1).All(f => f) || free.All(f => !f),
        "Normal" or "Gamma" or "Beta" => true,
        _ => false,
    };

    /// <summary>
    /// The new arguments (every entry, family order) from the pooled statistics <paramref name="sums"/> = Σ w·T(v)
    /// and <paramref name="weight"/> = Σ w, starting from <paramref name="current"/>; entries not <paramref name="free"/> stay.
    /// A free entry whose maximiser lies on the boundary of its domain gets a <see cref="Limit"/> instead.
    /// </summary>
    public static (double[] Arguments, Limit?[] Limits) Solve(ExponentialFamily family, ReadOnlySpan<double> sums, double weight, double[] current, IReadOnlyList<bool> free)
    {
        var a = (double[])current.Clone();
        var limits = new Limit?[a.Length];
        if (!(weight > 0))
        {
            for (var i = 0; i < a.Length; i++) if (free[i]) limits[i] = Limit.NoWeight;
            return (a, limits);
        }
        var m = new double[sums.Length];
        for (var i = 0; i < m.Length; i++) m[i] = sums[i] / weight;
        switch (family.Name)
        {
            case "Bernoulli": Probability(0, m[0]); break;
            case "Binomial": Probability(0, m[0] / family.Support.Size); break;
            case "Poisson": Positive(0, m[0]); break;
            case "Laplace": Positive(0, m[0]); break;
            case "Exponential": if (free[0]) a[0] = 1 / m[0]; break;
            case "Categorical":
                if (!free[0]) break;
                for (var k = 0; k < m.Length; k++) Probability(k, m[k]);
                // The last weight is implied; it is on the boundary when nothing is left for it.
                var last = 1 - m.Sum();
                if (!(last > 1e-300)) limits[^1] = Limit.Zero;
                break;
            case "Normal": Normal(m); break;
            case "Gamma": Gamma(m); break;
            case "Beta": Beta(m); break;
            default: throw new InvalidOperationException($"{family.Name} has no moment-matching M-step");
        }
        return (a, limits);

        void Probability(int i, double p)
        {
            if (!free[i]) return;
            if (!(p > 0)) limits[i] = Limit.Zero;
            else if (!(p < 1)) limits[i] = Limit.One;
            else a[i] = p;
        }

        void Positive(int i, double v)
        {
            if (!free[i]) return;
            if (!(v > 0)) limits[i] = Limit.Zero;
            else a[i] = v;
        }

        void Normal(double[] moments)
        {
            var (mean, square) = (moments[0], moments[1]);
            if (free[0]) a[0] = mean;
            if (!free[1]) return;
            // E[(x − μ)²] about the mean in use; the centred form loses less than E[x²] − μ² when μ is the weighted mean.
            var variance = free[0] ? square - mean * mean : square - 2 * a[0] * mean + a[0] * a[0];
            if (!(variance > 1e-13 * Math.Max(square, double.Epsilon))) limits[1] = Limit.Zero;
            else a[1] = variance;
        }

        void Gamma(double[] moments)
        {
            var (meanLog, mean) = (moments[0], moments[1]);
            switch (free[0], free[1])
            {
                case (true, true):
                    // log a − ψ(a) = log E[x] − E[log x] = s > 0; b = a / E[x].
                    var s = Math.Log(mean) - meanLog;
                    if (!(s > 1e-14)) { limits[0] = Limit.Infinity; limits[1] = Limit.Infinity; return; }
                    var shape = (3 - s + Math.Sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s); // Minka's starting point
                    shape = Newton1(shape, x => (Math.Log(x) - SpecialFunctions.Digamma(x) - s, 1 / x - SpecialFunctions.Trigamma(x)));
                    a[0] = shape;
                    a[1] = shape / mean;
                    break;
                case (false, true): a[1] = a[0] / mean; break;
                case (true, false):
                    // ψ(a) = E[log x] + log b.
                    var target = meanLog + Math.Log(a[1]);
                    a[0] = Newton1(InverseDigammaStart(target), x => (SpecialFunctions.Digamma(x) - target, SpecialFunctions.Trigamma(x)));
                    break;
            }
        }

        void Beta(double[] moments)
        {
            var (m1, m2) = (moments[0], moments[1]);
            var (x, y) = (a[0], a[1]);
            // Damped Newton in log-coordinates on ψ(a) − ψ(a+b) = m1, ψ(b) − ψ(a+b) = m2 (the free ones).
            for (var step = 0; step < 200; step++)
            {
                var s = SpecialFunctions.Digamma(x + y);
                var (f1, f2) = (SpecialFunctions.Digamma(x) - s - m1, SpecialFunctions.Digamma(y) - s - m2);
                var t = SpecialFunctions.Trigamma(x + y);
                var (j11, j12, j22) = (SpecialFunctions.Trigamma(x) - t, -t, SpecialFunctions.Trigamma(y) - t);
                double dx = 0, dy = 0;
                if (free[0] && free[1])
                {
                    var det = j11 * j22 - j12 * j12;
                    dx = (j22 * f1 - j12 * f2) / det;
                    dy = (j11 * f2 - j12 * f1) / det;
                }
                else if (free[0]) dx = f1 / j11;
                else if (free[1]) dy = f2 / j22;
                // Halve until both stay positive.
                var scale = 1.0;
                while (x - scale * dx <= 0 || y - scale * dy <= 0) scale /= 2;
                (x, y) = (x - scale * dx, y - scale * dy);
                if (Math.Abs(scale * dx) <= 1e-15 * x && Math.Abs(scale * dy) <= 1e-15 * y) break;
                if (x > 1e15 || y > 1e15) { if (free[0]) limits[0] = Limit.Infinity; if (free[1]) limits[1] = Limit.Infinity; return; }
            }
            (a[0], a[1]) = (x, y);
        }
    }

    // Newton's method for f(x) = 0 on x > 0, halving steps that would leave the domain.
    private static double Newton1(double x, Func<double, (double Value, double Slope)> f)
    {
        for (var step = 0; step < 100; step++)
        {
            var (value, slope) = f(x);
            var delta = value / slope;
            var scale = 1.0;
            while (x - scale * delta <= 0) scale /= 2;
            var next = x - scale * delta;
            if (Math.Abs(next - x) <= 1e-15 * x) return next;
            x = next;
        }
        return x;
    }

    // ψ⁻¹(y) to start Newton: exp(y) + 1/2 for large y, −1/(y − ψ(1)) for small.
    private static double InverseDigammaStart(double y) => y >= -2.22 ? Math.Exp(y) + 0.5 : -1 / (y + 0.5772156649015329);
}

/// <summary>Where a free argument's maximiser lies when it is not inside the domain.</summary>
public enum Limit
{
    /// <summary>The value goes to 0 (a probability, a rate, a variance).</summary>
    Zero,
    /// <summary>The value goes to 1 (a probability).</summary>
    One,
    /// <summary>The value grows without bound.</summary>
    Infinity,
    /// <summary>Nothing weighs on the argument (a mixture component that explains no data point), so its mixture weight goes to 0.</summary>
    NoWeight,
}
