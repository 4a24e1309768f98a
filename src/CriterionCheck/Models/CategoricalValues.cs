using CriterionCheck.Families;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>
/// Fixing a categorical latent that indexes parameters: mu[c, d] at c = 2 names the element mu[2, d].
/// The element so named may be a dependent one — q[c] at c = C is the last simplex weight
/// 1 − Σ_{k&lt;C} q[k], S[c, 1] at c = 2 is S[1, 2] — and must then be written in free coordinates, or
/// a Jacobian taken with respect to the free elements would not see how it moves.
/// </summary>
public static class CategoricalValues
{
    /// <summary><paramref name="e"/> with <paramref name="values"/> substituted and every parameter element it names written in free coordinates.</summary>
    public static Expr Substitute(Model model, Expr e, IReadOnlyDictionary<Expr, Expr> values)
    {
        var substituted = Substitution.Substitute(e, values);
        return model.Parameters.Any(b => b.Domain is ParameterDomain.Simplex or ParameterDomain.PositiveDefinite) ? Free(model, substituted) : substituted;
    }

    /// <summary><paramref name="e"/> with every dependent parameter element (all indices numbers) written in free coordinates.</summary>
    public static Expr Free(Model model, Expr e) => Rewrite.BottomUp(e, node =>
        node is Symbol { Indices.IsEmpty: false } s && s.Indices.All(i => i is Number)
        && model.Parameters.FirstOrDefault(b => b.Name == s.Name) is { Domain: ParameterDomain.Simplex or ParameterDomain.PositiveDefinite } block
        && block.Shape.Length == s.Indices.Length
            ? block.Element(s.Indices)
            : node);
}
