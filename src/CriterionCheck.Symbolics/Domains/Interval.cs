using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Domains;

/// <summary>
/// A rigorous enclosure of a real quantity: every value lies between <see cref="Low"/> and
/// <see cref="High"/>, excluding an endpoint marked open. Arithmetic rounds outward: when a double
/// operation is inexact (detected exactly with TwoSum and fused multiply-add) the endpoint moves to the
/// next double beyond the exact result and becomes open, so a sign read off an interval is a proof.
/// Transcendental endpoints (<see cref="Exp"/>, <see cref="Log"/>, <see cref="Tanh"/>) are widened by
/// two units in the last place, which covers the platform's exp/log/tanh (accurate to within one).
/// </summary>
public readonly record struct Interval(double Low, bool LowOpen, double High, bool HighOpen)
{
    /// <summary>All reals.</summary>
    public static readonly Interval Real = new(double.NegativeInfinity, true, double.PositiveInfinity, true);
    /// <summary>(0, ∞).</summary>
    public static readonly Interval Positive = new(0, true, double.PositiveInfinity, true);
    /// <summary>(0, 1).</summary>
    public static readonly Interval Unit = new(0, true, 1, true);

    /// <summary>The single point <paramref name="x"/>, which must be exactly the value meant.</summary>
    public static Interval Point(double x) => new(x, false, x, false);

    /// <summary>The tightest double interval around the exact rational <paramref name="r"/>.</summary>
    public static Interval Enclosing(Rational r)
    {
        if (r.FitsDoubles)
        {
            // n/q rounded once; the exact remainder n − d·q (by fused multiply-add) says on which side r lies.
            double n = (double)r.Numerator, q = (double)r.Denominator, x = n / q;
            var remainder = Math.FusedMultiplyAdd(-x, q, n);
            return remainder == 0 ? Point(x)
                : remainder > 0 ? new Interval(x, true, Math.BitIncrement(x), true)
                : new Interval(Math.BitDecrement(x), true, x, true);
        }
        var d = r.ToDouble();
        if (double.IsPositiveInfinity(d)) return new Interval(double.MaxValue, true, double.PositiveInfinity, true);
        if (double.IsNegativeInfinity(d)) return new Interval(double.NegativeInfinity, true, -double.MaxValue, true);
        // ToDouble is within a unit of r: step until the neighbours bracket r exactly.
        var low = d;
        for (var k = 0; Rational.FromDouble(low) > r; k++)
            if (double.IsNegativeInfinity(low = Math.BitDecrement(low)) || k > 8) return Real;
        var high = d;
        for (var k = 0; Rational.FromDouble(high) < r; k++)
            if (double.IsPositiveInfinity(high = Math.BitIncrement(high)) || k > 8) return Real;
        return new Interval(low, Rational.FromDouble(low) != r, high, Rational.FromDouble(high) != r);
    }

    /// <summary>Every value is &gt; 0.</summary>
    public bool IsPositive => Low > 0 || (Low == 0 && LowOpen);
    /// <summary>Every value is ≥ 0.</summary>
    public bool IsNonNegative => Low >= 0;
    /// <summary>Every value is &lt; 0.</summary>
    public bool IsNegative => High < 0 || (High == 0 && HighOpen);
    /// <summary>0 is excluded.</summary>
    public bool ExcludesZero => IsPositive || IsNegative;

    /// <summary>Sum of bounds, rounded outward (∞ − ∞ bounds nothing on that side).</summary>
    public static Interval operator +(Interval a, Interval b)
    {
        var low = AddDown(a.Low, a.LowOpen, b.Low, b.LowOpen);
        var high = AddUp(a.High, a.HighOpen, b.High, b.HighOpen);
        if (double.IsNaN(low.V)) low = (double.NegativeInfinity, true);
        if (double.IsNaN(high.V)) high = (double.PositiveInfinity, true);
        return new Interval(low.V, low.Open, high.V, high.Open);
    }

    /// <summary>Product of bounds, rounded outward.</summary>
    public static Interval operator *(Interval a, Interval b)
    {
        // The extremes are among the four endpoint products; an endpoint is excluded only if every
        // way of reaching it is excluded.
        var (low, lowOpen) = (double.PositiveInfinity, true);
        var (high, highOpen) = (double.NegativeInfinity, true);
        void Corner(double x, bool xOpen, double y, bool yOpen)
        {
            var down = Times(x, xOpen, y, yOpen, false);
            var up = Times(x, xOpen, y, yOpen, true);
            if (down.V < low) (low, lowOpen) = down;
            else if (down.V == low) lowOpen &= down.Open;
            if (up.V > high) (high, highOpen) = up;
            else if (up.V == high) highOpen &= up.Open;
            if (double.IsNaN(down.V) || double.IsNaN(up.V)) (low, high) = (double.NaN, double.NaN);
        }
        Corner(a.Low, a.LowOpen, b.Low, b.LowOpen);
        Corner(a.Low, a.LowOpen, b.High, b.HighOpen);
        Corner(a.High, a.HighOpen, b.Low, b.LowOpen);
        Corner(a.High, a.HighOpen, b.High, b.HighOpen);
        return double.IsNaN(low) || double.IsNaN(high) ? Real : new Interval(low, lowOpen, high, highOpen);
    }

    private static (double V, bool Open) Times(double x, bool xOpen, double y, bool yOpen, bool up)
    {
        // 0·∞ bounds nothing useful: treat it as reaching 0, attained when either zero endpoint is.
        if ((x == 0 && double.IsInfinity(y)) || (y == 0 && double.IsInfinity(x))) return (0, x == 0 ? xOpen : yOpen);
        var open = (x == 0 && !xOpen) || (y == 0 && !yOpen) ? false : xOpen || yOpen;
        return up ? MulUp(x, y, open) : MulDown(x, y, open);
    }

    /// <summary>−x (exact).</summary>
    public Interval Negate() => new(-High, HighOpen, -Low, LowOpen);

    /// <summary>1/x for an interval that excludes zero, rounded outward; all reals otherwise.</summary>
    public Interval Reciprocal()
    {
        if (!ExcludesZero) return Real;
        var low = Inverse(High, HighOpen, up: false);
        var high = Inverse(Low, LowOpen, up: true);
        return new Interval(low.V, low.Open, high.V, high.Open);
    }

    private static (double V, bool Open) Inverse(double x, bool open, bool up)
    {
        if (double.IsInfinity(x)) return (0, true);
        var q = 1 / x;
        // An infinite quotient of a finite x: the exact one is finite but beyond the largest double.
        if (double.IsInfinity(q)) return up ? (q > 0 ? (q, true) : (-double.MaxValue, true)) : (q > 0 ? (double.MaxValue, true) : (q, true));
        if (Math.Abs(q) < Tiny) return up ? (Math.BitIncrement(q), true) : (Math.BitDecrement(q), true);
        // q·x − 1 = x·(q − 1/x): its sign, with x's, says on which side of the exact quotient q lies.
        var e = Math.FusedMultiplyAdd(q, x, -1);
        var error = e == 0 ? 0 : -Math.Sign(e) * Math.Sign(x);
        return up ? Up(q, error, open) : Down(q, error, open);
    }

    /// <summary>xⁿ for a natural n on a non-negative interval, by outward-rounded repeated squaring.</summary>
    public Interval PowNonNegative(int n)
    {
        if (Low < 0) throw new ArgumentException("the interval must be non-negative");
        var low = PowDown(Low, LowOpen, n);
        var high = PowUp(High, HighOpen, n);
        return new Interval(low.V, low.Open, high.V, high.Open);
    }

    // Repeated squaring; every factor is non-negative, so rounding each product down (up) bounds xⁿ.
    private static (double V, bool Open) PowDown(double x, bool open, int n)
    {
        (double V, bool Open) result = (1, false), b = (x, open);
        for (; n > 0; n >>= 1)
        {
            if ((n & 1) == 1) result = MulDown(result.V, b.V, result.Open || b.Open);
            if (n > 1) b = MulDown(b.V, b.V, b.Open);
        }
        return result;
    }

    private static (double V, bool Open) PowUp(double x, bool open, int n)
    {
        (double V, bool Open) result = (1, false), b = (x, open);
        for (; n > 0; n >>= 1)
        {
            if ((n & 1) == 1) result = MulUp(result.V, b.V, result.Open || b.Open);
            if (n > 1) b = MulUp(b.V, b.V, b.Open);
        }
        return result;
    }

    /// <summary>e^x, widened outward (exact at ±∞ and 0), within (0, ∞).</summary>
    public Interval Exp() => Transcendental(Math.Exp, x => x == 0 ? 1 : null, 0, double.PositiveInfinity);

    /// <summary>log x for x ≥ 0, widened outward (exact at 0, 1 and ∞); all reals when x may be negative.</summary>
    public Interval Log() => Low < 0 ? Real : Transcendental(Math.Log, x => x == 1 ? 0 : null, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>tanh x, widened outward, within (−1, 1).</summary>
    public Interval Tanh() => Transcendental(Math.Tanh, x => x == 0 ? 0 : null, -1, 1);

    /// <summary>√x for x ≥ 0 (correctly rounded, so one unit covers it); all reals otherwise.</summary>
    public Interval Sqrt()
    {
        if (Low < 0) return Real;
        var low = Math.Sqrt(Low);
        var high = Math.Sqrt(High);
        // Exact squares stay exact; otherwise step one unit outward.
        var lowExact = double.IsInfinity(low) || low * low == Low && Math.FusedMultiplyAdd(low, low, -Low) == 0;
        var highExact = double.IsInfinity(high) || high * high == High && Math.FusedMultiplyAdd(high, high, -High) == 0;
        return new Interval(lowExact ? low : Math.Max(0, Math.BitDecrement(low)), lowExact ? LowOpen : true,
            highExact ? high : Math.BitIncrement(high), highExact ? HighOpen : true);
    }

    // An increasing function at both endpoints: exact at infinite inputs and at listed points,
    // otherwise two units outward; then clipped to the function's range (open at its ends).
    private Interval Transcendental(Func<double, double> f, Func<double, double?> exactAt, double rangeLow, double rangeHigh)
    {
        var (low, lowOpen) = Endpoint(f, exactAt, Low, LowOpen, up: false);
        var (high, highOpen) = Endpoint(f, exactAt, High, HighOpen, up: true);
        if (low <= rangeLow) (low, lowOpen) = (rangeLow, true);
        if (high >= rangeHigh) (high, highOpen) = (rangeHigh, true);
        return new Interval(low, lowOpen, high, highOpen);
    }

    private static (double V, bool Open) Endpoint(Func<double, double> f, Func<double, double?> exactAt, double x, bool open, bool up)
    {
        if (double.IsInfinity(x)) return (f(x), open);
        if (exactAt(x) is { } exact) return (exact, open);
        var v = f(x);
        for (var k = 0; k < 2; k++) v = up ? Math.BitIncrement(v) : Math.BitDecrement(v);
        return (v, true);
    }

    // Below this magnitude a product or quotient may have underflowed, so its exact error is unknown.
    private const double Tiny = 1e-290;

    private static (double V, bool Open) AddDown(double x, bool xOpen, double y, bool yOpen)
    {
        var open = xOpen || yOpen;
        var s = x + y;
        if (double.IsInfinity(x) || double.IsInfinity(y) || double.IsNaN(s)) return (s, open);
        if (double.IsPositiveInfinity(s)) return (double.MaxValue, true);
        if (double.IsNegativeInfinity(s)) return (s, true);
        return Down(s, TwoSumError(x, y, s), open);
    }

    private static (double V, bool Open) AddUp(double x, bool xOpen, double y, bool yOpen)
    {
        var open = xOpen || yOpen;
        var s = x + y;
        if (double.IsInfinity(x) || double.IsInfinity(y) || double.IsNaN(s)) return (s, open);
        if (double.IsNegativeInfinity(s)) return (-double.MaxValue, true);
        if (double.IsPositiveInfinity(s)) return (s, true);
        return Up(s, TwoSumError(x, y, s), open);
    }

    // Knuth's TwoSum: the exact x + y − s, whose sign says where the exact sum lies.
    private static double TwoSumError(double x, double y, double s)
    {
        var bb = s - x;
        return (x - (s - bb)) + (y - bb);
    }

    private static (double V, bool Open) MulDown(double x, double y, bool open)
    {
        var p = x * y;
        if (double.IsInfinity(x) || double.IsInfinity(y) || double.IsNaN(p) || x == 0 || y == 0) return (p, open);
        if (double.IsPositiveInfinity(p)) return (double.MaxValue, true);
        if (double.IsNegativeInfinity(p)) return (p, true);
        if (Math.Abs(p) < Tiny) return (Math.BitDecrement(p), true);
        return Down(p, Math.FusedMultiplyAdd(x, y, -p), open);
    }

    private static (double V, bool Open) MulUp(double x, double y, bool open)
    {
        var p = x * y;
        if (double.IsInfinity(x) || double.IsInfinity(y) || double.IsNaN(p) || x == 0 || y == 0) return (p, open);
        if (double.IsNegativeInfinity(p)) return (-double.MaxValue, true);
        if (double.IsPositiveInfinity(p)) return (p, true);
        if (Math.Abs(p) < Tiny) return (Math.BitIncrement(p), true);
        return Up(p, Math.FusedMultiplyAdd(x, y, -p), open);
    }

    // r is a rounded result and error the sign (or value) of exact − r.
    private static (double V, bool Open) Down(double r, double error, bool open) =>
        error == 0 ? (r, open) : error > 0 ? (r, true) : (Math.BitDecrement(r), true);

    private static (double V, bool Open) Up(double r, double error, bool open) =>
        error == 0 ? (r, open) : error < 0 ? (r, true) : (Math.BitIncrement(r), true);
}
