namespace CriterionCheck.Symbolics.Polynomials;

/// <summary>
/// Expansion would exceed <see cref="Polynomial.MaxTerms"/> terms. The zero test then falls back to
/// evaluation rather than exhausting memory.
/// </summary>
public sealed class ExpansionLimitException() : Exception("expression too large to expand");
