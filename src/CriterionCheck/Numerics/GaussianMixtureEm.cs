using System.Runtime.Intrinsics;

namespace CriterionCheck.Numerics;

/// <summary>A Gaussian mixture's parameters: weights π_c, means μ_c and full covariances Σ_c.</summary>
/// <param name="Weights">π, summing to one.</param>
/// <param name="Means">μ_c, one array of D per component.</param>
/// <param name="Covariances">Σ_c, row-major D×D per component.</param>
public sealed record GaussianMixture(double[] Weights, double[][] Means, double[][] Covariances)
{
    /// <summary>C.</summary>
    public int Components => Weights.Length;
}

/// <summary>
/// Closed-form EM for a Gaussian mixture with full covariances at sizes the symbolic path does not
/// reach (D = 16, C = 16, N = 100,000): one fused pass over the data per iteration computes the
/// responsibilities (E-step) and accumulates the moments of the M-step. Rows are processed four at a time
/// in 256-bit vectors, so every arithmetic operation is a fused multiply-add on four data points; the
/// Mahalanobis distance uses the inverse Cholesky factor (D(D+1)/2 FMAs), and the M-step accumulates the
/// covariance about the previous mean (numerically stable, and reusing x − μ_c). Work is split into a
/// fixed number of chunks whose sums are combined in order, so results do not depend on scheduling.
/// </summary>
public sealed class GaussianMixtureEm
{
    private const int Lanes = 4;
    private readonly double[] blocks; // [block][dimension][lane]
    private readonly int blockCount;

    /// <summary>Prepares the data <paramref name="rows"/> (N rows of D).</summary>
    public GaussianMixtureEm(IReadOnlyList<double[]> rows)
    {
        Count = rows.Count;
        Dimension = rows[0].Length;
        blockCount = (Count + Lanes - 1) / Lanes;
        blocks = new double[blockCount * Dimension * Lanes];
        for (var n = 0; n < Count; n++)
            for (var d = 0; d < Dimension; d++)
                blocks[((n / Lanes) * Dimension + d) * Lanes + n % Lanes] = rows[n][d];
    }

    /// <summary>N.</summary>
    public int Count { get; }

    /// <summary>D.</summary>
    public int Dimension { get; }

    /// <summary>
    /// Multiply-adds of one iteration, the arithmetic any implementation of this E+M step must do:
    /// per data point and component, D(D+1)/2 for the triangular solve, D for the squared norm, D(D+1)/2
    /// for the covariance moments and D for the mean moments. Each counts as two flops.
    /// </summary>
    public double IterationFlops(int components) => 2.0 * Count * components * (Dimension * (Dimension + 1) + 2.0 * Dimension);

    /// <summary>
    /// One EM iteration from <paramref name="mixture"/>: the updated mixture, and the mean log-likelihood
    /// at <paramref name="mixture"/> (the ELBO with the exact posterior, computed by the E-step).
    /// </summary>
    public (GaussianMixture Next, double LogLikelihood) Iterate(GaussianMixture mixture)
    {
        var c = mixture.Components;
        var d = Dimension;
        var tri = d * (d + 1) / 2;
        var components = Prepare(mixture);
        var parts = Chunks.Map(blockCount, (start, end) =>
        {
            var acc = new Vector256<double>[c * (1 + d + tri)];
            var diff = new Vector256<double>[c * d];
            var logp = new Vector256<double>[c];
            var logLik = Vector256<double>.Zero;
            for (var b = start; b < end; b++)
            {
                var mask = Mask(b);
                LogDensities(b, components, diff, logp);
                var max = logp[0];
                for (var k = 1; k < c; k++) max = Vector256.Max(max, logp[k]);
                var total = Vector256<double>.Zero;
                for (var k = 0; k < c; k++) total += Vector256.Exp(logp[k] - max);
                var lse = max + Vector256.Log(total);
                logLik += lse * mask;
                for (var k = 0; k < c; k++)
                {
                    var w = Vector256.Exp(logp[k] - lse) * mask;
                    var a = k * (1 + d + tri);
                    acc[a] += w;
                    var kd = k * d;
                    var t = a + 1 + d;
                    for (var i = 0; i < d; i++)
                    {
                        var wi = w * diff[kd + i];
                        acc[a + 1 + i] += wi;
                        for (var j = i; j < d; j++, t++) acc[t] = Vector256.FusedMultiplyAdd(wi, diff[kd + j], acc[t]);
                    }
                }
            }
            return (acc, Vector256.Sum(logLik));
        });
        // Combine the chunks in order, then the lanes.
        var sums = new double[c * (1 + d + tri)];
        var ll = 0.0;
        foreach (var (acc, logLik) in parts)
        {
            for (var i = 0; i < sums.Length; i++) sums[i] += Vector256.Sum(acc[i]);
            ll += logLik;
        }
        var weights = new double[c];
        var means = new double[c][];
        var covariances = new double[c][];
        for (var k = 0; k < c; k++)
        {
            var a = k * (1 + d + tri);
            var nk = sums[a];
            weights[k] = nk / Count;
            var shift = Enumerable.Range(0, d).Select(i => sums[a + 1 + i] / nk).ToArray();
            means[k] = [.. mixture.Means[k].Select((m, i) => m + shift[i])];
            var cov = new double[d * d];
            var t = a + 1 + d;
            for (var i = 0; i < d; i++)
                for (var j = i; j < d; j++, t++)
                    cov[i * d + j] = cov[j * d + i] = sums[t] / nk - shift[i] * shift[j];
            covariances[k] = cov;
        }
        return (new GaussianMixture(weights, means, covariances), ll / Count);
    }

    /// <summary>The responsibilities r[n·C + c] = p(c | x⁽ⁿ⁾) at <paramref name="mixture"/>.</summary>
    public double[] Responsibilities(GaussianMixture mixture)
    {
        var c = mixture.Components;
        var components = Prepare(mixture);
        var r = new double[Count * c];
        Chunks.For(blockCount, (start, end) =>
        {
            var diff = new Vector256<double>[c * Dimension];
            var logp = new Vector256<double>[c];
            for (var b = start; b < end; b++)
            {
                LogDensities(b, components, diff, logp);
                var max = logp[0];
                for (var k = 1; k < c; k++) max = Vector256.Max(max, logp[k]);
                var total = Vector256<double>.Zero;
                for (var k = 0; k < c; k++) total += Vector256.Exp(logp[k] - max);
                var lse = max + Vector256.Log(total);
                for (var k = 0; k < c; k++)
                {
                    var w = Vector256.Exp(logp[k] - lse);
                    for (var lane = 0; lane < Lanes && b * Lanes + lane < Count; lane++) r[(b * Lanes + lane) * c + k] = w[lane];
                }
            }
        });
        return r;
    }

    /// <summary>
    /// The ELBO for responsibilities <paramref name="r"/> (q⁽ⁿ⁾(c) = r[n·C + c]):
    /// (1/N) Σₙ Σ_c r (log π_c + log N(x⁽ⁿ⁾; μ_c, Σ_c) − log r).
    /// </summary>
    public double Elbo(GaussianMixture mixture, double[] r)
    {
        var c = mixture.Components;
        var components = Prepare(mixture);
        var parts = Chunks.Map(blockCount, (start, end) =>
        {
            var diff = new Vector256<double>[c * Dimension];
            var logp = new Vector256<double>[c];
            var sum = Vector256<double>.Zero;
            for (var b = start; b < end; b++)
            {
                LogDensities(b, components, diff, logp);
                for (var k = 0; k < c; k++)
                {
                    var w = Gather(r, b, k, c);
                    sum += w * (logp[k] - SafeLog(w));
                }
            }
            return Vector256.Sum(sum);
        });
        return parts.Sum() / Count;
    }

    /// <summary>
    /// The entropy sum for responsibilities <paramref name="r"/> (paper Eq. 39):
    /// (1/N) Σₙ H[q⁽ⁿ⁾] − H[Categorical(π)] − Σ_c q̄(c) H[N(μ_c, Σ_c)], with q̄(c) = (1/N) Σₙ r[n·C + c].
    /// It equals the ELBO where F is stationary in π and Σ.
    /// </summary>
    public double EntropySum(GaussianMixture mixture, double[] r)
    {
        var c = mixture.Components;
        // One pass over r: each row's C weights as whole vectors (then a scalar tail) feed both Σ r log r
        // and the column sums.
        var whole = c / Lanes * Lanes;
        var parts = Chunks.Map(Count, (start, end) =>
        {
            var vectors = new Vector256<double>[whole / Lanes];
            var columns = new double[c];
            var entropy = Vector256<double>.Zero;
            var tail = 0.0;
            for (var n = start; n < end; n++)
            {
                var row = n * c;
                for (var j = 0; j < whole; j += Lanes)
                {
                    var v = Vector256.Create(r.AsSpan(row + j, Lanes));
                    entropy -= v * SafeLog(v);
                    vectors[j / Lanes] += v;
                }
                for (var k = whole; k < c; k++)
                {
                    var v = r[row + k];
                    if (v > 0) tail -= v * Math.Log(v);
                    columns[k] += v;
                }
            }
            for (var j = 0; j < whole; j++) columns[j] = vectors[j / Lanes][j % Lanes];
            return (Vector256.Sum(entropy) + tail, columns);
        });
        var meanEntropy = parts.Sum(p => p.Item1) / Count;
        var aggregate = new double[c];
        foreach (var (_, columns) in parts)
            for (var k = 0; k < c; k++) aggregate[k] += columns[k] / Count;
        var d = Dimension;
        var sum = meanEntropy;
        for (var k = 0; k < c; k++)
        {
            var (_, logDet) = InverseCholesky(mixture.Covariances[k], d);
            sum += mixture.Weights[k] * Math.Log(mixture.Weights[k]); // − H[Categorical(π)]
            sum -= aggregate[k] * (0.5 * d * Math.Log(2 * Math.PI * Math.E) + 0.5 * logDet);
        }
        return sum;
    }

    // log π_c + log N(x; μ_c, Σ_c) for the four rows of block b; x − μ_c into diff.
    private void LogDensities(int b, Component[] components, Vector256<double>[] diff, Vector256<double>[] logp)
    {
        var d = Dimension;
        var x = blocks.AsSpan(b * d * Lanes, d * Lanes);
        for (var k = 0; k < components.Length; k++)
        {
            var comp = components[k];
            var kd = k * d;
            for (var j = 0; j < d; j++) diff[kd + j] = Vector256.Create(x.Slice(j * Lanes, Lanes)) - Vector256.Create(comp.Mean[j]);
            var quad = Vector256<double>.Zero;
            var t = 0;
            for (var i = 0; i < d; i++)
            {
                var y = Vector256<double>.Zero;
                for (var j = 0; j <= i; j++, t++) y = Vector256.FusedMultiplyAdd(Vector256.Create(comp.InverseFactor[t]), diff[kd + j], y);
                quad = Vector256.FusedMultiplyAdd(y, y, quad);
            }
            logp[k] = Vector256.Create(comp.Constant) - 0.5 * quad;
        }
    }

    private Vector256<double> Mask(int b)
    {
        var valid = Count - b * Lanes;
        return valid >= Lanes ? Vector256<double>.One : Vector256.Create(valid > 0 ? 1.0 : 0, valid > 1 ? 1.0 : 0, valid > 2 ? 1.0 : 0, 0);
    }

    private Vector256<double> Gather(double[] r, int b, int k, int c)
    {
        var n = b * Lanes;
        if (n + Lanes <= Count) return Vector256.Create(r[n * c + k], r[(n + 1) * c + k], r[(n + 2) * c + k], r[(n + 3) * c + k]);
        return Vector256.Create(R(n), R(n + 1), R(n + 2), R(n + 3));

        double R(int row) => row < Count ? r[row * c + k] : 0;
    }

    // log r with 0·log 0 = 0: zero weights get log 1.
    private static Vector256<double> SafeLog(Vector256<double> v) =>
        Vector256.Log(Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<double>.Zero), v, Vector256<double>.One));

    private Component[] Prepare(GaussianMixture mixture)
    {
        var d = Dimension;
        return [.. Enumerable.Range(0, mixture.Components).Select(k =>
        {
            var (inverse, logDet) = InverseCholesky(mixture.Covariances[k], d);
            return new Component(mixture.Means[k], inverse, Math.Log(mixture.Weights[k]) - 0.5 * d * Math.Log(2 * Math.PI) - 0.5 * logDet);
        })];
    }

    // L⁻¹ (lower triangular, packed row by row) and log det Σ for Σ = LLᵀ.
    private static (double[] Inverse, double LogDet) InverseCholesky(double[] sigma, int d)
    {
        var l = new double[d, d];
        for (var j = 0; j < d; j++)
        {
            var s = sigma[j * d + j];
            for (var p = 0; p < j; p++) s -= l[j, p] * l[j, p];
            if (!(s > 0)) throw new NumericException("a covariance of the mixture is not positive definite");
            l[j, j] = Math.Sqrt(s);
            for (var i = j + 1; i < d; i++)
            {
                var t = sigma[i * d + j];
                for (var p = 0; p < j; p++) t -= l[i, p] * l[j, p];
                l[i, j] = t / l[j, j];
            }
        }
        var inv = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            inv[i, i] = 1 / l[i, i];
            for (var j = 0; j < i; j++)
            {
                var s = 0.0;
                for (var p = j; p < i; p++) s += l[i, p] * inv[p, j];
                inv[i, j] = -s / l[i, i];
            }
        }
        var packed = new double[d * (d + 1) / 2];
        var t2 = 0;
        var logDet = 0.0;
        for (var i = 0; i < d; i++)
        {
            logDet += 2 * Math.Log(l[i, i]);
            for (var j = 0; j <= i; j++) packed[t2++] = inv[i, j];
        }
        return (packed, logDet);
    }

    private sealed record Component(double[] Mean, double[] InverseFactor, double Constant);
}
