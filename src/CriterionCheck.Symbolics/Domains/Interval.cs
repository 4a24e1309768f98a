namespace CriterionCheck.Symbolics.Domains;

/// <summary>
/// Bounds on a real quantity: it lies between <see cref="Low"/> and <see cref="High"/>, excluding an
/// endpoint marked open. Used only to decide signs, so double endpoints suffice.
/// </summary>
public readonly record struct Interval(double Low, bool LowOpen, double High, bool HighOpen)
{
    /// <summary>All reals.</summary>
    public static readonly Interval Real = new(double.NegativeInfinity, true, double.PositiveInfinity, true);
    /// <summary>(0, ∞).</summary>
    public static readonly Interval Positive = new(0, true, double.PositiveInfinity, true);
    /// <summary>(0, 1).</summary>
    public static readonly Interval Unit = new(0, true, 1, true);

    /// <summary>The single point <paramref name="x"/>.</summary>
    public static Interval Point(double x) => new(x, false, x, false);

    /// <summary>Every value is &gt; 0.</summary>
    public bool IsPositive => Low > 0 || (Low == 0 && LowOpen);
    /// <summary>Every value is ≥ 0.</summary>
    public bool IsNonNegative => Low >= 0;
    /// <summary>Every value is &lt; 0.</summary>
    public bool IsNegative => High < 0 || (High == 0 && HighOpen);
    /// <summary>0 is excluded.</summary>
    public bool ExcludesZero => IsPositive || IsNegative;

    /// <summary>Sum of bounds.</summary>
    public static Interval operator +(Interval a, Interval b) =>
        new(a.Low + b.Low, a.LowOpen || b.LowOpen, a.High + b.High, a.HighOpen || b.HighOpen);

    /// <summary>Product of bounds.</summary>
    public static Interval operator *(Interval a, Interval b)
    {
        (double V, bool Open)[] candidates =
        [
            Times(a.Low, a.LowOpen, b.Low, b.LowOpen), Times(a.Low, a.LowOpen, b.High, b.HighOpen),
            Times(a.High, a.HighOpen, b.Low, b.LowOpen), Times(a.High, a.HighOpen, b.High, b.HighOpen),
        ];
        var lo = candidates.Min(c => c.V);
        var hi = candidates.Max(c => c.V);
        if (double.IsNaN(lo) || double.IsNaN(hi)) return Real;
        // An endpoint is excluded only if every way of reaching it is excluded.
        var loOpen = candidates.Where(c => c.V == lo).All(c => c.Open);
        var hiOpen = candidates.Where(c => c.V == hi).All(c => c.Open);
        return new Interval(lo, loOpen, hi, hiOpen);
    }

    private static (double, bool) Times(double x, bool xOpen, double y, bool yOpen)
    {
        // 0·∞ bounds nothing useful: treat it as reaching 0, attained when either zero endpoint is.
        if ((x == 0 && double.IsInfinity(y)) || (y == 0 && double.IsInfinity(x))) return (0, (x == 0 ? xOpen : yOpen));
        var v = x * y;
        var open = (x == 0 && !xOpen) || (y == 0 && !yOpen) ? false : xOpen || yOpen;
        return (v, open);
    }

    /// <summary>The image under an increasing function.</summary>
    public Interval MapIncreasing(Func<double, double> f) => new(f(Low), LowOpen, f(High), HighOpen);

    /// <summary>−x.</summary>
    public Interval Negate() => new(-High, HighOpen, -Low, LowOpen);

    /// <summary>1/x for an interval that excludes zero; all reals otherwise.</summary>
    public Interval Reciprocal()
    {
        if (!ExcludesZero) return Real;
        return new Interval(1 / High, HighOpen || double.IsInfinity(High), 1 / Low, LowOpen || double.IsInfinity(Low));
    }
}
