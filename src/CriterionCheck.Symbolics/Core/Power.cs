using System.Numerics;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// <c>base ^ exponent</c>. Square roots are powers with exponent 1/2 and quotients are powers with
/// exponent −1; there are no division or root nodes.
/// </summary>
public sealed class Power : Expr
{
    /// <summary>The base.</summary>
    public Expr Base { get; }

    /// <summary>The exponent.</summary>
    public Expr Exponent { get; }

    // Beyond this many bits an exact numeric power stays symbolic rather than flooding memory.
    private const int MaxExactBits = 1 << 16;

    private Power(Expr b, Expr e) : base(HashCode.Combine(0x90, b, e))
    {
        Base = b;
        Exponent = e;
    }

    internal override int Rank => 5;
    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [Base, Exponent];
    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (Power)other;
        return Base.Equals(o.Base) && Exponent.Equals(o.Exponent);
    }

    /// <summary>
    /// The canonical power. Rules applied are those true for every real value where both sides are
    /// defined: x^0 = 1, x^1 = x, exact numeric powers, (x^a)^n = x^(a·n) for integer n,
    /// (c·x·y)^n = cⁿ·xⁿ·yⁿ for integer n, and (c·X)^r = c^r·X^r for a positive rational c.
    /// </summary>
    /// <exception cref="SymbolicException">Zero raised to a negative power.</exception>
    public static Expr Of(Expr b, Expr e)
    {
        if (e is not Number en)
            return b.IsOne ? Number.One : new Power(b, e);
        var r = en.Value;
        if (r.IsZero) return Number.One;
        if (r.IsOne) return b;
        switch (b)
        {
            case Number bn: return NumericPower(bn.Value, r);
            case Power bp when r.IsInteger:
                return Of(bp.Base, Product.Of(bp.Exponent, en));
            case Product bp when r.IsInteger:
                return Product.Of([NumericPower(bp.Coefficient, r), .. bp.Factors.Select(f => Of(f, en))]);
            case Product bp when bp.Coefficient.Sign > 0 && !bp.Coefficient.IsOne:
                return Product.Of(NumericPower(bp.Coefficient, r), Of(Product.Scale(bp, Rational.One / bp.Coefficient), en));
            default: return new Power(b, e);
        }
    }

    private static Expr NumericPower(Rational b, Rational e)
    {
        if (b.IsZero)
        {
            if (e.Sign < 0) throw new SymbolicException("division by zero");
            return Number.Zero;
        }
        if (b.IsOne) return Number.One;
        if (e.IsInteger)
        {
            if (BigInteger.Abs(e.Numerator) * Math.Max(b.Numerator.GetBitLength(), b.Denominator.GetBitLength()) > MaxExactBits)
                return new Power(Number.Of(b), Number.Of(e));
            return Number.Of(b.Pow((int)e.Numerator));
        }
        if (b.Sign < 0 || e.Denominator > 64) return new Power(Number.Of(b), Number.Of(e));
        // b^(p/q) = (b^(1/q))^p exactly when b is a perfect q-th power.
        var root = b.ExactRoot((int)e.Denominator);
        if (root is { } exactRoot) return NumericPower(exactRoot, e.Numerator);
        // Otherwise the canonical radical: a product of primes, each raised to a fraction in (0, 1), so
        // that √8 = 2·√2, √6 = √2·√3 and 4^(1/3) = 2^(2/3) are each one form.
        var exactBits = BigInteger.Abs(e.Floor()) * Math.Max(b.Numerator.GetBitLength(), b.Denominator.GetBitLength());
        if (exactBits <= MaxExactBits && PrimeFactors.Of(b.Numerator) is { } up && PrimeFactors.Of(b.Denominator) is { } down)
        {
            var coefficient = Rational.One;
            var radicals = new List<Expr>();
            foreach (var (prime, k) in up.Select(f => (f.Prime, (Rational)f.Multiplicity)).Concat(down.Select(f => (f.Prime, -(Rational)f.Multiplicity))))
            {
                var exponent = k * e;
                var integral = exponent.Floor();
                coefficient *= new Rational(prime).Pow((int)integral);
                var rest = exponent - integral;
                if (!rest.IsZero) radicals.Add(new Power(Number.Of(prime), Number.Of(rest)));
            }
            return Product.Of([Number.Of(coefficient), .. radicals]);
        }
        // Keep the fractional part of the exponent in (0, 1): 2^(3/2) = 2·2^(1/2).
        var whole = e.Floor();
        var fraction = e - whole;
        var fractional = new Power(Number.Of(b), Number.Of(fraction));
        return whole.IsZero ? fractional : Product.Of(NumericPower(b, whole), fractional);
    }
}
