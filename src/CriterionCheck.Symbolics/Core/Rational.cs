using System.Globalization;
using System.Numerics;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// An exact rational number p/q with q &gt; 0 and gcd(p, q) = 1. Every number in the
/// symbolic core is one of these, so equality of constants is exact and never tolerance-based.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, always positive.</summary>
    public BigInteger Denominator => denominatorMinusOne + BigInteger.One;

    // Stored as q − 1 so that default(Rational) is 0/1, a valid value.
    private readonly BigInteger denominatorMinusOne;

    /// <summary>Zero.</summary>
    public static readonly Rational Zero = new(0);
    /// <summary>One.</summary>
    public static readonly Rational One = new(1);
    /// <summary>Minus one.</summary>
    public static readonly Rational MinusOne = new(-1);
    /// <summary>One half.</summary>
    public static readonly Rational Half = new(1, 2);

    /// <summary>The integer <paramref name="value"/>.</summary>
    public Rational(BigInteger value)
    {
        Numerator = value;
        denominatorMinusOne = BigInteger.Zero;
    }

    /// <summary>The reduced fraction numerator/denominator.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("division by zero");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        if (numerator.IsZero) denominator = BigInteger.One;
        Numerator = numerator;
        denominatorMinusOne = denominator - BigInteger.One;
    }

    /// <summary>True when the denominator is one.</summary>
    public bool IsInteger => denominatorMinusOne.IsZero;
    /// <summary>True for zero.</summary>
    public bool IsZero => Numerator.IsZero;
    /// <summary>True for one.</summary>
    public bool IsOne => Numerator.IsOne && IsInteger;
    /// <summary>−1, 0 or 1.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>The absolute value.</summary>
    public Rational Abs() => Sign < 0 ? -this : this;

    /// <summary>A double within one unit in the last place of the value (±∞ beyond the double range).</summary>
    public double ToDouble()
    {
        if (Numerator.IsZero) return 0;
        // Both parts exact in a double: one correctly rounded division (the common case, and cheap).
        if (Numerator >= -ExactInDouble && Numerator <= ExactInDouble && denominatorMinusOne < ExactInDouble)
            return (double)(long)Numerator / (double)(long)Denominator;
        var n = BigInteger.Abs(Numerator);
        var d = Denominator;
        var magnitude = (long)n.GetBitLength() - (long)d.GetBitLength();
        if (magnitude > 1026) return Sign * double.PositiveInfinity;
        if (magnitude < -1080) return Sign * 0.0;
        // A quotient of about 64 bits, then scaled: exact to within the truncated remainder.
        var shift = (int)(64 - magnitude);
        var q = shift >= 0 ? (n << shift) / d : n / (d << -shift);
        return Sign * Math.ScaleB((double)q, -shift);
    }

    // Integers up to 2⁵³ in magnitude are doubles exactly.
    private static readonly BigInteger ExactInDouble = BigInteger.One << 53;

    /// <summary>True when numerator and denominator are both at most 2⁵³ in magnitude, so each is a double exactly.</summary>
    public bool FitsDoubles => Numerator >= -ExactInDouble && Numerator <= ExactInDouble && denominatorMinusOne < ExactInDouble;

    /// <summary>The exact value of a finite double (every finite double is a rational with a power-of-two denominator).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("only finite doubles are rational", nameof(value));
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; // subnormal: no hidden bit
        else mantissa |= 1L << 52;
        exponent -= 1075;
        var m = new BigInteger(negative ? -mantissa : mantissa);
        return exponent >= 0 ? new Rational(m << exponent) : new Rational(m, BigInteger.One << -exponent);
    }

    /// <summary>Integer power; a negative exponent inverts (zero to a negative power throws).</summary>
    public Rational Pow(int exponent)
    {
        if (exponent >= 0) return new Rational(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent));
        if (IsZero) throw new DivideByZeroException("division by zero");
        return new Rational(BigInteger.Pow(Denominator, -exponent), BigInteger.Pow(Numerator, -exponent));
    }

    /// <summary>The exact k-th root when this rational is a perfect k-th power (k ≥ 2), else null.</summary>
    public Rational? ExactRoot(int k)
    {
        if (Sign < 0 && k % 2 == 0) return null;
        var n = IntegerRoot(BigInteger.Abs(Numerator), k);
        var d = IntegerRoot(Denominator, k);
        if (n is null || d is null) return null;
        return new Rational(Sign < 0 ? -n.Value : n.Value, d.Value);
    }

    private static BigInteger? IntegerRoot(BigInteger value, int k)
    {
        if (value.IsZero || value.IsOne) return value;
        // Newton iteration from a power-of-two upper bound.
        var bits = (int)value.GetBitLength();
        var x = BigInteger.One << (bits / k + 1);
        while (true)
        {
            var y = ((k - 1) * x + value / BigInteger.Pow(x, k - 1)) / k;
            if (y >= x) break;
            x = y;
        }
        return BigInteger.Pow(x, k) == value ? x : null;
    }

    /// <summary>Largest integer not above this value.</summary>
    public BigInteger Floor()
    {
        var q = BigInteger.DivRem(Numerator, Denominator, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    /// <summary>Sum.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        a.IsInteger && b.IsInteger ? new Rational(a.Numerator + b.Numerator)
        : new Rational(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    /// <summary>Difference.</summary>
    public static Rational operator -(Rational a, Rational b) => a + (-b);
    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => a.IsInteger ? new Rational(-a.Numerator) : new Rational(-a.Numerator, a.Denominator);
    /// <summary>Product.</summary>
    public static Rational operator *(Rational a, Rational b) =>
        a.IsInteger && b.IsInteger ? new Rational(a.Numerator * b.Numerator)
        : new Rational(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    /// <summary>Quotient; throws on division by zero.</summary>
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    /// <summary>Equality.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    /// <summary>Inequality.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    /// <summary>Ordering.</summary>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    /// <summary>Ordering.</summary>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    /// <summary>Ordering.</summary>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    /// <summary>Ordering.</summary>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;
    /// <summary>Integer conversion.</summary>
    public static implicit operator Rational(int value) => new(value);
    /// <summary>Integer conversion.</summary>
    public static implicit operator Rational(BigInteger value) => new(value);

    /// <inheritdoc/>
    public bool Equals(Rational other) => Numerator == other.Numerator && denominatorMinusOne == other.denominatorMinusOne;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Numerator, denominatorMinusOne);
    /// <inheritdoc/>
    public int CompareTo(Rational other) =>
        denominatorMinusOne.IsZero && other.denominatorMinusOne.IsZero // integers (indices, mostly): no products needed
            ? Numerator.CompareTo(other.Numerator)
            : (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>"p" or "p/q".</summary>
    public override string ToString() =>
        IsInteger ? Numerator.ToString(CultureInfo.InvariantCulture)
        : Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a decimal literal exactly: "0.5" is 1/2, "1e-3" is 1/1000. Returns false on malformed text.
    /// </summary>
    public static bool TryParseDecimal(string text, out Rational value)
    {
        value = Zero;
        var s = text.AsSpan();
        int exponent = 0;
        var e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return false;
            if (Math.Abs(exponent) > 10_000) return false;
            s = s[..e];
        }
        var dot = s.IndexOf('.');
        var digits = dot < 0 ? s.ToString() : string.Concat(s[..dot], s[(dot + 1)..]);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return false;
        if (dot >= 0) exponent -= s.Length - dot - 1;
        var mantissa = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        value = exponent >= 0 ? new Rational(mantissa * BigInteger.Pow(10, exponent))
                              : new Rational(mantissa, BigInteger.Pow(10, -exponent));
        return true;
    }
}
