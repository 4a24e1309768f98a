namespace CriterionCheck.Presentation;

/// <summary>
/// One short line per term, given the first time a report uses it, so that a reader without the paper
/// can follow (Lücke and Warnken, 2024). One legend spans a whole run: a term explained for the first
/// spec is not explained again for the next.
/// </summary>
public sealed class Legend
{
    private readonly HashSet<LegendTerm> seen = [];

    /// <summary>The explanation of <paramref name="term"/> the first time it is asked for; null afterwards.</summary>
    public string? First(LegendTerm term) => seen.Add(term) ? Explain(term) : null;

    /// <summary>The explanation of <paramref name="term"/>.</summary>
    public static string Explain(LegendTerm term) => term switch
    {
        LegendTerm.ConditionA => "condition A: the prior's natural parameters ζ(Ψ) equal their Jacobian ∂ζ/∂Ψ times a vector α(Ψ)",
        LegendTerm.ConditionB => "condition B: each other factor's natural parameters η(z; Θ) equal their Jacobian ∂η/∂θ times a vector β(Θ) that does not depend on the latents z",
        LegendTerm.Theta => "θ: the parameters the Jacobian is taken with respect to; stationarity of the ELBO in them is what the theorem uses",
        LegendTerm.Coefficients => "α, β: the vectors of conditions A and B; β[p] = v gives the entry for parameter p (it is not an equation between p and v)",
        LegendTerm.Delta => "delta[a,b]: the Kronecker delta, 1 when a = b and 0 otherwise; a primed index (d') names any element",
        LegendTerm.StationaritySet => "stationary with respect to: the smallest set of parameters whose stationarity alone makes the identity hold",
        LegendTerm.Kernel => "kernel: a small independent checker that re-derives each Jacobian from the spec and proves every identity in exact arithmetic; nothing is accepted from sampling",
        LegendTerm.Theorem1 => "Theorem 1: with constant base measures, the ELBO at those stationary points is the mean entropy of q minus the expected entropies of the model's factors",
        LegendTerm.Theorem2 => "Theorem 2: with a non-constant base measure, the factors contribute pseudo-entropies A(η) − ηᵀ∇A(η), and the base measure's expected log adds a term",
        LegendTerm.Witness => "witness: a parameter point, latent points and weights y with yᵀJ = 0 but yᵀη ≠ 0, so no β can satisfy η = Jβ there",
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };
}
