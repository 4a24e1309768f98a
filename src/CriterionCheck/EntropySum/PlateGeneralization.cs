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
        var tracking = Tracking(values);
        foreach (var k in new[] { values.Count, values.Count - 1, 1 }.Where(k => k >= 1).Distinct())
        {
            var general = Generalize(values[k - 1], k, index, tracking);
            var rebuilds = true;
            for (var j = 1; j <= values.Count && rebuilds; j++)
                rebuilds = Substitution.Substitute(general, index, Number.Of(j)).Equals(values[j - 1]);
            if (rebuilds) return (new PlateIndex(plate.Index!, plate.Dimension.Name), general);
        }
        return null;
    }

    // The index positions that follow the plate: in element j, every symbol (or opaque call) of that
    // name has j there. W[d, h] at D = 3, H = 2 tracks position 0 only, so W[2,2] is W[d,2], not W[d,d].
    private static HashSet<(string Name, int Position)> Tracking(IReadOnlyList<Expr> values)
    {
        var candidates = new HashSet<(string, int)>();
        var refuted = new HashSet<(string, int)>();
        for (var j = 1; j <= values.Count; j++)
            foreach (var (name, indices) in Indexed(values[j - 1]))
                for (var p = 0; p < indices.Length; p++)
                {
                    candidates.Add((name, p));
                    if (!(indices[p] is Number { Value: var r } && r == j)) refuted.Add((name, p));
                }
        candidates.ExceptWith(refuted);
        return candidates;
    }

    private static IEnumerable<(string Name, System.Collections.Immutable.ImmutableArray<Expr> Indices)> Indexed(Expr e)
    {
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is Symbol { Indices.IsEmpty: false } s) yield return (s.Name, s.Indices);
            if (node is OpaqueCall o) yield return ("call " + o.Name, o.Indices);
            if (node is not Symbol) foreach (var c in node.Children) stack.Push(c);
        }
    }

    // The tracking index positions, holding value k, become the plate index.
    private static Expr Generalize(Expr e, int k, Symbol index, HashSet<(string Name, int Position)> tracking)
    {
        var map = new Dictionary<Expr, Expr>();
        var stack = new Stack<Expr>([e]);
        Expr[] Put(string name, IReadOnlyList<Expr> indices) =>
            [.. indices.Select((i, p) => tracking.Contains((name, p)) && i is Number { Value: var r } && r == k ? index : i)];
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case Symbol { Indices.IsEmpty: false } s:
                    map[s] = Symbol.Of(s.Name, Put(s.Name, s.Indices));
                    break;
                case OpaqueCall o:
                    map[o] = o.With(Put("call " + o.Name, o.Indices), o.Arguments.Select(a => Generalize(a, k, index, tracking)));
                    break;
                default:
                    foreach (var c in node.Children) stack.Push(c);
                    break;
            }
        }
        return map.Count == 0 ? e : Substitution.Substitute(e, map);
    }
}
