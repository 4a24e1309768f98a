using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CriterionCheck.Numerics.Vectorized;

namespace CriterionCheck.Numerics;

/// <summary>One latent configuration's Gaussian for the fused E-step: mean, full covariance (D×D, row-major) and the log prior weight of the configuration.</summary>
/// <param name="Mean">μ_j.</param>
/// <param name="Covariance">Σ_j, symmetric positive definite.</param>
/// <param name="LogWeight">log p(z_j) (the mixture's log π_c).</param>
public sealed record GaussianComponent(double[] Mean, double[] Covariance, double LogWeight);

/// <summary>
/// What one E-step over the data gives a Gaussian observable: per configuration j the posterior mass
/// W_j = Σₙ q⁽ⁿ⁾(j) and the weighted moments about μ_j (the mean used in the E-step),
/// S1_j = Σₙ q (x − μ_j) and S2_j = Σₙ q (x − μ_j)(x − μ_j)ᵀ (upper triangle, row by row); and over all
/// points Σₙ log p(x⁽ⁿ⁾) and Σₙ H[q⁽ⁿ⁾].
/// </summary>
/// <param name="Weights">W_j.</param>
/// <param name="First">S1_j.</param>
/// <param name="Second">S2_j, packed upper triangle.</param>
/// <param name="References">μ_j, the points the moments are taken about.</param>
/// <param name="LogLikelihood">Σₙ log p(x⁽ⁿ⁾).</param>
/// <param name="Entropy">Σₙ H[q⁽ⁿ⁾].</param>
public sealed record GaussianMoments(double[] Weights, double[][] First, double[][] Second, double[][] References, double LogLikelihood, double Entropy)
{
    /// <summary>
    /// The closed-form M-step of configuration <paramref name="j"/>: the weighted mean (when
    /// <paramref name="meanFree"/>; otherwise μ stays at its reference) and the weighted covariance about it.
    /// </summary>
    public (double[] Mean, double[] Covariance) Update(int j, bool meanFree)
    {
        var d = References[j].Length;
        var w = Weights[j];
        var shift = meanFree ? First[j].Select(s => s / w).ToArray() : new double[d];
        var mean = References[j].Select((m, i) => m + shift[i]).ToArray();
        var covariance = new double[d * d];
        var t = 0;
        for (var i = 0; i < d; i++)
            for (var k = i; k < d; k++, t++)
            {
                // Σ q (x − μ')(x − μ')ᵀ / W with μ' = μ + s: S2/W − s·(S1/W)ᵀ − (S1/W)·sᵀ + s·sᵀ.
                var v = Second[j][t] / w - shift[i] * First[j][k] / w - First[j][i] / w * shift[k] + shift[i] * shift[k];
                covariance[i * d + k] = covariance[k * d + i] = v;
            }
        return (mean, covariance);
    }

    /// <summary>M_j = Σₙ q (x − μ)(x − μ)ᵀ about another mean <paramref name="mean"/>, as a full D×D matrix.</summary>
    public double[] ScatterAbout(int j, double[] mean)
    {
        var d = mean.Length;
        var w = Weights[j];
        var delta = mean.Select((m, i) => m - References[j][i]).ToArray();
        var scatter = new double[d * d];
        var t = 0;
        for (var i = 0; i < d; i++)
            for (var k = i; k < d; k++, t++)
                scatter[i * d + k] = scatter[k * d + i] = Second[j][t] - First[j][i] * delta[k] - delta[i] * First[j][k] + w * delta[i] * delta[k];
        return scatter;
    }
}

/// <summary>
/// The E-step of a Gaussian observable with full covariances, fused with the accumulation of the
/// M-step's moments: one pass over the data computes, per data point, log π_j + log N(x; μ_j, Σ_j) for
/// every configuration j (a triangular solve with the inverse Cholesky factor, D(D+1)/2 fused
/// multiply-adds), the exact posterior by log-sum-exp, and the weighted moments about μ_j (reusing
/// x − μ_j; about the mean in use, which keeps them accurate). Rows are processed four at a time in
/// 256-bit vectors. Work is split into a fixed number of chunks combined in order, so results do not
/// depend on scheduling. This is the Gaussian case of the structured EM and what the benchmark times.
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
    /// Multiply-adds of one pass, the arithmetic any implementation of this E+M step must do: per data
    /// point and component, D(D+1)/2 for the triangular solve, D for the squared norm, D(D+1)/2 for the
    /// covariance moments and D for the mean moments. Each counts as two flops.
    /// </summary>
    public double IterationFlops(int components) => 2.0 * Count * components * (Dimension * (Dimension + 1) + 2.0 * Dimension);

    /// <summary>The E-step at <paramref name="components"/> with the moments it gives.</summary>
    /// <exception cref="NumericException">A covariance is not positive definite.</exception>
    public GaussianMoments Accumulate(IReadOnlyList<GaussianComponent> components)
    {
        var c = components.Count;
        var d = Dimension;
        var tri = d * (d + 1) / 2;
        var prepared = Prepare(components);
        var parts = Chunks.Map(blockCount, (start, end) => AccumulateBlocks(prepared, start, end));
        // Combine the chunks in order, then the lanes.
        var sums = new double[c * (1 + d + tri)];
        var (ll, h) = (0.0, 0.0);
        foreach (var (acc, logLik, entropy) in parts)
        {
            for (var i = 0; i < sums.Length; i++) sums[i] += Vector256.Sum(acc[i]);
            ll += logLik;
            h += entropy;
        }
        var weights = new double[c];
        var first = new double[c][];
        var second = new double[c][];
        for (var k = 0; k < c; k++)
        {
            var a = k * (1 + d + tri);
            weights[k] = sums[a];
            first[k] = sums[(a + 1)..(a + 1 + d)];
            second[k] = sums[(a + 1 + d)..(a + 1 + d + tri)];
        }
        return new GaussianMoments(weights, first, second, [.. components.Select(x => (double[])x.Mean.Clone())], ll, h);
    }

    // One chunk's pass over its blocks of four points, compiled optimised at once (a tier-0 lambda body
    // would run unoptimised until the runtime promoted it).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (Vector256<double>[] Sums, double LogLikelihood, double Entropy) AccumulateBlocks(Prepared[] prepared, int start, int end)
    {
        var c = prepared.Length;
        var d = Dimension;
        var tri = d * (d + 1) / 2;
        var acc = new Vector256<double>[c * (1 + d + tri)];
        var diff = new Vector256<double>[c * d];
        var logp = new Vector256<double>[c];
        var logLik = Vector256<double>.Zero;
        var entropy = Vector256<double>.Zero;
        for (var b = start; b < end; b++)
        {
            var mask = Mask(b);
            LogDensities(b, prepared, diff, logp);
            var lse = LogSumExp(logp);
            logLik += lse * mask;
            for (var k = 0; k < c; k++)
            {
                var gap = lse - logp[k];
                var w = VectorMath.Exp(-gap) * mask;
                entropy += Vector256.ConditionalSelect(Vector256.GreaterThan(w, Vector256<double>.Zero), w * gap, Vector256<double>.Zero);
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
        return (acc, Vector256.Sum(logLik), Vector256.Sum(entropy));
    }

    /// <summary>The responsibilities r[n·C + j] = q⁽ⁿ⁾(j) at <paramref name="components"/>.</summary>
    public double[] Responsibilities(IReadOnlyList<GaussianComponent> components)
    {
        var c = components.Count;
        var prepared = Prepare(components);
        var r = new double[Count * c];
        Chunks.For(blockCount, (start, end) =>
        {
            var diff = new Vector256<double>[c * Dimension];
            var logp = new Vector256<double>[c];
            for (var b = start; b < end; b++)
            {
                LogDensities(b, prepared, diff, logp);
                var lse = LogSumExp(logp);
                for (var k = 0; k < c; k++)
                {
                    var w = VectorMath.Exp(logp[k] - lse);
                    for (var lane = 0; lane < Lanes && b * Lanes + lane < Count; lane++) r[(b * Lanes + lane) * c + k] = w[lane];
                }
            }
        });
        return r;
    }

    /// <summary>log det Σ by Cholesky; null when Σ (D×D, row-major) is not positive definite.</summary>
    public static double? LogDeterminant(double[] covariance, int d)
    {
        var factor = Cholesky(covariance, d);
        if (factor is null) return null;
        var logDet = 0.0;
        for (var i = 0; i < d; i++) logDet += 2 * Math.Log(factor[i * d + i]);
        return logDet;
    }

    /// <summary>Σ⁻¹ (D×D, row-major) by Cholesky; null when Σ is not positive definite.</summary>
    public static double[]? Inverse(double[] covariance, int d)
    {
        var l = Cholesky(covariance, d);
        if (l is null) return null;
        var inv = InverseLower(l, d);
        // Σ⁻¹ = L⁻ᵀL⁻¹.
        var result = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var j = i; j < d; j++)
            {
                var s = 0.0;
                for (var p = j; p < d; p++) s += inv[p * d + i] * inv[p * d + j];
                result[i * d + j] = result[j * d + i] = s;
            }
        return result;
    }

    // log π_j + log N(x; μ_j, Σ_j) for the four rows of block b; x − μ_j into diff.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LogDensities(int b, Prepared[] components, Vector256<double>[] diff, Vector256<double>[] logp)
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

    // Four logarithms; one per block and row, so the scalar call costs little.
    // log Σ_k exp(logp[k]) per lane, about the largest term.
    private static Vector256<double> LogSumExp(Vector256<double>[] logp)
    {
        var max = logp[0];
        for (var k = 1; k < logp.Length; k++) max = Vector256.Max(max, logp[k]);
        var total = Vector256<double>.Zero;
        for (var k = 0; k < logp.Length; k++) total += VectorMath.Exp(logp[k] - max);
        return max + Log(total);
    }

    private static Vector256<double> Log(Vector256<double> v) => Vector256.Create(Math.Log(v[0]), Math.Log(v[1]), Math.Log(v[2]), Math.Log(v[3]));

    private Vector256<double> Mask(int b)
    {
        var valid = Count - b * Lanes;
        return valid >= Lanes ? Vector256<double>.One : Vector256.Create(valid > 0 ? 1.0 : 0, valid > 1 ? 1.0 : 0, valid > 2 ? 1.0 : 0, 0);
    }

    private Prepared[] Prepare(IReadOnlyList<GaussianComponent> components)
    {
        var d = Dimension;
        return [.. components.Select(k =>
        {
            var l = Cholesky(k.Covariance, d) ?? throw new NumericException("a covariance of the Gaussian observable is not positive definite");
            var inv = InverseLower(l, d);
            var packed = new double[d * (d + 1) / 2];
            var t = 0;
            var logDet = 0.0;
            for (var i = 0; i < d; i++)
            {
                logDet += 2 * Math.Log(l[i * d + i]);
                for (var j = 0; j <= i; j++) packed[t++] = inv[i * d + j];
            }
            return new Prepared(k.Mean, packed, k.LogWeight - 0.5 * d * Math.Log(2 * Math.PI) - 0.5 * logDet);
        })];
    }

    /// <summary>L with Σ = LLᵀ (D×D row-major, lower triangular), or null when Σ is not positive definite.</summary>
    public static double[]? Cholesky(double[] sigma, int d)
    {
        var l = new double[d * d];
        for (var j = 0; j < d; j++)
        {
            var s = sigma[j * d + j];
            for (var p = 0; p < j; p++) s -= l[j * d + p] * l[j * d + p];
            if (!(s > 0) || !double.IsFinite(s)) return null;
            l[j * d + j] = Math.Sqrt(s);
            for (var i = j + 1; i < d; i++)
            {
                var t = sigma[i * d + j];
                for (var p = 0; p < j; p++) t -= l[i * d + p] * l[j * d + p];
                l[i * d + j] = t / l[j * d + j];
            }
        }
        return l;
    }

    private static double[] InverseLower(double[] l, int d)
    {
        var inv = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            inv[i * d + i] = 1 / l[i * d + i];
            for (var j = 0; j < i; j++)
            {
                var s = 0.0;
                for (var p = j; p < i; p++) s += l[i * d + p] * inv[p * d + j];
                inv[i * d + j] = -s / l[i * d + i];
            }
        }
        return inv;
    }

    private sealed record Prepared(double[] Mean, double[] InverseFactor, double Constant);
}
