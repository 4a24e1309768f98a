using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// An n-ary product <c>coefficient · factor₁ · … · factorₖ</c>. Factors are never numbers or products;
/// factors with the same base are merged by adding exponents (through a dictionary keyed by base), and
/// factors are kept in canonical order. A rational coefficient times a single sum is distributed, so
/// <c>−(a − b)</c> and <c>b − a</c> are the same expression.
/// </summary>
public sealed class Product : Expr
{
    /// <summary>The rational coefficient (never zero).</summary>
    public Rational Coefficient { get; }

    /// <summary>The non-numeric factors in canonical order.</summary>
    public ImmutableArray<Expr> Factors { get; }

    private readonly Expr[] children;

    private Product(Rational coefficient, ImmutableArray<Expr> factors) : base(ComputeHash(coefficient, factors))
    {
        Coefficient = coefficient;
        Factors = factors;
        children = coefficient.IsOne ? [.. factors] : [Number.Of(coefficient), .. factors];
    }

    private static int ComputeHash(Rational coefficient, ImmutableArray<Expr> factors)
    {
        var h = new HashCode();
        h.Add(0x9D);
        h.Add(coefficient);
        foreach (var f in factors) h.Add(f);
        return h.ToHashCode();
    }

    internal override int Rank => 6;

    /// <summary>The coefficient (when not one) followed by the factors.</summary>
    public override IReadOnlyList<Expr> Children => children;

    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (Product)other;
        return Coefficient == o.Coefficient && Factors.SequenceEqual(o.Factors);
    }

    /// <summary>The canonical product of <paramref name="items"/>.</summary>
    public static Expr Of(params Expr[] items) => Of((IEnumerable<Expr>)items);

    /// <summary>The canonical product of <paramref name="items"/>: flattened, powers of like bases merged.</summary>
    public static Expr Of(IEnumerable<Expr> items)
    {
        if (items is IReadOnlyList<Expr> { Count: <= 8 } few && OfDistinct(few) is { } quick) return quick;
        var coefficient = Rational.One;
        var exponents = new Dictionary<Expr, List<Expr>>();
        var order = new List<Expr>();
        void AddFactor(Expr f)
        {
            var (b, e) = f is Power p ? (p.Base, p.Exponent) : (f, (Expr)Number.One);
            if (!exponents.TryGetValue(b, out var list)) { exponents[b] = list = []; order.Add(b); }
            list.Add(e);
        }
        foreach (var item in items)
        {
            switch (item)
            {
                case Number n: coefficient *= n.Value; break;
                case Product p:
                    coefficient *= p.Coefficient;
                    foreach (var f in p.Factors) AddFactor(f);
                    break;
                default: AddFactor(item); break;
            }
        }
        if (coefficient.IsZero) return Number.Zero;

        var factors = new List<Expr>(order.Count);
        var needsAnotherPass = false;
        foreach (var b in order)
        {
            var list = exponents[b];
            var merged = list.Count == 1 ? Power.Of(b, list[0]) : Power.Of(b, Sum.Of(list));
            switch (merged)
            {
                case Number n: coefficient *= n.Value; break;
                case Product p:
                    // e.g. 2^(3/2) = 2·2^(1/2): its factors may meet others again, so merge once more.
                    coefficient *= p.Coefficient;
                    factors.AddRange(p.Factors);
                    needsAnotherPass = true;
                    break;
                default: factors.Add(merged); break;
            }
        }
        if (coefficient.IsZero) return Number.Zero;
        if (needsAnotherPass && factors.Count > 1) return Of([Number.Of(coefficient), .. factors]);
        if (factors.Count == 0) return Number.Of(coefficient);
        if (factors.Count == 1)
        {
            if (coefficient.IsOne) return factors[0];
            if (factors[0] is Sum s) return Distribute(coefficient, s);
        }
        factors.Sort(ExprOrder.Instance);
        return new Product(coefficient, [.. factors]);
    }

    // The common case, e.g. w·z: a few numbers and factors with distinct bases, nothing to merge or
    // distribute. Null when the general construction is needed.
    private static Expr? OfDistinct(IReadOnlyList<Expr> items)
    {
        var coefficient = Rational.One;
        var factors = new List<Expr>(items.Count);
        foreach (var item in items)
        {
            if (item is Number n) { coefficient *= n.Value; continue; }
            if (item is Product or Sum) return null;
            var b = item is Power p ? p.Base : item;
            foreach (var f in factors)
                if ((f is Power q ? q.Base : f).Equals(b)) return null;
            factors.Add(item);
        }
        if (coefficient.IsZero) return Number.Zero;
        if (factors.Count == 0) return Number.Of(coefficient);
        if (factors.Count == 1 && coefficient.IsOne) return factors[0];
        if (factors.Count == 2 && ExprOrder.Instance.Compare(factors[0], factors[1]) > 0) (factors[0], factors[1]) = (factors[1], factors[0]);
        else if (factors.Count > 2) factors.Sort(ExprOrder.Instance);
        return new Product(coefficient, [.. factors]);
    }

    /// <summary><paramref name="term"/> times the rational <paramref name="c"/>.</summary>
    public static Expr Scale(Expr term, Rational c)
    {
        if (c.IsOne) return term;
        if (c.IsZero) return Number.Zero;
        return term switch
        {
            Number n => Number.Of(n.Value * c),
            Sum s => Distribute(c, s),
            Product p => Of([Number.Of(c * p.Coefficient), .. p.Factors]),
            _ => new Product(c, [term]),
        };
    }

    /// <summary>Splits a term into its non-numeric part and rational coefficient: 3·x·y → (x·y, 3).</summary>
    public static (Expr Term, Rational Coefficient) SplitCoefficient(Expr term)
    {
        if (term is not Product p || p.Coefficient.IsOne) return (term, Rational.One);
        Expr rest = p.Factors.Length == 1 ? p.Factors[0] : new Product(Rational.One, p.Factors);
        return (rest, p.Coefficient);
    }

    private static Expr Distribute(Rational c, Sum s) =>
        Sum.Of([Number.Of(c * s.Constant), .. s.Terms.Select(t => Scale(t, c))]);
}
