using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.EntropySum;

/// <summary>What a term of the entropy sum is.</summary>
public enum TermKind
{
    /// <summary>(1/N) Σₙ H[q⁽ⁿ⁾(latents)]: supplied by the variational distributions.</summary>
    VariationalEntropy,
    /// <summary>The entropy H (Theorem 1; constant base measure) of a factor.</summary>
    Entropy,
    /// <summary>The pseudo-entropy H̃ = A − ηᵀ∇A of a factor whose base measure is not constant (Theorem 2).</summary>
    PseudoEntropy,
    /// <summary>The base-measure term E[log h(v)] of a factor whose base measure is not constant (Theorem 2).</summary>
    BaseMeasure,
}

/// <summary>How a term's value is averaged.</summary>
public enum Averaging
{
    /// <summary>The value depends on parameters alone (e.g. Eq. 26: a Gaussian's entropy does not depend on z).</summary>
    None,
    /// <summary>An expectation over the aggregate posterior q̄ = (1/N) Σₙ q⁽ⁿ⁾ of the latents the value depends on.</summary>
    AggregatePosterior,
    /// <summary>An average over the data points (the observable's base measure, Eq. 62).</summary>
    Data,
}

/// <summary>
/// One term of the entropy sum, with its sign: F = Σ Sign · (averaged) value.
/// </summary>
/// <param name="Kind">What the term is.</param>
/// <param name="Sign">+1 or −1.</param>
/// <param name="Factor">The factor's variable, or null for the variational entropy.</param>
/// <param name="Role">The factor's role, or null for the variational entropy.</param>
/// <param name="Averaging">How the value is averaged.</param>
/// <param name="Over">The latents the average runs over (empty when none).</param>
/// <param name="Value">
/// The value with every plate element summed, in free parameter elements, latent symbols (a categorical
/// latent stays a symbol inside indices, e.g. <c>alpha[c]</c>) and, for a base-measure term, the
/// variable's symbols; null for the variational entropy, which only the variational distributions know.
/// </param>
/// <param name="Display">The value as a reader should see it (plates as sums).</param>
public sealed record EntropyTerm(TermKind Kind, int Sign, string? Factor, FactorRole? Role, Averaging Averaging,
    ImmutableArray<string> Over, Expr? Value, DisplayExpression? Display);
