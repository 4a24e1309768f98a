using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// An n-ary sum <c>constant + term₁ + … + termₖ</c> with k ≥ 1 (and k ≥ 2 when the constant is 0).
/// Terms are never numbers or sums, carry their rational coefficient inside a <see cref="Product"/>,
/// are pairwise unlike (like terms are collected through a dictionary), and are kept in canonical order.
/// </summary>
public sealed class Sum : Expr
{
    /// <summary>The rational constant term (may be zero).</summary>
    public Rational Constant { get; }

    /// <summary>The non-constant terms in canonical order.</summary>
    public ImmutableArray<Expr> Terms { get; }

    private readonly Expr[] children;

    private Sum(Rational constant, ImmutableArray<Expr> terms) : base(ComputeHash(constant, terms))
    {
        Constant = constant;
        Terms = terms;
        children = constant.IsZero ? [.. terms] : [Number.Of(constant), .. terms];
    }

    private static int ComputeHash(Rational constant, ImmutableArray<Expr> terms)
    {
        var h = new HashCode();
        h.Add(0x5D);
        h.Add(constant);
        foreach (var t in terms) h.Add(t);
        return h.ToHashCode();
    }

    internal override int Rank => 7;

    /// <summary>The constant (when nonzero) followed by the terms.</summary>
    public override IReadOnlyList<Expr> Children => children;

    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (Sum)other;
        return Constant == o.Constant && Terms.SequenceEqual(o.Terms);
    }

    /// <summary>The canonical sum of <paramref name="items"/>.</summary>
    public static Expr Of(params Expr[] items) => Of((IEnumerable<Expr>)items);

    /// <summary>The canonical sum of <paramref name="items"/>: flattened, like terms collected, zeros dropped.</summary>
    public static Expr Of(IEnumerable<Expr> items)
    {
        var constant = Rational.Zero;
        var coefficients = new Dictionary<Expr, Rational>();
        void AddTerm(Expr term)
        {
            var (rest, c) = Product.SplitCoefficient(term);
            coefficients[rest] = coefficients.TryGetValue(rest, out var old) ? old + c : c;
        }
        foreach (var item in items)
        {
            switch (item)
            {
                case Number n: constant += n.Value; break;
                case Sum s:
                    constant += s.Constant;
                    foreach (var t in s.Terms) AddTerm(t);
                    break;
                default: AddTerm(item); break;
            }
        }
        var kept = new List<(Expr Term, Rational Coefficient)>(coefficients.Count);
        foreach (var (rest, c) in coefficients)
            if (!c.IsZero) kept.Add((rest, c));
        if (kept.Count == 0) return Number.Of(constant);
        if (kept.Count == 1 && constant.IsZero) return Product.Scale(kept[0].Term, kept[0].Coefficient);
        // Order by the term without its coefficient, so 2·log 2 + log 3 sorts like log 2 + log 3.
        // Terms taken from an existing sum arrive in order: checking is linear, sorting is not.
        var sorted = true;
        for (var i = 1; i < kept.Count && sorted; i++) sorted = ExprOrder.Instance.Compare(kept[i - 1].Term, kept[i].Term) < 0;
        if (!sorted) kept.Sort((a, b) => ExprOrder.Instance.Compare(a.Term, b.Term));
        return new Sum(constant, [.. kept.Select(t => Product.Scale(t.Term, t.Coefficient))]);
    }
}
