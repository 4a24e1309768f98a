using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Polynomials;

/// <summary>
/// An expression as N / (P₁^k₁ ⋯ Pₘ^kₘ): an expanded numerator over distinct canonical primitive
/// polynomials. Non-polynomial sub-expressions (functions, symbolic powers) are atoms. Sums are brought
/// to the least common denominator, so an expression is zero exactly when N expands to zero.
/// </summary>
public sealed class RationalForm
{
    /// <summary>The expanded numerator.</summary>
    public Polynomial Numerator { get; }

    /// <summary>Distinct primitive denominator factors with multiplicities.</summary>
    public IReadOnlyList<(Polynomial Factor, int Multiplicity)> Denominator { get; }

    private RationalForm(Polynomial numerator, IReadOnlyList<(Polynomial, int)> denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    private static RationalForm Of(Polynomial p) => new(p, []);

    /// <summary>The rational form of <paramref name="e"/>.</summary>
    /// <exception cref="ExpansionLimitException">Expansion grows beyond <see cref="Polynomial.MaxTerms"/>.</exception>
    public static RationalForm From(Expr e)
    {
        var cache = new Dictionary<Expr, RationalForm>();
        return Visit(e, cache);
    }

    private static RationalForm Visit(Expr e, Dictionary<Expr, RationalForm> cache)
    {
        if (cache.TryGetValue(e, out var known)) return known;
        RationalForm result;
        switch (e)
        {
            case Number n: result = Of(Polynomial.Constant(n.Value)); break;
            case Sum s:
                result = Of(Polynomial.Constant(s.Constant));
                foreach (var t in s.Terms) result = result.Add(Visit(t, cache));
                break;
            case Product p:
                result = Of(Polynomial.Constant(p.Coefficient));
                foreach (var f in p.Factors) result = result.Multiply(Visit(f, cache));
                break;
            case Power p: result = VisitPower(p, cache); break;
            default: result = Of(Polynomial.Term(Rational.One, Monomial.Of(e, Rational.One))); break;
        }
        cache[e] = result;
        return result;
    }

    private static RationalForm VisitPower(Power p, Dictionary<Expr, RationalForm> cache)
    {
        if (p.Exponent is Number { Value: var r })
        {
            if (p.Base is Sum or Product && r.IsInteger && r.Numerator >= -64 && r.Numerator <= 64)
            {
                var k = (int)r.Numerator;
                // Invert before raising, so (1 − p)^−2 is the factor (1 − p) twice, not a new expanded one.
                var b = k >= 0 ? Visit(p.Base, cache) : Visit(p.Base, cache).Invert();
                var n = Math.Abs(k);
                return new RationalForm(b.Numerator.Pow(n), [.. b.Denominator.Select(d => (d.Factor, d.Multiplicity * n))]);
            }
            // Atoms (and fractional powers of sums) carry the rational exponent in the monomial.
            return Of(Polynomial.Term(Rational.One, Monomial.Of(p.Base, r)));
        }
        // x^(c·t): atom x^t with exponent c, so that x^(2y) and (x^y)^2 agree.
        var (t, c) = Product.SplitCoefficient(p.Exponent);
        return Of(Polynomial.Term(Rational.One, Monomial.Of(Power.Of(p.Base, t), c)));
    }

    /// <summary>This form with every denominator factor that divides the numerator cancelled.</summary>
    public RationalForm Cancel()
    {
        var numerator = Numerator;
        var denominator = new List<(Polynomial Factor, int Multiplicity)>();
        foreach (var (factor, k) in Denominator)
        {
            var left = k;
            while (left > 0 && numerator.TryDivide(factor) is { } quotient)
            {
                numerator = quotient;
                left--;
            }
            if (left > 0) denominator.Add((factor, left));
        }
        return new RationalForm(numerator, denominator);
    }

    /// <summary>N · Π Pᵢ^(−kᵢ) as a canonical expression.</summary>
    public Expr ToExpr() => Product.Of([Numerator.ToExpr(), .. Denominator.Select(d => Power.Of(d.Factor.ToExpr(), Number.Of(-d.Multiplicity)))]);

    /// <summary>The sum, over the least common denominator.</summary>
    public RationalForm Add(RationalForm other)
    {
        if (Denominator.Count == 0 && other.Denominator.Count == 0) return Of(Numerator.Add(other.Numerator));
        var common = new List<(Polynomial Factor, int Multiplicity)>(Denominator);
        foreach (var (f, k) in other.Denominator)
        {
            var i = common.FindIndex(d => d.Factor.Equals(f));
            if (i < 0) common.Add((f, k));
            else if (common[i].Multiplicity < k) common[i] = (f, k);
        }
        return new RationalForm(Scaled(Numerator, Denominator, common).Add(Scaled(other.Numerator, other.Denominator, common)), common);
    }

    // N·(common / own): multiply by every factor's missing multiplicity.
    private static Polynomial Scaled(Polynomial n, IReadOnlyList<(Polynomial Factor, int Multiplicity)> own, List<(Polynomial Factor, int Multiplicity)> common)
    {
        foreach (var (f, k) in common)
        {
            var have = own.FirstOrDefault(d => d.Factor.Equals(f)).Multiplicity;
            if (k > have) n = n.Multiply(f.Pow(k - have));
        }
        return n;
    }

    /// <summary>The product.</summary>
    public RationalForm Multiply(RationalForm other)
    {
        var merged = new List<(Polynomial Factor, int Multiplicity)>(Denominator);
        foreach (var (f, k) in other.Denominator)
        {
            var i = merged.FindIndex(d => d.Factor.Equals(f));
            if (i < 0) merged.Add((f, k));
            else merged[i] = (f, merged[i].Multiplicity + k);
        }
        return new RationalForm(Numerator.Multiply(other.Numerator), merged);
    }

    /// <summary>The reciprocal: the numerator's primitive part joins the denominator.</summary>
    /// <exception cref="SymbolicException">The numerator is zero.</exception>
    public RationalForm Invert()
    {
        if (Numerator.IsZero) throw new SymbolicException("division by zero");
        var (scalar, monomial, primitive) = Numerator.Content();
        var (k, inverse) = monomial.Pow(Rational.MinusOne);
        var numerator = Polynomial.Term(k / scalar, inverse);
        foreach (var (f, m) in Denominator) numerator = numerator.Multiply(f.Pow(m));
        return primitive.IsMonomial
            ? new RationalForm(numerator, [])
            : new RationalForm(numerator, [(primitive, 1)]);
    }
}
