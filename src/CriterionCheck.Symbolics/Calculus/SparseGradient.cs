using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Calculus;

/// <summary>
/// All nonzero partial derivatives of an expression at once, in one pass over its structure: each
/// node's gradient is a map from variable to derivative, combined by the same rules as
/// <see cref="Differentiator"/>. For a sum of n terms in n parameters (an SBN's logit) this is linear
/// in n, where differentiating once per variable would be quadratic.
/// </summary>
public static class SparseGradient
{
    /// <summary>∂e/∂v for every v in <paramref name="variables"/> on which <paramref name="e"/> depends; absent means zero.</summary>
    public static Dictionary<Symbol, Expr> Of(Expr e, IReadOnlySet<Symbol> variables)
    {
        var cache = new Dictionary<Expr, Dictionary<Symbol, Expr>>();
        // Elements with symbolic indices (z[h] in a sum, W[d',h'] as a variable) may be the same element
        // as another symbol of their block; only then is every variable of the block compared.
        symbolic = variables.Where(v => v.Indices.Any(i => i is not Number)).ToList();
        try { return Visit(e, variables, cache); }
        finally { symbolic = null; }
    }

    [ThreadStatic] private static List<Symbol>? symbolic;

    private static Dictionary<Symbol, Expr> Visit(Expr e, IReadOnlySet<Symbol> variables, Dictionary<Expr, Dictionary<Symbol, Expr>> cache)
    {
        if (cache.TryGetValue(e, out var known)) return known;
        var result = new Dictionary<Symbol, Expr>();
        switch (e)
        {
            case Number or Constant:
                break;
            case Symbol s:
                // An indexed symbol's indices are labels: W[d,h] is constant in d.
                if (variables.Contains(s)) result[s] = Number.One;
                var candidates = s.Indices.Any(i => i is not Number) ? (IEnumerable<Symbol>)variables : symbolic ?? [];
                if (!s.Indices.IsEmpty)
                    foreach (var v in candidates)
                        if (!v.Equals(s) && v.Name == s.Name && Differentiator.ElementDerivative(s, v) is { IsZero: false } delta) result[v] = delta;
                break;
            case Sum sum:
                Accumulate(result, sum.Terms.Select(t => (Visit(t, variables, cache), (Expr)Number.One)));
                break;
            case Product p:
                // Product rule: Σᵢ (Πⱼ≠ᵢ fⱼ) · ∇fᵢ.
                var parts = new List<(Dictionary<Symbol, Expr>, Expr)>();
                for (var i = 0; i < p.Factors.Length; i++)
                {
                    var g = Visit(p.Factors[i], variables, cache);
                    if (g.Count == 0) continue;
                    var others = new List<Expr>(p.Factors.Length) { Number.Of(p.Coefficient) };
                    for (var j = 0; j < p.Factors.Length; j++) if (j != i) others.Add(p.Factors[j]);
                    parts.Add((g, Product.Of(others)));
                }
                Accumulate(result, parts);
                break;
            case Power pw:
                // (b^e)′ = e·b^(e−1)·b′ + b^e·log b·e′; log b only when the exponent varies.
                var powerParts = new List<(Dictionary<Symbol, Expr>, Expr)>();
                var gb = Visit(pw.Base, variables, cache);
                if (gb.Count > 0) powerParts.Add((gb, Product.Of(pw.Exponent, Power.Of(pw.Base, Sum.Of(pw.Exponent, Number.MinusOne)))));
                var ge = Visit(pw.Exponent, variables, cache);
                if (ge.Count > 0) powerParts.Add((ge, Product.Of(pw, FunctionCall.Log(pw.Base))));
                Accumulate(result, powerParts);
                break;
            case FunctionCall f:
                var gu = Visit(f.Argument, variables, cache);
                if (gu.Count > 0) Accumulate(result, [(gu, Differentiator.Outer(f))]);
                break;
            case KroneckerDelta:
                break;
            case IndexedSum s:
                // ∂/∂v Σ_i f(i) = Σ_i ∂f(i)/∂v.
                foreach (var (v, d) in Visit(s.Body, variables, cache))
                {
                    var summed = IndexedSum.Of(s.Index, s.Upper, d, s.DisplayName);
                    if (!summed.IsZero) result[v] = summed;
                }
                break;
            case MatrixFunction m:
            {
                // The same rules as the differentiator's, entry by entry of M.
                var entryParts = new List<(Dictionary<Symbol, Expr>, Expr)>();
                for (var k = 0; k < m.Side; k++)
                    for (var l = 0; l < m.Side; l++)
                    {
                        var g = Visit(m.Entry(k, l), variables, cache);
                        if (g.Count == 0) continue;
                        entryParts.Add((g, m.Kind == MatrixFunctionKind.InverseEntry
                            ? Product.Of(Number.MinusOne, m.InverseEntry(m.Row, k), m.InverseEntry(l, m.Column))
                            : m.InverseEntry(l, k)));
                    }
                Accumulate(result, entryParts);
                break;
            }
            case OpaqueCall o:
                Accumulate(result, o.Arguments.Select((a, k) => (Visit(a, variables, cache), (Expr)o.Differentiate(k + 1))));
                break;
            default:
                throw new InvalidOperationException("unknown expression node " + e.GetType().Name);
        }
        cache[e] = result;
        return result;
    }

    // result[v] = Σ factor · g[v] over the parts, built once per variable.
    private static void Accumulate(Dictionary<Symbol, Expr> result, IEnumerable<(Dictionary<Symbol, Expr> Gradient, Expr Factor)> parts)
    {
        var terms = new Dictionary<Symbol, List<Expr>>();
        foreach (var (gradient, factor) in parts)
            foreach (var (v, d) in gradient)
            {
                if (!terms.TryGetValue(v, out var list)) terms[v] = list = [];
                list.Add(factor.IsOne ? d : Product.Of(factor, d));
            }
        foreach (var (v, list) in terms)
        {
            var sum = Sum.Of(list);
            if (!sum.IsZero) result[v] = sum;
        }
    }
}
