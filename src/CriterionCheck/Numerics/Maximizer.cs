using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CriterionCheck.Numerics;

/// <summary>An objective to maximise: its value and gradient at a point (unconstrained coordinates).</summary>
public delegate (double Value, double[] Gradient) Ascent(double[] u);

/// <summary>
/// Maximises a smooth function: MathNet's L-BFGS for the bulk of the way, then damped Newton steps on a
/// Hessian from central differences of the exact gradient. L-BFGS's line search stalls at round-off
/// level long before a gradient norm of 1e-8; Newton, which converges quadratically, gets there in a
/// few steps. Deterministic.
/// </summary>
public static class Maximizer
{
    /// <summary>
    /// Runs up to <paramref name="lbfgsIterations"/> L-BFGS iterations from <paramref name="start"/>, then
    /// Newton until <paramref name="done"/> holds at a point or <paramref name="newtonSteps"/> steps are spent.
    /// </summary>
    public static double[] Maximize(Ascent f, double[] start, int lbfgsIterations, Func<double[], double[], bool> done, int newtonSteps = 30)
    {
        var best = Lbfgs(f, start, lbfgsIterations);
        return newtonSteps == 0 ? best : Newton(f, best, done, newtonSteps);
    }

    /// <summary>At most <paramref name="iterations"/> L-BFGS iterations; the best point evaluated.</summary>
    public static double[] Lbfgs(Ascent f, double[] start, int iterations)
    {
        if (iterations <= 0 || start.Length == 0) return start;
        var bestValue = double.NegativeInfinity;
        var best = start;
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var u = v.ToArray();
            var (value, gradient) = f(u);
            if (!double.IsFinite(value) || gradient.Any(g => !double.IsFinite(g))) return (double.MaxValue, Vector<double>.Build.Dense(u.Length));
            if (value > bestValue) (bestValue, best) = (value, u);
            return (-value, Vector<double>.Build.Dense([.. gradient.Select(g => -g)]));
        });
        try
        {
            new LimitedMemoryBfgsMinimizer(1e-12, 1e-14, 1e-15, 7, iterations).FindMinimum(objective, Vector<double>.Build.Dense(start));
        }
        catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArgumentException)
        {
            // Running out of iterations or a line search that cannot improve further: keep the best point seen.
        }
        return best;
    }

    /// <summary>Damped Newton steps from <paramref name="start"/> until <paramref name="done"/> or the budget is spent.</summary>
    public static double[] Newton(Ascent f, double[] start, Func<double[], double[], bool> done, int steps)
    {
        var u = start;
        var (value, gradient) = f(u);
        var damping = 1e-8;
        for (var step = 0; step < steps && !done(u, gradient); step++)
        {
            var hessian = Hessian(f, u);
            var improved = false;
            for (var attempt = 0; attempt < 12 && !improved; attempt++, damping *= 10)
            {
                // Solve (−H + μ·scale·𝟙) δ = g: a Newton step for a maximum, shortened towards the gradient while μ grows.
                var scale = Math.Max(1e-12, Enumerable.Range(0, u.Length).Max(i => Math.Abs(hessian[i, i])));
                var system = -hessian + Matrix<double>.Build.DenseIdentity(u.Length) * (damping * scale);
                Vector<double> delta;
                try { delta = system.Solve(Vector<double>.Build.Dense(gradient)); }
                catch (Exception) { continue; }
                if (delta.Any(d => !double.IsFinite(d))) continue;
                var candidate = u.Select((x, i) => x + delta[i]).ToArray();
                var (v, g) = f(candidate);
                // Near the optimum values differ only in round-off; then a smaller gradient decides.
                if (double.IsFinite(v) && (v > value || v >= value - 1e-13 * Math.Max(1, Math.Abs(value)) && Norm(g) < Norm(gradient)))
                {
                    (u, value, gradient, improved) = (candidate, v, g, true);
                    damping = Math.Max(1e-12, damping / 100);
                }
            }
            if (!improved) break;
        }
        return u;
    }

    private static Matrix<double> Hessian(Ascent f, double[] u)
    {
        var n = u.Length;
        var h = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            var step = 1e-5 * Math.Max(1, Math.Abs(u[i]));
            var plus = (double[])u.Clone();
            var minus = (double[])u.Clone();
            plus[i] += step;
            minus[i] -= step;
            var gp = f(plus).Gradient;
            var gm = f(minus).Gradient;
            for (var j = 0; j < n; j++) h[j, i] = (gp[j] - gm[j]) / (2 * step);
        }
        return (h + h.Transpose()) / 2;
    }

    /// <summary>The Euclidean norm.</summary>
    public static double Norm(double[] v)
    {
        var s = 0.0;
        foreach (var x in v) s += x * x;
        return Math.Sqrt(s);
    }
}
