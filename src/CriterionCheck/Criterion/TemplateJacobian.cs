using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// The Jacobian of a natural-parameter template for every size, one block at a time, in the paper's
/// notation: ∂η_d/∂W[d',h'] = δ(d,d')·z[h']. The derivative is taken along the unit direction
/// B[e] → B[e] + t·Πⱼ δ(eⱼ, pⱼ), and a sum over the axis of pⱼ collapses on its δ:
/// Σ_h δ(h, h')·f(h) = f(h').
/// </summary>
public static class TemplateJacobian
{
    private static readonly Symbol T = Symbol.Of("#dt");

    /// <summary>The primed element B[d',h'] of <paramref name="block"/> and ∂<paramref name="eta"/>/∂B[d',h'].</summary>
    public static (Expr Element, Expr Derivative) Entry(ParameterBlock block, Expr eta)
    {
        var primed = block.Shape.Select((d, i) => Symbol.Of(Name(d.Name, block.Shape.Take(i).Select(x => x.Name)) + "'")).ToImmutableArray();
        // A simplex's free weights run over 1..C−1 on its last axis.
        var axisOf = primed.Select((p, i) => (p, i)).ToDictionary(x => (Expr)x.p, x =>
            block.Domain == Families.ParameterDomain.Simplex && x.i == block.Shape.Length - 1 ? Symbol.Of(block.Shape[x.i].Name) - Number.One : (Expr)Symbol.Of(block.Shape[x.i].Name));
        var element = block.Shape.IsEmpty ? Symbol.Of(block.Name) : Symbol.Of(block.Name, primed.Cast<Expr>().ToImmutableArray());
        var shifted = Rewrite.BottomUp(eta, node => node is Symbol s && s.Name == block.Name && s.Indices.Length == block.Shape.Length
            ? s + T * Product.Of(s.Indices.Select((e, j) => KroneckerDelta.Of(e, primed[j])))
            : node);
        var derivative = Substitution.Substitute(Differentiator.Differentiate(shifted, T), T, Number.Zero);
        var collapsed = Rewrite.BottomUp(derivative, node =>
        {
            if (node is not IndexedSum s) return node;
            var factors = s.Body is Product p ? p.Factors : [s.Body];
            foreach (var f in factors)
                if (f is KroneckerDelta d && (d.A.Equals(s.Index) ? d.B : d.B.Equals(s.Index) ? d.A : null) is { } other
                    && axisOf.TryGetValue(other, out var upper) && upper.Equals(s.Upper))
                    return s.At(other);
            return node;
        });
        return (element, collapsed);
    }

    private static string Name(string size, IEnumerable<string> earlier)
    {
        var stem = size.ToLowerInvariant();
        var taken = earlier.Select(e => e.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var name = stem;
        for (var n = 2; taken.Contains(name); n++) name = stem + n;
        return name;
    }
}
