using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Domains;

/// <summary>
/// Rigorous interval bounds of an expression under declared domains, by outward-rounded interval
/// arithmetic (<see cref="Interval"/>): every rational constant is enclosed exactly, every operation
/// rounds away from the exact result. Sound but not tight: "positive" answers are proofs, "unknown"
/// means only that the bound was not good enough. The weights of a simplex row are known to sum to
/// less than one, so 1 − π₁ − π₂ (the last weight) is positive.
/// </summary>
public sealed class Bounds(DomainAssumptions assumptions)
{
    private readonly Dictionary<Expr, Interval> cache = new();

    /// <summary>True when <paramref name="e"/> is provably &gt; 0.</summary>
    public bool IsPositive(Expr e) => Of(e).IsPositive;

    /// <summary>True when <paramref name="e"/> is provably ≥ 0.</summary>
    public bool IsNonNegative(Expr e) => Of(e).IsNonNegative;

    /// <summary>True when <paramref name="e"/> is provably &lt; 0.</summary>
    public bool IsNegative(Expr e) => Of(e).IsNegative;

    /// <summary>True when <paramref name="e"/> is provably ≠ 0.</summary>
    public bool ExcludesZero(Expr e) => Of(e).ExcludesZero;

    /// <summary>An interval containing every value of <paramref name="e"/>.</summary>
    public Interval Of(Expr e)
    {
        if (cache.TryGetValue(e, out var known)) return known;
        var result = Compute(e);
        cache[e] = result;
        return result;
    }

    private Interval Compute(Expr e)
    {
        switch (e)
        {
            case Number n: return Interval.Enclosing(n.Value);
            // The double nearest π is within one unit of π.
            case Constant c: return new Interval(Math.BitDecrement(c.Value), true, Math.BitIncrement(c.Value), true);
            case Symbol { Indices.IsEmpty: true } size when assumptions.Sizes.Contains(size.Name):
                return new Interval(1, false, double.PositiveInfinity, true);
            case Symbol s:
                return assumptions.Of(s) switch
                {
                    Domain.Positive => Interval.Positive,
                    Domain.UnitInterval => Interval.Unit,
                    _ => Interval.Real,
                };
            case Sum s: return SumBounds(s);
            case Product p:
            {
                var acc = Interval.Enclosing(p.Coefficient);
                foreach (var f in p.Factors) acc *= Of(f);
                return acc;
            }
            case Power p: return PowerBounds(Of(p.Base), p.Exponent);
            case FunctionCall f: return FunctionBounds(f);
            // A simplex row's free weights sum to less than 1, and to 0 when there are none (C = 1).
            case IndexedSum s when IsSimplexRow(s): return new Interval(0, false, 1, true);
            // max(U, 0) terms each within the body's bounds: U ≥ 1 is known only for a range whose
            // bounds say so (a size); otherwise the sum may be empty, so 0 is a possible value.
            case IndexedSum s:
                return Of(s.Body) * (Of(s.Upper).Low >= 1 ? new Interval(1, false, double.PositiveInfinity, true) : new Interval(0, false, double.PositiveInfinity, true));
            default: return Interval.Real;
        }
    }

    private Interval SumBounds(Sum s)
    {
        var terms = s.Terms.ToList();
        var constant = s.Constant;
        var acc = Interval.Point(0);
        // c − Σ_{k∈T} π_k with T inside one simplex row and c ≥ 1: (c − 1) + (a weight sum in (0, 1)).
        if (constant >= Rational.One && (assumptions.Simplices.Count > 0 || assumptions.SimplexBlocks.Count > 0))
        {
            var row = assumptions.Simplices.FirstOrDefault(r => terms.Any(t => t is Product { Coefficient: var k, Factors: [Symbol w] } && k == Rational.MinusOne && r.Contains(w)));
            var taken = row is null ? [] : terms.Where(t => t is Product { Coefficient: var k, Factors: [Symbol w] } && k == Rational.MinusOne && row.Contains(w)).ToList();
            // A symbolic row: 1 − Σ_{c=1}^{C−1} π[c] is the last weight.
            if (taken.Count == 0) taken = [.. terms.Where(t => t is Product { Coefficient: var k, Factors: [IndexedSum s] } && k == Rational.MinusOne && IsSimplexRow(s)).Take(1)];
            if (taken.Count > 0)
            {
                acc = Interval.Unit;
                constant -= Rational.One;
                terms.RemoveAll(taken.Contains);
            }
        }
        acc += Interval.Enclosing(constant);
        foreach (var t in terms) acc += Of(t);
        return acc;
    }

    // Σ_{c=1}^{C−1} π[…, c] with π a simplex block whose last axis has size C: the free weights of one row.
    private bool IsSimplexRow(IndexedSum s) =>
        s.Body is Symbol { Indices.Length: > 0 } w && w.Indices[^1].Equals(s.Index) && w.Indices.SkipLast(1).All(i => !i.Contains(s.Index))
        && assumptions.SimplexBlocks.TryGetValue(w.Name, out var size) && s.Upper.Equals(size - Number.One);

    private static Interval PowerBounds(Interval b, Expr exponent)
    {
        if (exponent is not Number { Value: var r })
            return b.IsPositive ? Interval.Positive : Interval.Real;
        if (r.IsInteger)
        {
            if (r.Numerator > int.MaxValue || r.Numerator < -int.MaxValue) return b.IsPositive ? Interval.Positive : Interval.Real;
            var n = (int)r.Numerator;
            var magnitude = Math.Abs(n);
            Interval m;
            if (b.IsNonNegative) m = b.PowNonNegative(magnitude);
            else if (b.High <= 0) m = b.Negate().PowNonNegative(magnitude);
            else
            {
                // Straddling zero: |b| ranges over [0, max(−low, high)], the top excluded when every end reaching it is.
                var reach = Math.Max(-b.Low, b.High);
                var open = (-b.Low < reach || b.LowOpen) && (b.High < reach || b.HighOpen);
                var top = new Interval(0, false, reach, open).PowNonNegative(magnitude);
                m = magnitude % 2 == 0 ? top : new Interval(-top.High, top.HighOpen, top.High, top.HighOpen);
            }
            if (magnitude % 2 == 1 && b.High <= 0) m = m.Negate();
            return n >= 0 ? m : m.Reciprocal();
        }
        // Fractional powers are defined only for non-negative bases in the reals.
        if (b.High < 0) return Interval.Real;
        var clipped = b.Low >= 0 ? b : new Interval(0, false, b.High, b.HighOpen);
        Interval mapped;
        if (r.Abs() == Rational.Half) mapped = clipped.Sqrt();
        else if (clipped.IsPositive) mapped = (clipped.Log() * Interval.Enclosing(r.Abs())).Exp();
        else
        {
            // x^q for x ≥ 0, q > 0: from 0 up to the bound at the top endpoint.
            var top = new Interval(clipped.High, clipped.HighOpen, clipped.High, clipped.HighOpen);
            var atTop = double.IsPositiveInfinity(clipped.High) ? Interval.Positive : (top.Log() * Interval.Enclosing(r.Abs())).Exp();
            mapped = new Interval(0, clipped.LowOpen, atTop.High, atTop.HighOpen);
        }
        return r.Sign > 0 ? mapped : mapped.Reciprocal();
    }

    private Interval FunctionBounds(FunctionCall f)
    {
        var x = Of(f.Argument);
        switch (f.Function)
        {
            case FunctionKind.Exp: return x.Exp();
            case FunctionKind.Log: return x.Log();
            case FunctionKind.Sigmoid:
            {
                // σ(x) = 1/(1 + e^−x), composed from rigorous parts and kept inside (0, 1).
                var m = (Interval.Point(1) + x.Negate().Exp()).Reciprocal();
                return Clip(m, 0, 1);
            }
            case FunctionKind.Softplus:
            {
                var m = (Interval.Point(1) + x.Exp()).Log();
                return m.Low <= 0 ? m with { Low = 0, LowOpen = true } : m;
            }
            case FunctionKind.Tanh: return x.Tanh();
            case FunctionKind.Abs:
                if (x.IsNonNegative) return x;
                if (x.High <= 0) return x.Negate();
                return new Interval(0, false, Math.Max(-x.Low, x.High), false);
            case FunctionKind.Sign:
                return x.IsPositive ? Interval.Point(1) : x.IsNegative ? Interval.Point(-1) : new Interval(-1, false, 1, false);
            case FunctionKind.Logit:
            {
                if (x.Low < 0 || x.High > 1) return Interval.Real;
                // logit p = log p − log(1 − p), increasing on (0, 1).
                var complement = Interval.Point(1) + x.Negate();
                var low = Interval.Point(x.Low).Log() + Interval.Point(complement.High).Log().Negate();
                var high = Interval.Point(x.High).Log() + Interval.Point(complement.Low).Log().Negate();
                return new Interval(low.Low, low.LowOpen || x.LowOpen, high.High, high.HighOpen || x.HighOpen);
            }
            default: return Interval.Real;
        }
    }

    private static Interval Clip(Interval m, double low, double high) => new(
        m.Low <= low ? low : m.Low, m.Low <= low || m.LowOpen,
        m.High >= high ? high : m.High, m.High >= high || m.HighOpen);
}
