using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// Categorical(p) over K categories, coded one-hot in K − 1 coordinates: T_k = x[k],
/// η_k = log p_k − log p_K, A = log(1 + Σ_k e^η_k), h = 1. The last weight p_K stays a symbol in
/// the natural map (so derived expressions simplify with Σ p = 1 visible) and is tied to the others
/// by the constraint p_K = 1 − Σ_{k&lt;K} p_k.
/// </summary>
public static class CategoricalFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Categorical", "Categorical(p) over K categories, p on the simplex",
        [new("p", ArgumentKind.Vector, ParameterDomain.Simplex)], sizes => Build(sizes[0]));

    private static ExponentialFamily Build(int k)
    {
        if (k < 2) throw new FamilyException($"Categorical needs at least 2 categories, not {k}", 0);
        var entries = Enumerable.Range(1, k).Select(i => Symbol.Of("p", i)).ToImmutableArray();
        var p = new FamilyParameter("p", ArgumentKind.Vector, ParameterDomain.Simplex, entries);
        var last = entries[k - 1];
        var x = Enumerable.Range(1, k - 1).Select(i => Symbol.Of("x", i)).ToImmutableArray();
        var etas = Enumerable.Range(1, k - 1).Select(i => (Expr)Symbol.Of(ExponentialFamily.NaturalSymbolName, i));
        var logPartition = FunctionCall.Log(Sum.Of([Number.One, .. etas.Select(FunctionCall.Exp)]));
        return new ExponentialFamily("Categorical", [p], x, new Support(SupportKind.Categorical, k), [.. x.Cast<Expr>()],
            [.. entries.Take(k - 1).Select(pi => FunctionCall.Log(pi) - FunctionCall.Log(last))], logPartition, Number.Zero)
        {
            Constraints = ImmutableDictionary<Symbol, Expr>.Empty.Add(last, Number.One - Sum.Of(entries.Take(k - 1))),
            // α_i = p_i (log p_i + H[p]) with H[p] = −Σ_k p_k log p_k over all K weights (paper Eq. 45).
            ConditionA = [.. entries.Take(k - 1).Select(pi => pi * (FunctionCall.Log(pi) - Sum.Of(entries.Select(q => q * FunctionCall.Log(q)))))],
        };
    }
}
