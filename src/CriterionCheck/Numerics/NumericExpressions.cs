using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Numerics;

/// <summary>Turns a model's expressions into ones the compiler can evaluate numerically.</summary>
public static class NumericExpressions
{
    /// <summary>
    /// <paramref name="e"/> with categorical indices replaced by numbers (<paramref name="substitution"/>),
    /// opaque functions by their bodies, and dependent parameter elements (π_K, Σ[j,i]) by free ones —
    /// the only ones θ holds — then normalised.
    /// </summary>
    /// <exception cref="NumericException">An opaque function has no body.</exception>
    public static Expr Prepare(Model model, Expr e, IReadOnlyDictionary<Expr, Expr> substitution, Normalizer normalizer)
    {
        var result = substitution.Count == 0 ? e : Substitution.Substitute(e, substitution.ToDictionary(p => p.Key, p => p.Value));
        try { result = OpaqueBodies.Substitute(model, result, required: true); }
        catch (InvalidOperationException x) { throw new NumericException(x.Message); }
        var dependent = new Dictionary<Expr, Expr>();
        foreach (var s in result.Symbols())
            if (model.Parameters.FirstOrDefault(p => p.Name == s.Name) is { } block && s.Indices.Length == block.Shape.Length
                && s.Indices.All(i => i is Number) && !block.IsFree([.. s.Indices.Select(i => (int)((Number)i).Value.Numerator)]))
                dependent[s] = block.Element(s.Indices);
        if (dependent.Count > 0) result = Substitution.Substitute(result, dependent);
        return ReferenceEquals(result, e) ? e : normalizer.Apply(result);
    }
}
