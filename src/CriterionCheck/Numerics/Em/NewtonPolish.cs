using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// Newton steps on the log-likelihood itself, for the last digits that EM reaches only linearly. The
/// gradient is exact (∂F/∂θ at q = p(z | x; θ)); the Hessian comes from central differences of it —
/// in full when that is cheap (few parameters, or a linear-Gaussian model whose gradient costs
/// O(D²H)), otherwise only as Hessian-vector products inside preconditioned conjugate gradients, with
/// the block-diagonal complete-data Hessian (the M-step's own blocks) as the preconditioner: its
/// preconditioned spectrum is 1 − (fraction of missing information), exactly the directions EM is slow
/// in. A step is taken only along ascent, halved until the likelihood improves, and declined (so EM
/// continues) where the Hessian is not negative definite.
/// </summary>
/// <param name="f">The log-likelihood per point and its gradient at θ; null when θ gives no finite value.</param>
/// <param name="trained">The entries that move.</param>
/// <param name="fullHessian">True to difference the whole Hessian; false for conjugate gradients.</param>
/// <param name="preconditioner">For a point, a map r ↦ M⁻¹r (M ≈ −Hessian, trained entries); null for none.</param>
/// <param name="inDomain">True when θ is inside the parameter domain.</param>
/// <param name="concurrent">True when <paramref name="f"/> may be called from several threads at once: the full Hessian's
/// columns are then differenced on all cores (each column on its own, so the result does not depend on the threads).</param>
public sealed class NewtonPolish(Func<double[], (double Value, double[] Gradient)?> f, bool[] trained, bool fullHessian,
    Func<double[], Func<double[], double[]>>? preconditioner, Func<double[], bool> inDomain, bool concurrent = false)
{
    private int evaluations;

    private readonly int[] active = [.. Enumerable.Range(0, trained.Length).Where(i => trained[i])];

    // Conjugate-gradient iterations per step at most: more mean a badly conditioned Hessian, where EM does as well for less.
    private const int MaxIterations = 50;

    /// <summary>Gradient evaluations spent so far.</summary>
    public int Evaluations => evaluations;

    /// <summary>
    /// One Newton step from <paramref name="theta"/> (value <paramref name="value"/>, gradient <paramref name="gradient"/>):
    /// the better point, or null when no step improves (negative curvature, or round-off).
    /// </summary>
    public double[]? Step(double[] theta, double value, double[] gradient)
    {
        var g = active.Select(i => gradient[i]).ToArray();
        var direction = fullHessian ? FullNewton(theta, g) : ConjugateGradients(theta, g);
        if (direction is null) return null;
        for (var scale = 1.0; scale >= 1.0 / 64; scale /= 2)
        {
            var candidate = (double[])theta.Clone();
            for (var a = 0; a < active.Length; a++) candidate[active[a]] += scale * direction[a];
            if (!inDomain(candidate)) continue;
            var there = Evaluate(candidate);
            if (there is null) continue;
            var (v, gc) = there.Value;
            // Near the optimum values agree to round-off; then a smaller gradient decides.
            if (v > value || v >= value - 1e-14 * Math.Max(1, Math.Abs(value)) && Norm(gc) < Norm(gradient)) return candidate;
        }
        return null;
    }

    private (double Value, double[] Gradient)? Evaluate(double[] theta)
    {
        Interlocked.Increment(ref evaluations);
        return f(theta);
    }

    private double Norm(double[] gradient) => Math.Sqrt(active.Sum(i => gradient[i] * gradient[i]));

    // −H v by central differences of the gradient along v (trained entries), with a step scaled to θ.
    private double[]? NegativeHessianTimes(double[] theta, double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        if (norm == 0) return new double[v.Length];
        var size = Math.Sqrt(active.Sum(i => theta[i] * theta[i]) / Math.Max(1, active.Length));
        var eps = 1e-5 * Math.Max(1, size) / norm;
        for (var attempt = 0; attempt < 20; attempt++, eps /= 4)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            for (var a = 0; a < active.Length; a++) { plus[active[a]] += eps * v[a]; minus[active[a]] -= eps * v[a]; }
            if (!inDomain(plus) || !inDomain(minus)) continue;
            var (gp, gm) = (Evaluate(plus), Evaluate(minus));
            if (gp is null || gm is null) continue;
            return [.. active.Select(i => -(gp.Value.Gradient[i] - gm.Value.Gradient[i]) / (2 * eps))];
        }
        return null;
    }

    private double[]? FullNewton(double[] theta, double[] g)
    {
        var m = active.Length;
        var h = Matrix<double>.Build.Dense(m, m);
        var columns = new double[]?[m];
        void Column(int a)
        {
            var e = new double[m];
            e[a] = 1;
            columns[a] = NegativeHessianTimes(theta, e);
        }
        if (concurrent) Parallel.For(0, m, Column);
        else for (var a = 0; a < m; a++) Column(a);
        for (var a = 0; a < m; a++)
        {
            if (columns[a] is not { } column) return null;
            for (var b = 0; b < m; b++) h[b, a] = column[b];
        }
        h = (h + h.Transpose()) / 2;
        // Levenberg–Marquardt: the smallest damping that makes −H + μ·scale·𝟙 positive definite, starting from none.
        var scale = Math.Max(1e-300, Enumerable.Range(0, m).Max(i => Math.Abs(h[i, i])));
        foreach (var damping in new[] { 0, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4 })
        {
            try
            {
                var system = h + Matrix<double>.Build.DenseIdentity(m) * (damping * scale);
                var delta = system.Cholesky().Solve(Vector<double>.Build.Dense(g));
                if (delta.All(double.IsFinite)) return [.. delta];
            }
            catch (ArgumentException) { }
        }
        return null;
    }

    // Preconditioned conjugate gradients on −H d = g, to a relative residual of min(0.1, √|g|), stopping at negative curvature.
    private double[]? ConjugateGradients(double[] theta, double[] g)
    {
        var m = active.Length;
        var precondition = preconditioner?.Invoke(theta) ?? (r => r);
        var d = new double[m];
        var r = (double[])g.Clone();
        var z = precondition(r);
        var p = (double[])z.Clone();
        var rz = Dot(r, z);
        var target = Math.Min(0.1, Math.Sqrt(Math.Sqrt(Dot(g, g)))) * Math.Sqrt(rz);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (NegativeHessianTimes(theta, p) is not { } hp) return iteration == 0 ? null : d;
            var curvature = Dot(p, hp);
            if (!(curvature > 0)) return iteration == 0 ? null : d;
            var alpha = rz / curvature;
            for (var i = 0; i < m; i++) { d[i] += alpha * p[i]; r[i] -= alpha * hp[i]; }
            z = precondition(r);
            var next = Dot(r, z);
            if (Math.Sqrt(Math.Max(0, next)) <= target) return d;
            var beta = next / rz;
            rz = next;
            for (var i = 0; i < m; i++) p[i] = z[i] + beta * p[i];
        }
        return d;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
