using System.Runtime.CompilerServices;
using CriterionCheck.Models;
using CriterionCheck.Numerics.Vectorized;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// The exact E-step of a model whose latents can be enumerated (at most 2^16 joint configurations),
/// vectorised over data points and configurations. The log-joint is
/// log p(x, z_j) = a_j + Σ_m T_m(x)·η_m(z_j) + log h(x): a_j (the latents' log-probability minus the
/// observable's log-partitions) and η(z_j) are computed once per configuration, the data's statistics
/// T once per data set, and the rest is a matrix product per block of rows, a log-sum-exp per row and a
/// second product that sums the weighted statistics per configuration (Σₙ q⁽ⁿ⁾(z_j) T(x⁽ⁿ⁾)). A
/// multivariate normal observable takes the fused Cholesky pass of <see cref="GaussianMixtureEm"/>.
/// Chunks of rows are fixed by the sizes alone and combined in order, so the sums do not depend on
/// scheduling.
/// </summary>
public sealed class EnumeratedEStep : IStatisticsSource
{
    private const int BlockRows = 32;
    private const long ChunkMemory = 256L << 20; // bytes of per-chunk sums, at most, over all chunks

    private readonly EmStructure s;
    private readonly double[] configurations; // K × L
    private readonly double[] statistics;     // N × M
    private readonly double[] rowLogBase;    // N: Σ_e log h(x_e) per point
    private readonly double dataLogBase;
    private readonly GaussianMixtureEm? gaussian;

    /// <summary>Prepares the E-step of <paramref name="structure"/> for <paramref name="data"/>.</summary>
    /// <exception cref="NumericException">The latents cannot be enumerated.</exception>
    public EnumeratedEStep(EmStructure structure, DataSet data)
    {
        if (!structure.IsEnumerable) throw new NumericException($"the latents have {structure.Configurations} joint configurations; enumeration needs finite latents and stops at {EmStructure.MaxConfigurations}");
        s = structure;
        Data = data;
        var latents = s.Layout.Latents;
        K = (int)s.Configurations;
        L = latents.Length;
        configurations = new double[K * L];
        var values = latents.Select(l => l.Values.ToArray()).ToArray();
        for (var j = 0; j < K; j++)
        {
            // The first latent varies slowest.
            var rest = j;
            for (var i = L - 1; i >= 0; i--)
            {
                configurations[j * L + i] = values[i][rest % values[i].Length];
                rest /= values[i].Length;
            }
        }
        var n = data.Count;
        M = s.StatisticWidth;
        statistics = new double[n * M];
        rowLogBase = new double[n];
        if (s.Observable is { } plan)
            Chunks.For(n, (start, end) =>
            {
                var buffers = plan.Kernel.NewBuffers();
                var value = new double[plan.Variable.Max(v => v.Length)];
                for (var i = start; i < end; i++)
                    for (var e = 0; e < plan.Elements; e++)
                    {
                        var cells = plan.Variable[e];
                        for (var c = 0; c < cells.Length; c++) value[c] = data.Rows[i][cells[c]];
                        rowLogBase[i] += plan.Kernel.Statistics(value.AsSpan(0, cells.Length), statistics.AsSpan(i * M + s.StatisticOffset[e], plan.Natural), buffers);
                    }
            });
        dataLogBase = rowLogBase.Sum();
        if (s.Gaussian is { } g) gaussian = new GaussianMixtureEm([.. data.Rows.Select(r => g.Columns.Select(c => r[c]).ToArray())]);
    }

    /// <summary>The data.</summary>
    public DataSet Data { get; }

    /// <summary>K, the joint latent configurations.</summary>
    public int K { get; }

    /// <summary>L, latent coordinates.</summary>
    public int L { get; }

    /// <summary>M, observable statistics per point.</summary>
    public int M { get; }

    /// <summary>The configurations, K×L row-major (the first latent varies slowest).</summary>
    public ReadOnlySpan<double> Configurations => configurations;

    /// <inheritdoc/>
    public string Description => $"exact posterior, enumerating {K} latent configurations";

    /// <inheritdoc/>
    public bool IsExact => true;

    /// <inheritdoc/>
    public ExpectedStatistics Fit(double[] theta, ExpectedStatistics? previous) => Run(theta);

    /// <summary>The exact posterior at <paramref name="theta"/>, summed into <see cref="ExpectedStatistics"/>, with the log-likelihood.</summary>
    /// <exception cref="NumericException">A covariance is not positive definite.</exception>
    public ExpectedStatistics Run(double[] theta)
    {
        var n = Data.Count;
        var (prior, eta) = PerConfiguration(theta);
        var result = new ExpectedStatistics(K, L, M, n)
        {
            Gaussian = gaussian?.Accumulate([.. Enumerable.Range(0, K).Select(j => Component(theta, j, prior[j]))]),
        };
        configurations.CopyTo(result.Latents, 0);
        result.DataLogBase = dataLogBase;
        result.IsExactPosterior = true;
        if (result.Gaussian is { } moments)
        {
            moments.Weights.CopyTo(result.Weights, 0);
            result.Entropy = moments.Entropy;
            result.LogLikelihood = moments.LogLikelihood;
            return result;
        }
        // Fewer chunks when the per-chunk sums (K × M) are large; the count depends on the sizes only.
        var perChunk = (long)K * (M + 1) * sizeof(double);
        var chunks = (int)Math.Clamp(ChunkMemory / Math.Max(1, perChunk), 1, Chunks.Count);
        var bounds = Enumerable.Range(0, chunks + 1).Select(c => (int)((long)n * c / chunks)).ToArray();
        var parts = new (double[] S, double[] W, double Ll, double H)[chunks];
        Parallel.For(0, chunks, c => parts[c] = Rows(bounds[c], bounds[c + 1], prior, eta));
        for (var c = 0; c < chunks; c++)
        {
            var (sums, weights, ll, h) = parts[c];
            for (var i = 0; i < sums.Length; i++) result.Observed[i] += sums[i];
            for (var j = 0; j < K; j++) result.Weights[j] += weights[j];
            result.LogLikelihood = (result.LogLikelihood ?? 0) + ll;
            result.Entropy += h;
        }
        return result;
    }

    /// <summary>
    /// The sums for given posterior weights <paramref name="q"/> (N×K, rows summing to one) instead of the
    /// exact posterior; Gaussian moments are taken about the means at <paramref name="theta"/>. For a
    /// starting point: one M-step from these sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ExpectedStatistics FromWeights(double[] q, double[] theta)
    {
        var n = Data.Count;
        GaussianMoments? moments = null;
        if (s.Gaussian is { } plan)
        {
            var d = plan.Dimension;
            var references = Enumerable.Range(0, K).Select(j => plan.Variants[plan.VariantOf(configurations.AsSpan(j * L, L))].MeanAt(theta)).ToArray();
            var weights = new double[K];
            var first = Enumerable.Range(0, K).Select(_ => new double[d]).ToArray();
            var second = Enumerable.Range(0, K).Select(_ => new double[d * (d + 1) / 2]).ToArray();
            var diff = new double[d];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < K; j++)
                {
                    var w = q[i * K + j];
                    if (w == 0) continue;
                    weights[j] += w;
                    for (var a = 0; a < d; a++) diff[a] = Data.Rows[i][plan.Columns[a]] - references[j][a];
                    var t = 0;
                    for (var a = 0; a < d; a++)
                    {
                        first[j][a] += w * diff[a];
                        for (var b = a; b < d; b++, t++) second[j][t] += w * diff[a] * diff[b];
                    }
                }
            moments = new GaussianMoments(weights, first, second, references, double.NaN, 0);
        }
        var result = new ExpectedStatistics(K, L, M, n) { Gaussian = moments };
        configurations.CopyTo(result.Latents, 0);
        result.DataLogBase = dataLogBase;
        if (moments is not null) moments.Weights.CopyTo(result.Weights, 0);
        else
        {
            MatrixProducts.TransposeMultiplyAdd(q, statistics, result.Observed, n, K, M);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < K; j++) result.Weights[j] += q[i * K + j];
        }
        return result;
    }

    // a_j = Σ over latent factors of log p(z_j's part) − Σ_e A(η_e(z_j)) of the observable, and η(z_j) as an M × K matrix in panels for the product.
    private (double[] Prior, double[] EtaTransposed) PerConfiguration(double[] theta)
    {
        var prior = new double[K];
        var etaT = new double[MatrixProducts.PackedLength(M, K)];
        Chunks.For(K, (start, end) =>
        {
            var slots = new double[s.SlotCount];
            Array.Copy(theta, slots, theta.Length);
            var buffers = s.Plans.Select(p => p.Kernel.NewBuffers()).ToArray();
            var etas = s.Plans.Select(p => new double[p.Elements * p.Natural]).ToArray();
            var t = new double[s.Plans.Max(p => p.Natural)];
            var value = new double[Math.Max(1, s.Plans.Max(p => p.Variable.Max(v => v.Length)))];
            for (var j = start; j < end; j++)
            {
                var z = configurations.AsSpan(j * L, L);
                z.CopyTo(slots.AsSpan(s.LatentStart));
                var a = 0.0;
                for (var k = 0; k < s.Plans.Length; k++)
                {
                    var plan = s.Plans[k];
                    plan.Variants[plan.VariantOf(z)].Eta.Evaluate(slots, etas[k]);
                    var observable = plan.Factor.Role == FactorRole.Observable;
                    for (var e = 0; e < plan.Elements; e++)
                    {
                        var etaE = etas[k].AsSpan(e * plan.Natural, plan.Natural);
                        a -= plan.Kernel.Partition(etaE, buffers[k]);
                        if (observable)
                        {
                            for (var i = 0; i < plan.Natural; i++) etaT[MatrixProducts.PackedIndex(s.StatisticOffset[e] + i, j, M)] = etaE[i];
                            continue;
                        }
                        var cells = plan.Variable[e];
                        for (var c = 0; c < cells.Length; c++) value[c] = z[cells[c]];
                        a += plan.Kernel.Statistics(value.AsSpan(0, cells.Length), t, buffers[k]);
                        for (var i = 0; i < plan.Natural; i++) a += etaE[i] * t[i];
                    }
                }
                prior[j] = a;
            }
        });
        return (prior, etaT);
    }

    private GaussianComponent Component(double[] theta, int j, double logWeight)
    {
        var plan = s.Gaussian!;
        var slice = plan.Variants[plan.VariantOf(configurations.AsSpan(j * L, L))];
        return new GaussianComponent(slice.MeanAt(theta), slice.CovarianceAt(theta), logWeight);
    }

    // One chunk of rows: log-joint by a product, posterior by log-sum-exp, sums by a second product.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double[] S, double[] W, double Ll, double H) Rows(int start, int end, double[] prior, double[] etaT)
    {
        var sums = new double[K * M];
        var weights = new double[K];
        var block = new double[BlockRows * K];
        var (ll, h) = (0.0, 0.0);
        for (var r0 = start; r0 < end; r0 += BlockRows)
        {
            var rows = Math.Min(BlockRows, end - r0);
            var q = block.AsSpan(0, rows * K);
            for (var r = 0; r < rows; r++) prior.CopyTo(q.Slice(r * K, K));
            var t = statistics.AsSpan(r0 * M, rows * M);
            MatrixProducts.MultiplyAddPacked(t, etaT, q, rows, M, K);
            for (var r = 0; r < rows; r++)
            {
                var (logEvidence, entropy) = RowSoftmax.Apply(q.Slice(r * K, K));
                ll += logEvidence;
                h += entropy;
                RowSoftmax.AddTo(q.Slice(r * K, K), weights);
            }
            MatrixProducts.TransposeMultiplyAdd(q, t, sums, rows, K, M);
        }
        // The log-likelihood includes the observable's log h, which the posterior does not depend on.
        for (var i = start; i < end; i++) ll += rowLogBase[i];
        return (sums, weights, ll, h);
    }
}
