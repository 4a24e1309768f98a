namespace CriterionCheck.EntropySum;

/// <summary>
/// What the entropy sum needs of the variational distributions q⁽¹⁾ … q⁽ᴺ⁾ and the data.
/// </summary>
/// <param name="MeanEntropy">(1/N) Σₙ H[q⁽ⁿ⁾], computed by whoever knows the q's family.</param>
/// <param name="Aggregate">
/// The aggregate posterior q̄ = (1/N) Σₙ q⁽ⁿ⁾ as weighted latent points (weights sum to 1): every latent
/// configuration for discrete latents, or the fixed samples of a sample-average ELBO. A categorical
/// latent's value is its category (1-based).
/// </param>
/// <param name="Data">The data points (observable symbols to values), needed only by Theorem 2's base-measure term.</param>
public sealed record VariationalSummary(double MeanEntropy, IReadOnlyList<(double Weight, IReadOnlyDictionary<Symbolics.Core.Expr, double> Latents)> Aggregate,
    IReadOnlyList<IReadOnlyDictionary<Symbolics.Core.Expr, double>>? Data = null);
