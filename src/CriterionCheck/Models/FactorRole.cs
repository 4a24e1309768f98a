namespace CriterionCheck.Models;

/// <summary>Where a factor sits in the chain.</summary>
public enum FactorRole
{
    /// <summary>A latent without latent parents: its natural parameters are the paper's ζ(Ψ).</summary>
    Prior,
    /// <summary>A further latent layer with parents.</summary>
    Latent,
    /// <summary>The observable x.</summary>
    Observable,
}
