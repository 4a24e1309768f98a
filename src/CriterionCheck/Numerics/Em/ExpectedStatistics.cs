namespace CriterionCheck.Numerics.Em;

/// <summary>
/// Everything the M-step, the ELBO and the entropy sum need of the variational distributions and the
/// data, as weighted latent configurations j: their latent values z_j, their mass W_j = Σₙ q⁽ⁿ⁾(z_j), and
/// the observable's weighted statistics Σₙ q⁽ⁿ⁾(z_j)·T(x⁽ⁿ⁾). With enumerated latents j runs over the
/// joint configurations and the sums over points are done once by the E-step, so nothing later touches
/// the data again; with per-point q's (fixed samples, sigma points) j runs over each point's completions.
/// The log-joint is linear in T, so F(θ; q) for any θ is exact from these sums (design §1, docs/design.md).
/// </summary>
public sealed class ExpectedStatistics
{
    /// <summary>Sums for <paramref name="count"/> configurations.</summary>
    public ExpectedStatistics(int count, int latentWidth, int statisticWidth, int points)
    {
        Count = count;
        LatentWidth = latentWidth;
        StatisticWidth = statisticWidth;
        Points = points;
        Latents = new double[count * latentWidth];
        Weights = new double[count];
        Observed = new double[count * statisticWidth];
    }

    /// <summary>J, the number of configurations.</summary>
    public int Count { get; }

    /// <summary>L, latent coordinates per configuration.</summary>
    public int LatentWidth { get; }

    /// <summary>M, observable statistics per configuration.</summary>
    public int StatisticWidth { get; }

    /// <summary>N, the data points.</summary>
    public int Points { get; }

    /// <summary>z_j, J×L row-major (categories as 1..K).</summary>
    public double[] Latents { get; }

    /// <summary>W_j (summing to N).</summary>
    public double[] Weights { get; }

    /// <summary>Σₙ q⁽ⁿ⁾(z_j)·T(x⁽ⁿ⁾), J×M row-major (the observable's natural statistics, when it is not multivariate normal).</summary>
    public double[] Observed { get; }

    /// <summary>The multivariate normal observable's moments per configuration, or null.</summary>
    public GaussianMoments? Gaussian { get; init; }

    /// <summary>Σₙ H[q⁽ⁿ⁾].</summary>
    public double Entropy { get; set; }

    /// <summary>Σₙ log h(x⁽ⁿ⁾), the observable's base measure over the data.</summary>
    public double DataLogBase { get; set; }

    /// <summary>Σₙ log p(x⁽ⁿ⁾; θ) when q is the exact posterior at the θ it was computed for; else null.</summary>
    public double? LogLikelihood { get; set; }

    /// <summary>True when every q⁽ⁿ⁾ is the exact posterior.</summary>
    public bool IsExactPosterior { get; set; }

    /// <summary>The per-point q these sums came from (for warm starts), or null for an enumerated posterior.</summary>
    public VariationalState? State { get; private set; }

    /// <summary>This, remembering the per-point q it came from.</summary>
    public ExpectedStatistics WithState(VariationalState state)
    {
        State = state;
        return this;
    }

    /// <summary>The same sums, no longer the exact posterior (q held fixed while θ moves).</summary>
    public ExpectedStatistics Frozen()
    {
        IsExactPosterior = false;
        LogLikelihood = null;
        return this;
    }

    /// <summary>(1/N) Σₙ H[q⁽ⁿ⁾].</summary>
    public double MeanEntropy => Entropy / Points;

    /// <summary>The latent values of configuration <paramref name="j"/>.</summary>
    public ReadOnlySpan<double> LatentsOf(int j) => Latents.AsSpan(j * LatentWidth, LatentWidth);

    /// <summary>The observable statistics of configuration <paramref name="j"/>.</summary>
    public ReadOnlySpan<double> ObservedOf(int j) => Observed.AsSpan(j * StatisticWidth, StatisticWidth);
}
