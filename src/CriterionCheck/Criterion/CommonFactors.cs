using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Polynomials;

namespace CriterionCheck.Criterion;

/// <summary>
/// Cancels what a coefficient's numerator and denominator share, for the solver's proposals:
/// elimination writes (w² − 1)²/(4w³ − 4w) where (w² − 1)/(4w) is meant, and the kernel rightly refuses
/// a coefficient that divides by something vanishing inside the domain (here at w = 1). Exact division
/// by each denominator factor, and for factors in one atom shared with the numerator, their greatest
/// common divisor by Euclid's algorithm over the rationals. The kernel then proves the cancelled
/// coefficient as it stands; nothing here is trusted.
/// </summary>
public static class CommonFactors
{
    /// <summary>
    /// <paramref name="form"/> with every common factor of the numerator and a denominator factor cancelled, as an
    /// expression, and the total degree of its denominator (to tell whether anything was cancelled).
    /// </summary>
    public static (Expr Cancelled, int DenominatorDegree) Cancel(RationalForm form)
    {
        // Whole factors that divide the numerator first, then each remaining copy of a factor F^k on its own:
        // what one copy shares with the numerator goes, the rest stays.
        var divided = form.Cancel();
        var numerator = divided.Numerator;
        var denominator = new List<(Polynomial Factor, int Multiplicity)>();
        foreach (var (factor, k) in divided.Denominator)
            for (var i = 0; i < k; i++)
            {
                (numerator, var rest) = CancelOnce(numerator, factor);
                if (rest is not null) denominator.Add((rest, 1));
            }
        var expr = Product.Of([numerator.ToExpr(), .. denominator.Select(d => Power.Of(d.Factor.ToExpr(), Number.Of(-d.Multiplicity)))]);
        return (expr, denominator.Sum(d => d.Multiplicity * Degree(d.Factor)));
    }

    // N / F with gcd(N, F) cancelled: the new numerator, and what is left of F (null when nothing is).
    private static (Polynomial Numerator, Polynomial? Remaining) CancelOnce(Polynomial numerator, Polynomial factor)
    {
        // The numerator may carry 1/w terms (a Laurent polynomial): clear them with w^m first.
        var shift = Shift(numerator);
        var cleared = shift is { } sh ? numerator.MultiplyTerm(Rational.One, Monomial.Of(sh.Atom, sh.Power)) : numerator;
        if (Gcd(cleared, factor) is not { } g || Degree(g) == 0 || cleared.TryDivide(g) is not { } quotient || factor.TryDivide(g) is not { } rest)
            return (numerator, factor);
        var reduced = shift is { } s2 ? quotient.MultiplyTerm(Rational.One, Monomial.Of(s2.Atom, -s2.Power)) : quotient;
        // A constant left over is folded into the numerator.
        return Degree(rest) == 0 ? (reduced.MultiplyTerm(Rational.One / Constant(rest), Monomial.One), null) : (reduced, rest);
    }

    /// <summary>The total degree of <paramref name="form"/>'s denominator.</summary>
    public static int DenominatorDegree(RationalForm form) => form.Denominator.Sum(d => d.Multiplicity * Degree(d.Factor));

    // The atom and power w^m that make a one-atom Laurent polynomial a polynomial; null when none is needed.
    private static (Expr Atom, int Power)? Shift(Polynomial p)
    {
        var lowest = 0;
        Expr? atom = null;
        foreach (var m in p.Terms.Keys)
            foreach (var (a, e) in m.Powers)
                if (e.IsInteger && e.Sign < 0 && (int)-e.Numerator > lowest) (lowest, atom) = ((int)-e.Numerator, a);
        return atom is null ? null : (atom, lowest);
    }

    // The monic gcd when both are polynomials in the same single atom (natural exponents), else null.
    private static Polynomial? Gcd(Polynomial a, Polynomial b)
    {
        if (Atom(a) is not { } x || Atom(b) is not { } y || !x.Equals(y)) return null;
        var (p, q) = (Coefficients(a, x), Coefficients(b, x));
        while (q.Length > 0)
        {
            var r = Remainder(p, q);
            (p, q) = (q, r);
        }
        if (p.Length == 0) return null;
        var lead = p[^1];
        var result = Polynomial.Zero;
        for (var i = 0; i < p.Length; i++) result = result.Add(Polynomial.Term(p[i] / lead, Monomial.Of(x, i)));
        return result;
    }

    private static Expr? Atom(Polynomial p)
    {
        Expr? atom = null;
        foreach (var m in p.Terms.Keys)
            foreach (var (a, e) in m.Powers)
            {
                if (!e.IsInteger || e.Sign < 0) return null;
                if (atom is null) atom = a;
                else if (!atom.Equals(a)) return null;
            }
        return atom;
    }

    private static int Degree(Polynomial p) => p.Terms.Keys.Select(m => m.Powers.Sum(x => (int)x.Exponent.Numerator)).DefaultIfEmpty(0).Max();

    private static Rational Constant(Polynomial p) => p.Terms.TryGetValue(Monomial.One, out var c) ? c : Rational.Zero;

    // Coefficients by degree, without trailing zeros.
    private static Rational[] Coefficients(Polynomial p, Expr x)
    {
        var c = new Rational[Degree(p) + 1];
        for (var i = 0; i < c.Length; i++) c[i] = Rational.Zero;
        foreach (var (m, v) in p.Terms) c[m.Powers.IsEmpty ? 0 : (int)m.Powers[0].Exponent.Numerator] += v;
        return Trim(c);
    }

    private static Rational[] Remainder(Rational[] p, Rational[] q)
    {
        var r = (Rational[])p.Clone();
        for (var shift = r.Length - q.Length; shift >= 0; shift--)
        {
            var f = r[shift + q.Length - 1] / q[^1];
            for (var i = 0; i < q.Length; i++) r[shift + i] -= f * q[i];
        }
        return Trim(r[..Math.Min(r.Length, Math.Max(0, q.Length - 1))]);
    }

    private static Rational[] Trim(Rational[] c)
    {
        var n = c.Length;
        while (n > 0 && c[n - 1].IsZero) n--;
        return c[..n];
    }
}
