using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using CriterionCheck.EntropySum;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// Closed-form EM for a linear-Gaussian model — z_h ~ N(m_h, λ_h), x_d ~ N(Σ_h W_dh z_h + μ_d, ψ_d) — whose
/// loadings, offsets, means and variances are each a parameter or a constant (p-PCA, factor analysis;
/// a variance may be shared, as p-PCA's σ²). The posterior N(m⁽ⁿ⁾, S) has one covariance for all points
/// and a mean linear in x, so the E-step needs only the data's first and second moments: one iteration
/// costs O(D²H + H³) whatever N is. The M-step regresses each x_d on the posterior moments (the
/// loadings and offset of row d) and sets each variance to its mean squared residual; the gradient, the
/// ELBO and the log-likelihood (by the matrix determinant lemma and Woodbury) come from the same moments.
/// </summary>
public sealed class LinearGaussianEm
{
    private readonly int h, d, n;
    private readonly Entry[] priorMean, priorVariance, offset, noise;
    private readonly Entry[,] loading;
    private readonly double[] x1;   // Σₙ x
    private readonly double[,] x2;  // Σₙ x xᵀ

    private LinearGaussianEm(ParameterSpace space, Entry[] priorMean, Entry[] priorVariance, Entry[,] loading, Entry[] offset, Entry[] noise, DataSet data)
    {
        Space = space;
        (this.priorMean, this.priorVariance, this.loading, this.offset, this.noise) = (priorMean, priorVariance, loading, offset, noise);
        h = priorMean.Length;
        d = offset.Length;
        n = data.Count;
        x1 = new double[d];
        x2 = new double[d, d];
        foreach (var row in data.Rows)
            for (var i = 0; i < d; i++)
            {
                x1[i] += row[i];
                for (var j = 0; j <= i; j++) x2[i, j] += row[i] * row[j];
            }
        for (var i = 0; i < d; i++) for (var j = i + 1; j < d; j++) x2[i, j] = x2[j, i];
    }

    /// <summary>θ's layout.</summary>
    public ParameterSpace Space { get; }

    /// <summary>A parameter entry or a constant.</summary>
    private readonly record struct Entry(int Theta, double Constant)
    {
        public double Value(double[] theta) => Theta >= 0 ? theta[Theta] : Constant;
    }

    /// <summary>
    /// The closed-form EM for <paramref name="model"/> (described by <paramref name="form"/>) on <paramref name="data"/>,
    /// or null with the reason when an argument is an expression rather than a parameter or a constant.
    /// </summary>
    public static LinearGaussianEm? TryCreate(Model model, ParameterSpace space, LatentLayout layout, LinearGaussianForm form, DataSet data, out string? reason)
    {
        reason = null;
        var prior = model.Factors.Single(f => f.Variable == form.Latent);
        var observable = model.Observable;
        if (prior.Elements.Any(e => e.Variable.Length != 1) || observable.Elements.Any(e => e.Variable.Length != 1)) { reason = "a vector-valued element"; return null; }
        if (!layout.Observed.SequenceEqual(observable.Elements.Select(e => e.Variable[0]))) { reason = "the data columns are not the observable's elements in order"; return null; }
        var used = new HashSet<int>();
        Entry? Read(Expr e, bool once)
        {
            switch (e)
            {
                case Number c: return new Entry(-1, c.Value.ToDouble());
                case Symbol s when space.Index.TryGetValue(s, out var at):
                    if (once && !used.Add(at)) return null;
                    return new Entry(at, 0);
                default: return null;
            }
        }
        var zero = prior.Elements.ToDictionary(e => (Expr)e.Variable[0], _ => (Expr)Number.Zero);
        var hh = prior.Elements.Length;
        var dd = observable.Elements.Length;
        var priorMean = new Entry[hh];
        var priorVariance = new Entry[hh];
        for (var k = 0; k < hh; k++)
        {
            if (Read(prior.Elements[k].Arguments[0], true) is not { } m || Read(prior.Elements[k].Arguments[1], false) is not { } v) { reason = $"the prior of {prior.Elements[k].Variable[0]} is not N(parameter or constant, parameter or constant)"; return null; }
            (priorMean[k], priorVariance[k]) = (m, v);
        }
        var loading = new Entry[dd, hh];
        var offset = new Entry[dd];
        var noise = new Entry[dd];
        for (var i = 0; i < dd; i++)
        {
            for (var k = 0; k < hh; k++)
            {
                if (Read(form.Loadings[i][k], true) is not { } w) { reason = $"the loading of {observable.Elements[i].Variable[0]} on {prior.Elements[k].Variable[0]} is an expression"; return null; }
                loading[i, k] = w;
            }
            var at = Substitution.Substitute(observable.Elements[i].Arguments[0], zero);
            if (Read(at, true) is not { } b || Read(observable.Elements[i].Arguments[1], false) is not { } psi) { reason = $"the offset or variance of {observable.Elements[i].Variable[0]} is an expression"; return null; }
            (offset[i], noise[i]) = (b, psi);
        }
        // Variances must not double as anything else.
        if (priorVariance.Concat(noise).Any(v => v.Theta >= 0 && used.Contains(v.Theta))) { reason = "a variance is also a mean or a loading"; return null; }
        if (priorVariance.Any(v => v.Theta >= 0 && noise.Any(w => w.Theta == v.Theta))) { reason = "a variance is shared by the prior and the observable"; return null; }
        return new LinearGaussianEm(space, priorMean, priorVariance, loading, offset, noise, data);
    }

    /// <summary>The posterior's moments summed over the data, and the log-likelihood, at one θ.</summary>
    /// <param name="Theta">The θ they were computed at.</param>
    /// <param name="Mean">Σₙ m⁽ⁿ⁾ (H).</param>
    /// <param name="Second">Σₙ E[z zᵀ] = Σₙ m⁽ⁿ⁾m⁽ⁿ⁾ᵀ + N S (H×H).</param>
    /// <param name="Cross">Σₙ x⁽ⁿ⁾ m⁽ⁿ⁾ᵀ (D×H).</param>
    /// <param name="Entropy">H[q⁽ⁿ⁾] = ½ log det(2πe S), the same for every point.</param>
    /// <param name="LogLikelihood">Σₙ log p(x⁽ⁿ⁾), from the marginal N(W m + μ, W Λ Wᵀ + Ψ).</param>
    public sealed record Moments(double[] Theta, double[] Mean, double[,] Second, double[,] Cross, double Entropy, double LogLikelihood);

    /// <summary>The exact E-step at <paramref name="theta"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Moments EStep(double[] theta)
    {
        var (lambda, m0, w, mu, psi) = Values(theta);
        var psiInvW = Matrix<double>.Build.Dense(d, h, (i, k) => w[i, k] / psi[i]);
        var wm = Matrix<double>.Build.DenseOfArray(w);
        var precision = wm.TransposeThisAndMultiply(psiInvW) + Matrix<double>.Build.DenseDiagonal(h, h, k => 1 / lambda[k]);
        var chol = precision.Cholesky();
        var s = chol.Solve(Matrix<double>.Build.DenseIdentity(h));
        s = (s + s.Transpose()) / 2;
        // m⁽ⁿ⁾ = A x⁽ⁿ⁾ + c with A = S WᵀΨ⁻¹ and c = S (Λ⁻¹ m₀ − WᵀΨ⁻¹ μ).
        var a = s * psiInvW.Transpose();
        var c = s * (Vector<double>.Build.Dense(h, k => m0[k] / lambda[k]) - psiInvW.TransposeThisAndMultiply(Vector<double>.Build.Dense(mu)));
        var x1v = Vector<double>.Build.Dense(x1);
        var x2m = Matrix<double>.Build.DenseOfArray(x2);
        var ax1 = a * x1v;
        var mean = ax1 + n * c;
        var mm = a * x2m * a.Transpose() + ax1.OuterProduct(c) + c.OuterProduct(ax1) + n * c.OuterProduct(c);
        var second = mm + n * s;
        second = (second + second.Transpose()) / 2;
        var cross = x2m * a.Transpose() + x1v.OuterProduct(c);
        var entropy = 0.5 * h * Math.Log(2 * Math.PI * Math.E) - 0.5 * chol.DeterminantLn;
        // log-likelihood: log det C = Σ log ψ + Σ log λ + log det P; C⁻¹ = Ψ⁻¹ − Ψ⁻¹W S WᵀΨ⁻¹.
        var b = wm * Vector<double>.Build.Dense(m0) + Vector<double>.Build.Dense(mu);
        var scatter = x2m - x1v.OuterProduct(b) - b.OuterProduct(x1v) + n * b.OuterProduct(b);
        var trace = 0.0;
        for (var i = 0; i < d; i++) trace += scatter[i, i] / psi[i];
        var inner = psiInvW.TransposeThisAndMultiply(scatter) * psiInvW; // WᵀΨ⁻¹ Sc Ψ⁻¹W
        trace -= (s.PointwiseMultiply(inner)).Enumerate().Sum();
        var logDet = psi.Sum(Math.Log) + lambda.Sum(Math.Log) + chol.DeterminantLn;
        var ll = -0.5 * n * (d * Math.Log(2 * Math.PI) + logDet) - 0.5 * trace;
        return new Moments((double[])theta.Clone(), [.. mean], second.ToArray(), cross.ToArray(), entropy, ll);
    }

    /// <summary>What the moments give at θ (any θ; the moments' own θ for the exact posterior's figures).</summary>
    /// <param name="Elbo">F(θ; q) per data point.</param>
    /// <param name="Gradient">∂F/∂θ per data point (every free element; zero for those the model does not use here).</param>
    public sealed record Figures(double Elbo, double[] Gradient);

    /// <summary>F(θ; q) and ∂F/∂θ for the q the moments <paramref name="m"/> describe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Figures Evaluate(double[] theta, Moments m)
    {
        var (lambda, m0, w, mu, psi) = Values(theta);
        var gradient = new double[Space.Count];
        var q = 0.0;
        for (var i = 0; i < d; i++)
        {
            var r = Residual(i, w, mu, m);
            q += -0.5 * n * Math.Log(2 * Math.PI * psi[i]) - r / (2 * psi[i]);
            if (noise[i].Theta >= 0) gradient[noise[i].Theta] += -n / (2 * psi[i]) + r / (2 * psi[i] * psi[i]);
            for (var k = 0; k < h; k++)
            {
                if (loading[i, k].Theta < 0) continue;
                var g = m.Cross[i, k] - mu[i] * m.Mean[k];
                for (var j = 0; j < h; j++) g -= w[i, j] * m.Second[j, k];
                gradient[loading[i, k].Theta] += g / psi[i];
            }
            if (offset[i].Theta >= 0)
            {
                var g = x1[i] - n * mu[i];
                for (var k = 0; k < h; k++) g -= w[i, k] * m.Mean[k];
                gradient[offset[i].Theta] += g / psi[i];
            }
        }
        for (var k = 0; k < h; k++)
        {
            var z = m.Second[k, k] - 2 * m0[k] * m.Mean[k] + n * m0[k] * m0[k];
            q += -0.5 * n * Math.Log(2 * Math.PI * lambda[k]) - z / (2 * lambda[k]);
            if (priorVariance[k].Theta >= 0) gradient[priorVariance[k].Theta] += -n / (2 * lambda[k]) + z / (2 * lambda[k] * lambda[k]);
            if (priorMean[k].Theta >= 0) gradient[priorMean[k].Theta] += (m.Mean[k] - n * m0[k]) / lambda[k];
        }
        for (var i = 0; i < gradient.Length; i++) gradient[i] /= n;
        return new Figures(q / n + m.Entropy, gradient);
    }

    /// <summary>
    /// The M-step: every trained loading and offset by regression of its row on the posterior moments,
    /// then every trained variance as the mean squared residual of its rows; with the parameters whose
    /// maximiser is on the boundary (a variance → 0), which keep their value.
    /// </summary>
    public (double[] Theta, ImmutableArray<BoundaryLimit> Limits) MStep(double[] theta, Moments m, bool[] trained)
    {
        var next = (double[])theta.Clone();
        var limits = ImmutableArray.CreateBuilder<BoundaryLimit>();
        // Prior means, then the prior variances about them.
        for (var k = 0; k < h; k++) if (priorMean[k].Theta >= 0 && trained[priorMean[k].Theta]) next[priorMean[k].Theta] = m.Mean[k] / n;
        var (_, m0, _, _, _) = Values(next);
        Variances(priorVariance, k => m.Second[k, k] - 2 * m0[k] * m.Mean[k] + n * m0[k] * m0[k], k => m.Second[k, k], next, trained, limits);
        // Each row's trained loadings and offset: least squares against E[u uᵀ], u = (z on the trained columns, 1 for a trained offset).
        for (var i = 0; i < d; i++)
        {
            var columns = Enumerable.Range(0, h).Where(k => loading[i, k].Theta >= 0 && trained[loading[i, k].Theta]).ToList();
            var withOffset = offset[i].Theta >= 0 && trained[offset[i].Theta];
            var size = columns.Count + (withOffset ? 1 : 0);
            if (size == 0) continue;
            var (_, _, w, mu, _) = Values(next);
            var a = Matrix<double>.Build.Dense(size, size);
            var rhs = Vector<double>.Build.Dense(size);
            for (var p = 0; p < columns.Count; p++)
            {
                var k = columns[p];
                for (var q = 0; q < columns.Count; q++) a[p, q] = m.Second[k, columns[q]];
                if (withOffset) a[p, size - 1] = a[size - 1, p] = m.Mean[k];
                // Σ E[z_k (x_i − fixed part)].
                var r = m.Cross[i, k];
                for (var j = 0; j < h; j++) if (!columns.Contains(j)) r -= w[i, j] * m.Second[k, j];
                if (!withOffset) r -= mu[i] * m.Mean[k];
                rhs[p] = r;
            }
            if (withOffset)
            {
                a[size - 1, size - 1] = n;
                var r = x1[i];
                for (var j = 0; j < h; j++) if (!columns.Contains(j)) r -= w[i, j] * m.Mean[j];
                rhs[size - 1] = r;
            }
            Vector<double> beta;
            try { beta = a.Cholesky().Solve(rhs); }
            catch (ArgumentException) { beta = a.Svd().Solve(rhs); } // a latent no point uses: any loading is as good
            for (var p = 0; p < columns.Count; p++) next[loading[i, columns[p]].Theta] = beta[p];
            if (withOffset) next[offset[i].Theta] = beta[size - 1];
        }
        var (_, _, w2, mu2, _) = Values(next);
        Variances(noise, i => Residual(i, w2, mu2, m), i => x2[i, i], next, trained, limits);
        return (next, limits.ToImmutable());
    }

    // A variance shared by several elements is the mean of their squared residuals; one that vanishes is on the boundary.
    private void Variances(Entry[] entries, Func<int, double> residual, Func<int, double> scale, double[] theta, bool[] trained, ImmutableArray<BoundaryLimit>.Builder limits)
    {
        foreach (var group in Enumerable.Range(0, entries.Length).Where(i => entries[i].Theta >= 0 && trained[entries[i].Theta]).GroupBy(i => entries[i].Theta))
        {
            var value = group.Sum(residual) / (n * group.Count());
            if (!(value > 1e-12 * Math.Max(double.Epsilon, group.Sum(scale) / (n * group.Count())))) limits.Add(new BoundaryLimit(group.Key, Limit.Zero));
            else theta[group.Key] = value;
        }
    }

    // Σₙ E[(x_i − w_iᵀ z − μ_i)²] for the posterior the moments describe.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Residual(int i, double[,] w, double[] mu, Moments m)
    {
        var r = x2[i, i] - 2 * mu[i] * x1[i] + n * mu[i] * mu[i];
        for (var k = 0; k < h; k++)
        {
            r += -2 * w[i, k] * m.Cross[i, k] + 2 * mu[i] * w[i, k] * m.Mean[k];
            for (var j = 0; j < h; j++) r += w[i, k] * m.Second[k, j] * w[i, j];
        }
        return r;
    }

    private (double[] Lambda, double[] M0, double[,] W, double[] Mu, double[] Psi) Values(double[] theta)
    {
        var w = new double[d, h];
        for (var i = 0; i < d; i++) for (var k = 0; k < h; k++) w[i, k] = loading[i, k].Value(theta);
        return ([.. priorVariance.Select(e => e.Value(theta))], [.. priorMean.Select(e => e.Value(theta))], w,
            [.. offset.Select(e => e.Value(theta))], [.. noise.Select(e => e.Value(theta))]);
    }
}
