namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// Σ_{i=1}^{U} body: a sum over a bound index whose upper end U may be a symbol (a plate size H, or
/// C − 1). Built only through <see cref="Of"/>, which keeps the form canonical:
/// <list type="bullet">
/// <item>a numeric range is expanded into an ordinary sum, so concrete sizes see today's forms;</item>
/// <item>the sum is linear: Σ(a + b) = Σa + Σb, and factors free of the index move out, Σ c·f = c·Σ f;
///       a body free of the index gives U·body (Σ_h 1 = H);</item>
/// <item>the bound index is renamed hygienically to a reserved name (<c>#k</c>, k one more than the
///       deepest sum inside), so two sums equal up to renaming of their bound index are the same node.</item>
/// </list>
/// Reserved names cannot be written in the expression language, so they never capture a user's name.
/// The name the sum was written with is kept for printing only.
/// </summary>
public sealed class IndexedSum : Expr
{
    /// <summary>The prefix of bound index names.</summary>
    public const string BoundPrefix = "#";

    /// <summary>The bound index, <c>#k</c>.</summary>
    public Symbol Index { get; }

    /// <summary>The upper end of the range 1..Upper.</summary>
    public Expr Upper { get; }

    /// <summary>The summand, in the bound index.</summary>
    public Expr Body { get; }

    /// <summary>The index's name as written (h in sum(h in H, …)), for printing; not part of the identity.</summary>
    public string DisplayName { get; }

    /// <summary>The nesting level k of the bound index #k.</summary>
    public int Level { get; }

    private IndexedSum(Symbol index, int level, Expr upper, Expr body, string displayName) : base(HashCode.Combine(0x1D5, level, upper, body))
    {
        Index = index;
        Level = level;
        Upper = upper;
        Body = body;
        DisplayName = displayName;
    }

    internal override int Rank => 8;

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [Upper, Body];

    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (IndexedSum)other;
        return Level == o.Level && Upper.Equals(o.Upper) && Body.Equals(o.Body);
    }

    /// <summary>True for a bound index name (<c>#k</c>).</summary>
    public static bool IsBound(Symbol s) => s.Name.StartsWith(BoundPrefix, StringComparison.Ordinal);

    /// <summary>Σ_{<paramref name="index"/>=1}^{<paramref name="upper"/>} <paramref name="body"/>, canonical.</summary>
    /// <param name="index">The index as it occurs in <paramref name="body"/> (any symbol, e.g. h).</param>
    /// <param name="upper">The upper end: a size symbol, an expression such as C − 1, or a whole number.</param>
    /// <param name="body">The summand.</param>
    /// <param name="displayName">The name to print the index with; the index's own name by default.</param>
    public static Expr Of(Symbol index, Expr upper, Expr body, string? displayName = null)
    {
        displayName ??= IsBound(index) ? "i" : index.Name;
        if (upper is Number { Value: var n })
        {
            if (!n.IsInteger || n.Sign <= 0) return Number.Zero;
            if (n.Numerator > 1_000_000) throw new SymbolicException("a sum over more than 1,000,000 terms is not expanded");
            var count = (int)n.Numerator;
            return Sum.Of(Enumerable.Range(1, count).Select(k => Substitution.Substitute(body, index, Number.Of(k))));
        }
        if (!body.Contains(index)) return Product.Of(upper, body);
        switch (body)
        {
            case Sum s:
                return Sum.Of(s.Children.Select(t => Of(index, upper, t, displayName)));
            case Product p when p.Factors.FirstOrDefault(f => f is Sum) is Sum inner:
            {
                // Multiplied out over a sum factor, so that index-free parts can leave: Σ π_c(A_c + B) = Σ π_c A_c + B Σ π_c.
                var rest = Product.Of([Number.Of(p.Coefficient), .. p.Factors.Where(f => !ReferenceEquals(f, inner))]);
                return Of(index, upper, Sum.Of(inner.Children.Select(t => Product.Of(rest, t))), displayName);
            }
            case Product p:
            {
                var free = new List<Expr> { Number.Of(p.Coefficient) };
                var bound = new List<Expr>();
                foreach (var f in p.Factors) (f.Contains(index) ? bound : free).Add(f);
                if (free.Count > 1 || !p.Coefficient.IsOne)
                    return Product.Of([.. free, Of(index, upper, Product.Of(bound), displayName)]);
                break;
            }
        }
        // Hygienic renaming: one level above every sum nested in the body.
        var level = 1 + MaxLevel(body, index);
        var canonical = Symbol.Of(BoundPrefix + level);
        var renamed = index.Equals(canonical) ? body : Substitution.Substitute(body, index, canonical);
        return new IndexedSum(canonical, level, upper, renamed, displayName);
    }

    /// <summary>The summand with the bound index replaced by <paramref name="value"/>.</summary>
    public Expr At(Expr value) => Substitution.Substitute(Body, Index, value);

    // The deepest level in use: nested sums, and free #k left by a substitution, which must not be captured.
    private static int MaxLevel(Expr e, Symbol except)
    {
        var max = 0;
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IndexedSum s) max = Math.Max(max, s.Level);
            else if (node is Symbol { Indices.IsEmpty: true } b && !b.Equals(except) && b.Name.StartsWith(BoundPrefix, StringComparison.Ordinal)
                     && int.TryParse(b.Name.AsSpan(BoundPrefix.Length), out var k)) max = Math.Max(max, k);
            foreach (var c in node.Children) stack.Push(c);
        }
        return max;
    }

    private static long temporaries;

    /// <summary>A fresh index name no expression uses, to substitute under a binder without capture.</summary>
    public static Symbol Temporary() => Symbol.Of($"{BoundPrefix}t{Interlocked.Increment(ref temporaries)}");
}
