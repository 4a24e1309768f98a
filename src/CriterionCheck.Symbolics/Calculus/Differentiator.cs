using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Calculus;

/// <summary>
/// Symbolic differentiation: one exhaustive switch over node kinds, every result rebuilt through the
/// simplifying constructors. The rules never produce an undefined constant: |x|′ is sign(x), and
/// opaque functions yield derivative atoms rather than failing.
/// </summary>
public static class Differentiator
{
    /// <summary>∂e/∂x.</summary>
    /// <exception cref="SymbolicException"><paramref name="variable"/> is not a symbol.</exception>
    public static Expr Differentiate(Expr e, Expr variable)
    {
        if (variable is not Symbol x)
            throw new SymbolicException($"can only differentiate with respect to a variable, not '{variable}'");
        var cache = new Dictionary<Expr, Expr>();
        return D(e, x, cache);
    }

    /// <summary>The gradient of <paramref name="e"/> with respect to each of <paramref name="variables"/>.</summary>
    public static IReadOnlyList<Expr> Gradient(Expr e, IEnumerable<Expr> variables) =>
        [.. variables.Select(v => Differentiate(e, v))];

    private static Expr D(Expr e, Symbol x, Dictionary<Expr, Expr> cache)
    {
        if (cache.TryGetValue(e, out var known)) return known;
        var result = e switch
        {
            Number or Constant => Number.Zero,
            // An indexed symbol's indices are labels: W[d,h] is constant in d.
            Symbol s => ElementDerivative(s, x),
            Sum s => Sum.Of(s.Terms.Select(t => D(t, x, cache))),
            Product p => DProduct(p, x, cache),
            Power p => DPower(p, x, cache),
            FunctionCall f => DFunction(f, x, cache),
            OpaqueCall o => DOpaque(o, x, cache),
            MatrixFunction m => DMatrix(m, x, cache),
            // d/dx Σ_i f(i) = Σ_i ∂f(i)/∂x; x is never the bound index (bound names are reserved).
            IndexedSum s => IndexedSum.Of(s.Index, s.Upper, D(s.Body, x, cache), s.DisplayName),
            KroneckerDelta => Number.Zero, // a function of indices only
            _ => throw new InvalidOperationException("unknown expression node " + e.GetType().Name),
        };
        cache[e] = result;
        return result;
    }

    /// <summary>
    /// ∂s/∂x for two symbols: 1 when equal; for elements of one block whose indices may coincide
    /// (z[h] and z[3], W[d,h] and W[d',h']), the product of Kronecker deltas of their indices — inside a
    /// sum over h, z[h] is z[3] for the term h = 3; otherwise 0.
    /// </summary>
    public static Expr ElementDerivative(Symbol s, Symbol x)
    {
        if (s.Equals(x)) return Number.One;
        if (s.Name != x.Name || s.Indices.Length != x.Indices.Length || s.Indices.IsEmpty) return Number.Zero;
        if (s.Indices.All(i => i is Number) && x.Indices.All(i => i is Number)) return Number.Zero;
        return Product.Of(s.Indices.Select((i, k) => KroneckerDelta.Of(i, x.Indices[k])));
    }

    private static Expr DProduct(Product p, Symbol x, Dictionary<Expr, Expr> cache)
    {
        // Product rule: Σᵢ fᵢ′ · Πⱼ≠ᵢ fⱼ.
        var terms = new List<Expr>();
        for (var i = 0; i < p.Factors.Length; i++)
        {
            var di = D(p.Factors[i], x, cache);
            if (di.IsZero) continue;
            var others = new List<Expr>(p.Factors.Length) { Number.Of(p.Coefficient), di };
            for (var j = 0; j < p.Factors.Length; j++) if (j != i) others.Add(p.Factors[j]);
            terms.Add(Product.Of(others));
        }
        return Sum.Of(terms);
    }

    private static Expr DPower(Power p, Symbol x, Dictionary<Expr, Expr> cache)
    {
        var db = D(p.Base, x, cache);
        var de = D(p.Exponent, x, cache);
        if (de.IsZero)
        {
            // (b^n)′ = n·b^(n−1)·b′
            if (db.IsZero) return Number.Zero;
            return Product.Of(p.Exponent, Power.Of(p.Base, Sum.Of(p.Exponent, Number.MinusOne)), db);
        }
        // (b^e)′ = b^e · (e′·log b + e·b′/b)
        return Product.Of(p, Sum.Of(
            Product.Of(de, FunctionCall.Log(p.Base)),
            Product.Of(p.Exponent, db, Power.Of(p.Base, Number.MinusOne))));
    }

    private static Expr DFunction(FunctionCall f, Symbol x, Dictionary<Expr, Expr> cache)
    {
        var du = D(f.Argument, x, cache);
        return du.IsZero ? Number.Zero : Product.Of(Outer(f), du);
    }

    /// <summary>The derivative of a one-argument function with respect to its argument, f′(u).</summary>
    internal static Expr Outer(FunctionCall f)
    {
        var u = f.Argument;
        return f.Function switch
        {
            FunctionKind.Exp => f,
            FunctionKind.Log => Power.Of(u, Number.MinusOne),
            FunctionKind.Abs => FunctionCall.Sign(u),
            // sign is piecewise constant; its derivative is zero wherever it is defined.
            FunctionKind.Sign => Number.Zero,
            FunctionKind.Tanh => Sum.Of(Number.One, -Power.Of(f, Number.Two)),
            FunctionKind.Sigmoid => Product.Of(f, Sum.Of(Number.One, -f)),
            FunctionKind.Logit => Power.Of(Product.Of(u, Sum.Of(Number.One, -u)), Number.MinusOne),
            FunctionKind.Softplus => FunctionCall.Sigmoid(u),
            FunctionKind.LogGamma => FunctionCall.Digamma(u),
            FunctionKind.Polygamma => FunctionCall.Polygamma(f.PolygammaOrder + 1, u),
            _ => throw new InvalidOperationException("unknown function " + f.Function),
        };
    }

    // d(M⁻¹)[i,j] = −Σ_kl M⁻¹[i,k]·dM[k,l]·M⁻¹[l,j];  d log det M = Σ_kl M⁻¹[l,k]·dM[k,l].
    private static Expr DMatrix(MatrixFunction m, Symbol x, Dictionary<Expr, Expr> cache)
    {
        var terms = new List<Expr>();
        for (var k = 0; k < m.Side; k++)
            for (var l = 0; l < m.Side; l++)
            {
                var d = D(m.Entry(k, l), x, cache);
                if (d.IsZero) continue;
                terms.Add(m.Kind == MatrixFunctionKind.InverseEntry
                    ? Product.Of(Number.MinusOne, m.InverseEntry(m.Row, k), d, m.InverseEntry(l, m.Column))
                    : Product.Of(m.InverseEntry(l, k), d));
            }
        return Sum.Of(terms);
    }

    private static Expr DOpaque(OpaqueCall o, Symbol x, Dictionary<Expr, Expr> cache)
    {
        // Chain rule over the argument slots: Σₖ ∂ₖf · aₖ′.
        var terms = new List<Expr>();
        for (var k = 0; k < o.Arguments.Length; k++)
        {
            var da = D(o.Arguments[k], x, cache);
            if (!da.IsZero) terms.Add(Product.Of(o.Differentiate(k + 1), da));
        }
        return Sum.Of(terms);
    }
}
