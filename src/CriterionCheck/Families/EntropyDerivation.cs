using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Families;

/// <summary>
/// Derives entropies from the log-partition, never from a table (DESIGN §1): the pseudo-entropy is
/// H̃ = A(η) − ηᵀ∇A(η), and with a constant base measure the entropy is H = H̃ − log h.
/// </summary>
public static class EntropyDerivation
{
    /// <summary>A − ηᵀ∇A as an expression in eta[1..k].</summary>
    public static Expr PseudoEntropyInNaturalParameters(ExponentialFamily family)
    {
        var a = family.LogPartition;
        var terms = new List<Expr> { a };
        foreach (var eta in family.NaturalSymbols) terms.Add(-(eta * Differentiator.Differentiate(a, eta)));
        return Simplifier.Simplify(Sum.Of(terms));
    }

    /// <summary>H̃ in the family's standard parameters: A − ηᵀ∇A with η replaced by the natural map.</summary>
    public static Expr PseudoEntropy(ExponentialFamily family)
    {
        var inNatural = PseudoEntropyInNaturalParameters(family);
        var map = new Dictionary<Expr, Expr>();
        for (var k = 0; k < family.NaturalSymbols.Length; k++) map[family.NaturalSymbols[k]] = family.NaturalMap[k];
        var substituted = Substitution.Substitute(inNatural, map);
        return Simplifier.Simplify(substituted, family.ParameterAssumptions);
    }

    /// <summary>H = H̃ − log h when h is constant; null when h depends on x.</summary>
    public static Expr? Entropy(ExponentialFamily family) =>
        family.HasConstantBaseMeasure
            ? Simplifier.Simplify(family.PseudoEntropy - family.LogBaseMeasure, family.ParameterAssumptions)
            : null;
}
