using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Families;

/// <summary>
/// Derives entropies from the log-partition, never from a table (design §1, docs/design.md): the pseudo-entropy is
/// H̃ = A(η) − ηᵀ∇A(η), and with a constant base measure the entropy is H = H̃ − log h. The one family
/// that states its entropy instead (<see cref="ExponentialFamily.ClosedFormEntropy"/>) is MvNormal with Σ⁻¹
/// kept whole, where the derivation would need tr(Σ⁻¹Σ) = D.
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
        var substituted = Simplifier.Simplify(Substitution.Substitute(inNatural, map), family.ParameterAssumptions);
        if (!family.Constraints.IsEmpty)
            substituted = Simplifier.Simplify(Substitution.Substitute(substituted, family.Constraints.ToDictionary(c => (Expr)c.Key, c => c.Value)), family.ParameterAssumptions);
        return SimplifyLogArguments(substituted, family);
    }

    // log(a/det² − b/det²) → log(1/det): each log's argument is cancelled as a rational function.
    private static Expr SimplifyLogArguments(Expr e, ExponentialFamily family)
    {
        var map = new Dictionary<Expr, Expr>();
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is FunctionCall { Function: FunctionKind.Log } log && log.Argument is Sum or Product or Power)
            {
                var simpler = Simplifier.Simplify(log.Argument, family.ParameterAssumptions);
                if (!simpler.Equals(log.Argument)) map[log] = new Normalizer(family.ParameterAssumptions).LogOf(simpler);
                continue;
            }
            foreach (var c in node.Children) stack.Push(c);
        }
        return map.Count == 0 ? e : Simplifier.Simplify(Substitution.Substitute(e, map), family.ParameterAssumptions);
    }

    /// <summary>H = H̃ − log h when h is constant; null when h depends on x.</summary>
    public static Expr? Entropy(ExponentialFamily family) =>
        family.HasConstantBaseMeasure
            ? Simplifier.Simplify(family.PseudoEntropy - family.LogBaseMeasure, family.ParameterAssumptions)
            : null;
}
