using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Core;

/// <summary>Rebuilds an expression bottom-up through the canonical constructors, applying a rule to every rebuilt node.</summary>
public static class Rewrite
{
    /// <summary>
    /// <paramref name="e"/> with <paramref name="rule"/> applied to each node after its children were
    /// rewritten. A sum's body is rewritten in place, its bound index (<c>#k</c>) visible to the rule.
    /// </summary>
    public static Expr BottomUp(Expr e, Func<Expr, Expr> rule)
    {
        var cache = new Dictionary<Expr, Expr>();
        return Visit(e, rule, cache);
    }

    private static Expr Visit(Expr e, Func<Expr, Expr> rule, Dictionary<Expr, Expr> cache)
    {
        if (cache.TryGetValue(e, out var known)) return known;
        Expr V(Expr c) => Visit(c, rule, cache);
        var rebuilt = e switch
        {
            Number or Constant => e,
            Symbol s when s.Indices.IsEmpty => e,
            Symbol s => Symbol.Of(s.Name, s.Indices.Select(V).ToImmutableArray()),
            Sum s => Sum.Of(s.Children.Select(V)),
            Product p => Product.Of(p.Children.Select(V)),
            Power p => Power.Of(V(p.Base), V(p.Exponent)),
            FunctionCall f => FunctionCall.Of(f.Function, [.. f.Arguments.Select(V)]),
            OpaqueCall o => o.With(o.Indices.Select(V), o.Arguments.Select(V)),
            MatrixFunction m => m.With(m.Entries.Select(V)),
            IndexedSum s => IndexedSum.Of(s.Index, V(s.Upper), V(s.Body), s.DisplayName),
            KroneckerDelta d => KroneckerDelta.Of(V(d.A), V(d.B)),
            _ => throw new InvalidOperationException("unknown expression node " + e.GetType().Name),
        };
        var result = rule(rebuilt);
        cache[e] = result;
        return result;
    }
}
