using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.EntropySum;

/// <summary>
/// Writes a plated factor's per-element values E₁ … E_D as one sum Σ_d G(d), the form the paper uses.
/// G is read off one element by putting the plate index where that element's index value stands in
/// the indices of parameters, latents and opaque calls, and is accepted only if G(j) rebuilds Eⱼ exactly
/// for every element j; otherwise the elements are shown summed out. Values equal on every element
/// become D·E.
/// </summary>
public static class PlateGeneralization
{
    /// <summary>The display of Σ over the elements of <paramref name="factor"/> of <paramref name="values"/>.</summary>
    public static DisplayExpression Of(Model model, Factor factor, IReadOnlyList<Expr> values)
    {
        var plates = factor.Plates.ToList();
        if (plates.Count == 0) return DisplayExpression.Of(values[0]);
        if (values.All(v => v.Equals(values[0])))
            return DisplayExpression.Of(Product.Of(plates.Select(p => (Expr)Symbol.Of(p.Dimension.Name)).Append(values[0])));
        return Element(model, factor, values) is ({ } plate, var body) ? new DisplayExpression([plate], body) : DisplayExpression.Of(Sum.Of(values));
    }

    /// <summary>
    /// One expression G(index) for every element's value, with the plate it runs over; the plate is null
    /// when every element has the same value, and the result is null when no single G rebuilds them all.
    /// </summary>
    public static (PlateIndex? Plate, Expr Body)? Element(Model model, Factor factor, IReadOnlyList<Expr> values)
    {
        if (values.All(v => v.Equals(values[0]))) return (null, values[0]);
        var plates = factor.Plates.ToList();
        if (plates.Count != 1) return null;
        var plate = plates[0];
        var index = Symbol.Of(plate.Index!);
        // The index name must not be taken by a parameter or latent, or G would mean something else.
        if (model.Parameters.Any(p => p.Name == index.Name) || model.Factors.Any(f => f.Variable == index.Name)) return null;
        foreach (var k in new[] { values.Count, values.Count - 1, 1 }.Where(k => k >= 1).Distinct())
        {
            var general = Generalize(values[k - 1], k, index);
            var rebuilds = true;
            for (var j = 1; j <= values.Count && rebuilds; j++)
                rebuilds = Substitution.Substitute(general, index, Number.Of(j)).Equals(values[j - 1]);
            if (rebuilds) return (new PlateIndex(plate.Index!, plate.Dimension.Name), general);
        }
        return null;
    }

    // Every index equal to value k, in symbols and opaque calls, becomes the plate index.
    private static Expr Generalize(Expr e, int k, Symbol index)
    {
        var map = new Dictionary<Expr, Expr>();
        var stack = new Stack<Expr>([e]);
        Expr Put(Expr i) => i is Number { Value: var r } && r == k ? index : i;
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case Symbol { Indices.IsEmpty: false } s:
                    map[s] = Symbol.Of(s.Name, s.Indices.Select(Put).ToArray());
                    break;
                case OpaqueCall o:
                    map[o] = o.With(o.Indices.Select(Put), o.Arguments.Select(a => Generalize(a, k, index)));
                    break;
                default:
                    foreach (var c in node.Children) stack.Push(c);
                    break;
            }
        }
        return map.Count == 0 ? e : Substitution.Substitute(e, map);
    }
}
