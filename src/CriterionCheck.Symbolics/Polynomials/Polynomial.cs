using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Polynomials;

/// <summary>
/// A finite sum of rational multiples of <see cref="Monomial"/>s, kept in a dictionary keyed by
/// monomial so that like terms meet in O(1). Immutable once built.
/// </summary>
public sealed class Polynomial : IEquatable<Polynomial>
{
    /// <summary>Operations stop with <see cref="ExpansionLimitException"/> beyond this many terms.</summary>
    public const int MaxTerms = 20_000;

    // A product of two polynomials costs one monomial multiplication per pair of terms; beyond this many
    // pairs expansion stops before the work, not after.
    private const long MaxTermPairs = 1_000_000;

    private readonly Dictionary<Monomial, Rational> terms;
    private readonly int hash;

    private Polynomial(Dictionary<Monomial, Rational> terms)
    {
        if (terms.Count > MaxTerms) throw new ExpansionLimitException();
        this.terms = terms;
        var h = 0;
        foreach (var (m, c) in terms) h ^= HashCode.Combine(m, c);
        hash = h;
    }

    /// <summary>The terms: monomial → nonzero coefficient.</summary>
    public IReadOnlyDictionary<Monomial, Rational> Terms => terms;

    /// <summary>0.</summary>
    public static readonly Polynomial Zero = new([]);

    /// <summary>The constant <paramref name="c"/>.</summary>
    public static Polynomial Constant(Rational c) => c.IsZero ? Zero : new(new() { [Monomial.One] = c });

    /// <summary>c · m.</summary>
    public static Polynomial Term(Rational c, Monomial m) => c.IsZero ? Zero : new(new() { [m] = c });

    /// <summary>True for the zero polynomial.</summary>
    public bool IsZero => terms.Count == 0;

    /// <summary>The sum.</summary>
    public Polynomial Add(Polynomial other)
    {
        if (IsZero) return other;
        if (other.IsZero) return this;
        var result = new Dictionary<Monomial, Rational>(terms);
        foreach (var (m, c) in other.terms) Accumulate(result, m, c);
        return new Polynomial(result);
    }

    /// <summary>The product (fully expanded).</summary>
    public Polynomial Multiply(Polynomial other)
    {
        if (IsZero || other.IsZero) return Zero;
        if ((long)terms.Count * other.terms.Count > MaxTermPairs) throw new ExpansionLimitException();
        var result = new Dictionary<Monomial, Rational>();
        foreach (var (m1, c1) in terms)
            foreach (var (m2, c2) in other.terms)
            {
                var (k, m) = m1.Multiply(m2);
                Accumulate(result, m, c1 * c2 * k);
            }
        return new Polynomial(result);
    }

    /// <summary>This polynomial times c·m.</summary>
    public Polynomial MultiplyTerm(Rational c, Monomial m)
    {
        if (c.IsZero) return Zero;
        var result = new Dictionary<Monomial, Rational>(terms.Count);
        foreach (var (m1, c1) in terms)
        {
            var (k, product) = m1.Multiply(m);
            Accumulate(result, product, c1 * c * k);
        }
        return new Polynomial(result);
    }

    /// <summary>
    /// The multilinear reduction modulo a² = a for every atom in <paramref name="idempotent"/> (variables
    /// that take only the values 0 and 1): each positive integer power of such an atom becomes the atom
    /// itself. Two polynomials agree at every 0/1 point of those atoms (whatever the other atoms are)
    /// exactly when their reductions are equal. Null when such an atom has a negative or fractional
    /// exponent, which the reduction cannot treat.
    /// </summary>
    public Polynomial? ReduceIdempotent(IReadOnlySet<Expr> idempotent) => idempotent.Count == 0 ? this : ReduceIdempotent(idempotent.Contains);

    /// <summary>The multilinear reduction modulo a² = a for every atom <paramref name="isIdempotent"/> holds for.</summary>
    public Polynomial? ReduceIdempotent(Func<Expr, bool> isIdempotent)
    {
        var result = new Dictionary<Monomial, Rational>();
        foreach (var (m, c) in terms)
        {
            if (!m.Powers.Any(p => isIdempotent(p.Atom))) { Accumulate(result, m, c); continue; }
            var (k, reduced) = (Rational.One, Monomial.One);
            foreach (var (atom, e) in m.Powers)
            {
                var binary = isIdempotent(atom);
                if (binary && !(e.IsInteger && e.Sign > 0)) return null;
                var (k2, product) = reduced.Multiply(Monomial.Of(atom, binary ? Rational.One : e));
                k *= k2;
                reduced = product;
            }
            Accumulate(result, reduced, c * k);
        }
        return new Polynomial(result);
    }

    /// <summary>The n-th power by repeated squaring.</summary>
    public Polynomial Pow(int n)
    {
        var result = Constant(Rational.One);
        var b = this;
        while (n > 0)
        {
            if ((n & 1) == 1) result = result.Multiply(b);
            n >>= 1;
            if (n > 0) b = b.Multiply(b);
        }
        return result;
    }

    /// <summary>
    /// Splits P = scalar · monomial · primitive, where the monomial is the gcd of all terms' monomials
    /// and the primitive part's leading term (least monomial) has coefficient 1. Equal primitive parts
    /// identify equal denominator factors.
    /// </summary>
    public (Rational Scalar, Monomial Monomial, Polynomial Primitive) Content()
    {
        if (IsZero) return (Rational.Zero, Monomial.One, Zero);
        Monomial? gcd = null;
        foreach (var m in terms.Keys) gcd = gcd is null ? m : gcd.Gcd(m);
        // P = g·q with q = P/g; then q = s·primitive with the primitive's least term monic.
        var (k, inverse) = gcd!.Pow(Rational.MinusOne);
        var quotient = MultiplyTerm(k, inverse);
        Monomial? leading = null;
        foreach (var m in quotient.terms.Keys)
            if (leading is null || m.CompareTo(leading) < 0) leading = m;
        var scalar = quotient.terms[leading!];
        return (scalar, gcd, quotient.MultiplyTerm(Rational.One / scalar, Monomial.One));
    }

    /// <summary>
    /// The exact quotient by <paramref name="divisor"/> when it divides this polynomial (both with natural
    /// exponents), else null: multivariate division in lexicographic order with zero remainder.
    /// </summary>
    public Polynomial? TryDivide(Polynomial divisor)
    {
        if (divisor.IsZero || !terms.Keys.All(m => m.IsNatural) || !divisor.terms.Keys.All(m => m.IsNatural)) return null;
        var lead = divisor.Leading();
        var leadCoefficient = divisor.terms[lead];
        var (_, leadInverse) = lead.Pow(Rational.MinusOne);
        var remainder = this;
        var quotient = Zero;
        for (var steps = 0; !remainder.IsZero; steps++)
        {
            if (steps > MaxTerms) return null;
            var r = remainder.Leading();
            var (_, q) = r.Multiply(leadInverse);
            if (!q.IsNatural) return null;
            var c = remainder.terms[r] / leadCoefficient;
            quotient = quotient.Add(Term(c, q));
            remainder = remainder.Add(divisor.MultiplyTerm(-c, q));
        }
        return quotient;
    }

    private Monomial Leading()
    {
        Monomial? best = null;
        foreach (var m in terms.Keys)
            if (best is null || m.CompareLex(best) > 0) best = m;
        return best!;
    }

    /// <summary>True when the polynomial is a single monomial times a constant.</summary>
    public bool IsMonomial => terms.Count == 1;

    /// <summary>The polynomial as a canonical expression.</summary>
    public Expr ToExpr() => Sum.Of(terms.Select(t => Product.Of(Number.Of(t.Value), t.Key.ToExpr())));

    private static void Accumulate(Dictionary<Monomial, Rational> into, Monomial m, Rational c)
    {
        if (c.IsZero) return;
        if (into.TryGetValue(m, out var old))
        {
            var sum = old + c;
            if (sum.IsZero) into.Remove(m);
            else into[m] = sum;
        }
        else into[m] = c;
    }

    /// <inheritdoc/>
    public bool Equals(Polynomial? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.hash != hash || other.terms.Count != terms.Count) return false;
        foreach (var (m, c) in terms)
            if (!other.terms.TryGetValue(m, out var oc) || oc != c) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Polynomial p && Equals(p);
    /// <inheritdoc/>
    public override int GetHashCode() => hash;
}
