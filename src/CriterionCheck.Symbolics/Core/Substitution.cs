namespace CriterionCheck.Symbolics.Core;

/// <summary>Replaces sub-expressions (usually symbols) and rebuilds through the canonical constructors.</summary>
public static class Substitution
{
    /// <summary><paramref name="e"/> with <paramref name="target"/> replaced by <paramref name="replacement"/>.</summary>
    public static Expr Substitute(Expr e, Expr target, Expr replacement) =>
        Substitute(e, new Dictionary<Expr, Expr> { [target] = replacement });

    /// <summary><paramref name="e"/> with every key of <paramref name="map"/> replaced by its value, simultaneously.</summary>
    /// <exception cref="SymbolicException">The result has no real value (e.g. a division by zero).</exception>
    public static Expr Substitute(Expr e, IReadOnlyDictionary<Expr, Expr> map)
    {
        if (map.Count == 0) return e;
        var cache = new Dictionary<Expr, Expr>();
        return Visit(e, map, cache);
    }

    private static Expr Visit(Expr e, IReadOnlyDictionary<Expr, Expr> map, Dictionary<Expr, Expr> cache)
    {
        if (map.TryGetValue(e, out var r)) return r;
        if (cache.TryGetValue(e, out var known)) return known;
        var result = e switch
        {
            Number or Constant => e,
            Symbol s when s.Indices.IsEmpty => e,
            Symbol s => Rebuilt(s, map, cache),
            Sum s => Sum.Of(s.Children.Select(c => Visit(c, map, cache))),
            Product p => Product.Of(p.Children.Select(c => Visit(c, map, cache))),
            Power p => Power.Of(Visit(p.Base, map, cache), Visit(p.Exponent, map, cache)),
            FunctionCall f => FunctionCall.Of(f.Function, [.. f.Arguments.Select(a => Visit(a, map, cache))]),
            OpaqueCall o => o.With(o.Indices.Select(i => Visit(i, map, cache)), o.Arguments.Select(a => Visit(a, map, cache))),
            MatrixFunction m => m.With(m.Entries.Select(a => Visit(a, map, cache))),
            IndexedSum s => UnderBinder(s, map, cache),
            KroneckerDelta d => KroneckerDelta.Of(Visit(d.A, map, cache), Visit(d.B, map, cache)),
            _ => throw new InvalidOperationException("unknown expression node " + e.GetType().Name),
        };
        cache[e] = result;
        return result;
    }

    // The bound index is first renamed to a fresh name, so a replacement that mentions another sum's
    // bound index (#1 put into a sum that binds #1) is not captured; the rebuilt sum renames canonically.
    private static Expr UnderBinder(IndexedSum s, IReadOnlyDictionary<Expr, Expr> map, Dictionary<Expr, Expr> cache)
    {
        var fresh = IndexedSum.Temporary();
        var body = Visit(Substitute(s.Body, s.Index, fresh), map, cache);
        return IndexedSum.Of(fresh, Visit(s.Upper, map, cache), body, s.DisplayName);
    }

    // Substituting into indices turns W[d,h] into W[2,1] when d and h are plate indices.
    private static Expr Rebuilt(Symbol s, IReadOnlyDictionary<Expr, Expr> map, Dictionary<Expr, Expr> cache)
    {
        var indices = s.Indices.Select(i => Visit(i, map, cache)).ToArray();
        var renamed = Symbol.Of(s.Name, indices);
        return map.TryGetValue(renamed, out var r) ? r : renamed;
    }
}
