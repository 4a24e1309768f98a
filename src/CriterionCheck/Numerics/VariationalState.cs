namespace CriterionCheck.Numerics;

/// <summary>
/// The variational distributions q⁽¹⁾ … q⁽ᴺ⁾ as weighted completions: each data point's latent values
/// (every configuration for enumerated latents, or the fixed samples of a Gaussian q) with weights
/// summing to one per point, and each q's entropy. Every expectation the ELBO and the entropy sum need
/// is a weighted sum over these completions, so both are exact for them (design §1, docs/design.md).
/// </summary>
/// <param name="Point">The data point of each completion.</param>
/// <param name="Latents">The latent coordinates of each completion (the layout's order).</param>
/// <param name="Weights">The weight of each completion within its point.</param>
/// <param name="Entropies">H[q⁽ⁿ⁾] per point.</param>
/// <param name="IsExactPosterior">True when every q⁽ⁿ⁾ is the exact posterior (then the ELBO is the log-likelihood).</param>
/// <param name="LogLikelihood">(1/N) Σₙ log p(x⁽ⁿ⁾; θ) at the θ q was fitted for, when it is computable exactly; else null.</param>
/// <param name="Parameters">The per-point parameters of q (means and Cholesky factors), for warm starts; null for enumeration.</param>
public sealed record VariationalState(int[] Point, double[][] Latents, double[] Weights, double[] Entropies, bool IsExactPosterior,
    double? LogLikelihood, double[][]? Parameters = null)
{
    /// <summary>(1/N) Σₙ H[q⁽ⁿ⁾].</summary>
    public double MeanEntropy => Entropies.Average();
}
