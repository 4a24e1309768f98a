using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Polynomials;

/// <summary>
/// Reduces a polynomial modulo M⁻¹M = I for the inverses kept whole (<see cref="MatrixFunction"/>):
/// whenever it holds all n monomials R·M⁻¹[i,k]·M[k,j], k = 1..n, for one rest R, with coefficients of
/// one sign, a·R·M⁻¹[i,k]·M[k,j] is taken from each and a·R·δ_ij added, a being the coefficient of least
/// magnitude (a monomial may carry several such shares). Each step subtracts a·R·(Σ_k M⁻¹[i,k]M[k,j] − δ_ij), which is zero
/// wherever M is invertible, so a polynomial that reduces to 0 is 0 there; one that does not reduce to 0
/// proves nothing. Only matrices whose entries in column j are atoms (a covariance slice's symbols) are
/// contracted; with a symmetric M, M⁻¹[i,k] is also read as M⁻¹[k,i].
/// </summary>
public static class InverseContraction
{
    /// <summary>The most contraction steps tried on one polynomial.</summary>
    public const int MaxSteps = 10_000;

    /// <summary>True when <paramref name="p"/> has an inverse entry kept whole among its atoms.</summary>
    public static bool Applies(Polynomial p) =>
        p.Terms.Keys.Any(m => m.Powers.Any(x => x.Atom is MatrixFunction { Kind: MatrixFunctionKind.InverseEntry }));

    /// <summary><paramref name="p"/> with every complete contraction carried out, until none is left.</summary>
    public static Polynomial Reduce(Polynomial p)
    {
        for (var step = 0; step < MaxSteps; step++)
        {
            if (Step(p) is not { } difference) return p;
            p = p.Add(difference);
        }
        return p;
    }

    // One complete contraction, as the polynomial to add: −a·R·M⁻¹[i,k]M[k,j] for every k, + a·R·δ_ij.
    private static Polynomial? Step(Polynomial p)
    {
        foreach (var monomial in p.Terms.Keys)
            foreach (var (atom, exponent) in monomial.Powers)
            {
                if (atom is not MatrixFunction { Kind: MatrixFunctionKind.InverseEntry } f || exponent.Sign <= 0) continue;
                (int I, int K)[] orientations = f.Row == f.Column || !f.IsSymmetric ? [(f.Row, f.Column)] : [(f.Row, f.Column), (f.Column, f.Row)];
                foreach (var (i, k) in orientations)
                    foreach (var (entry, entryExponent) in monomial.Powers)
                    {
                        if (entryExponent.Sign <= 0 || entry is not Symbol) continue;
                        for (var j = 0; j < f.Side; j++)
                        {
                            if (!f.Entry(k, j).Equals(entry)) continue;
                            var (_, rest) = monomial.Multiply(Monomial.Of(atom, Rational.MinusOne));
                            (_, rest) = rest.Multiply(Monomial.Of(entry, Rational.MinusOne));
                            if (!rest.IsNatural && !rest.IsOne) continue;
                            if (Contraction(p, f, i, j, rest) is { } difference) return difference;
                        }
                    }
            }
        return null;
    }

    // The share a is the member coefficient of least magnitude, all members having its sign: a monomial
    // shared by two contractions carries the sum of their shares.
    private static Polynomial? Contraction(Polynomial p, MatrixFunction f, int i, int j, Monomial rest)
    {
        var members = new List<(Monomial Term, Rational Coefficient)>();
        for (var k = 0; k < f.Side; k++)
        {
            if (f.Entry(k, j) is not Symbol entry) return null;
            var (c1, withInverse) = rest.Multiply(Monomial.Of(f.InverseEntry(i, k), Rational.One));
            var (c2, term) = withInverse.Multiply(Monomial.Of(entry, Rational.One));
            if (!c1.IsOne || !c2.IsOne || members.Any(m => m.Term.Equals(term)) || !p.Terms.TryGetValue(term, out var c)) return null;
            members.Add((term, c));
        }
        var a = members.MinBy(m => m.Coefficient.Abs()).Coefficient;
        if (members.Any(m => m.Coefficient.Sign != a.Sign)) return null;
        var difference = i == j ? Polynomial.Term(a, rest) : Polynomial.Zero;
        foreach (var (term, _) in members) difference = difference.Add(Polynomial.Term(-a, term));
        return difference;
    }
}
