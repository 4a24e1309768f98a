using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Polynomials;

/// <summary>
/// A product of atoms raised to rational exponents (negative allowed: a Laurent monomial), atoms in
/// canonical order. Atoms are any expressions that are not sums, products or numbers.
/// </summary>
public sealed class Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    /// <summary>The atoms and their nonzero exponents, in canonical order.</summary>
    public ImmutableArray<(Expr Atom, Rational Exponent)> Powers { get; }

    private readonly int hash;

    /// <summary>The empty monomial, 1.</summary>
    public static readonly Monomial One = new([]);

    private Monomial(ImmutableArray<(Expr, Rational)> powers)
    {
        Powers = powers;
        var h = new HashCode();
        foreach (var (a, e) in powers) { h.Add(a); h.Add(e); }
        hash = h.ToHashCode();
    }

    /// <summary><paramref name="atom"/>^<paramref name="exponent"/>.</summary>
    public static Monomial Of(Expr atom, Rational exponent) => exponent.IsZero ? One : new([(atom, exponent)]);

    /// <summary>True for the monomial 1.</summary>
    public bool IsOne => Powers.IsEmpty;

    /// <summary>
    /// The product of two monomials. A numeric atom whose exponent becomes an integer (√2·√2) leaves
    /// the monomial and is returned as a rational factor.
    /// </summary>
    public (Rational Coefficient, Monomial Monomial) Multiply(Monomial other) => Normalize(Merge(other, (a, b) => a + b));

    /// <summary>The monomial raised to <paramref name="k"/>, with any rational factor split off.</summary>
    public (Rational Coefficient, Monomial Monomial) Pow(Rational k) =>
        Normalize(Powers.Select(p => (p.Atom, p.Exponent * k)));

    /// <summary>The monomial with, per atom, the least exponent of the two (absent atoms count 0).</summary>
    public Monomial Gcd(Monomial other) =>
        new([.. Merge(other, (a, b) => a < b ? a : b).Where(p => !p.Exponent.IsZero)]);

    private List<(Expr Atom, Rational Exponent)> Merge(Monomial other, Func<Rational, Rational, Rational> op)
    {
        var result = new List<(Expr, Rational)>(Powers.Length + other.Powers.Length);
        int i = 0, j = 0;
        while (i < Powers.Length || j < other.Powers.Length)
        {
            var c = i == Powers.Length ? 1 : j == other.Powers.Length ? -1 : ExprOrder.Instance.Compare(Powers[i].Atom, other.Powers[j].Atom);
            if (c < 0) { result.Add((Powers[i].Atom, op(Powers[i].Exponent, Rational.Zero))); i++; }
            else if (c > 0) { result.Add((other.Powers[j].Atom, op(Rational.Zero, other.Powers[j].Exponent))); j++; }
            else { result.Add((Powers[i].Atom, op(Powers[i].Exponent, other.Powers[j].Exponent))); i++; j++; }
        }
        return result;
    }

    private static (Rational, Monomial) Normalize(IEnumerable<(Expr Atom, Rational Exponent)> powers)
    {
        var coefficient = Rational.One;
        var kept = ImmutableArray.CreateBuilder<(Expr, Rational)>();
        foreach (var (atom, e) in powers)
        {
            if (e.IsZero) continue;
            if (atom is Number n && e.IsInteger && BigIntegerFits(e)) { coefficient *= n.Value.Pow((int)e.Numerator); continue; }
            // A numeric radical keeps only a fractional exponent in (0, 1), as the canonical core does:
            // 2^(4/3) is 2·2^(1/3), so the two meet as one monomial.
            if (atom is Number { Value.Sign: > 0 } radical && !e.IsInteger && BigIntegerFits(e))
            {
                var whole = e.Floor();
                coefficient *= radical.Value.Pow((int)whole);
                kept.Add((atom, e - whole));
                continue;
            }
            kept.Add((atom, e));
        }
        return (coefficient, kept.Count == 0 ? One : new Monomial(kept.ToImmutable()));
    }

    private static bool BigIntegerFits(Rational e) => e.Numerator >= -4096 && e.Numerator <= 4096;

    /// <summary>True when every exponent is a non-negative integer (an ordinary polynomial monomial).</summary>
    public bool IsNatural => Powers.All(p => p.Exponent.IsInteger && p.Exponent.Sign > 0);

    /// <summary>
    /// Lexicographic order on exponent vectors, atoms in canonical order: a monomial order, so the
    /// leading term of a product is the product of leading terms — what division needs.
    /// </summary>
    public int CompareLex(Monomial other)
    {
        int i = 0, j = 0;
        while (i < Powers.Length || j < other.Powers.Length)
        {
            var c = i == Powers.Length ? 1 : j == other.Powers.Length ? -1 : ExprOrder.Instance.Compare(Powers[i].Atom, other.Powers[j].Atom);
            if (c < 0) return Powers[i].Exponent.Sign;
            if (c > 0) return -other.Powers[j].Exponent.Sign;
            var e = Powers[i].Exponent.CompareTo(other.Powers[j].Exponent);
            if (e != 0) return e;
            i++;
            j++;
        }
        return 0;
    }

    /// <summary>The monomial as a canonical expression.</summary>
    public Expr ToExpr() => Product.Of(Powers.Select(p => Power.Of(p.Atom, Number.Of(p.Exponent))));

    /// <inheritdoc/>
    public bool Equals(Monomial? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.hash != hash || other.Powers.Length != Powers.Length) return false;
        for (var k = 0; k < Powers.Length; k++)
            if (Powers[k].Exponent != other.Powers[k].Exponent || !Powers[k].Atom.Equals(other.Powers[k].Atom)) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Monomial m && Equals(m);
    /// <inheritdoc/>
    public override int GetHashCode() => hash;

    /// <summary>A deterministic total order (by atoms, then exponents).</summary>
    public int CompareTo(Monomial? other)
    {
        if (other is null) return 1;
        for (var k = 0; k < Math.Min(Powers.Length, other.Powers.Length); k++)
        {
            var c = ExprOrder.Instance.Compare(Powers[k].Atom, other.Powers[k].Atom);
            if (c != 0) return c;
            c = Powers[k].Exponent.CompareTo(other.Powers[k].Exponent);
            if (c != 0) return c;
        }
        return Powers.Length.CompareTo(other.Powers.Length);
    }
}
