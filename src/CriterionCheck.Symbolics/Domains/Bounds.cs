using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Domains;

/// <summary>
/// Interval bounds of an expression under declared domains, by interval arithmetic. Sound but not
/// tight: "positive" answers are proofs, "unknown" means only that the bound was not good enough.
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
            case Number n: return Interval.Point(n.Value.ToDouble());
            case Constant c: return new Interval(Math.BitDecrement(c.Value), false, Math.BitIncrement(c.Value), false);
            case Symbol s:
                return assumptions.Of(s) switch
                {
                    Domain.Positive => Interval.Positive,
                    Domain.UnitInterval => Interval.Unit,
                    _ => Interval.Real,
                };
            case Sum s:
            {
                var acc = Interval.Point(s.Constant.ToDouble());
                foreach (var t in s.Terms) acc += Of(t);
                return acc;
            }
            case Product p:
            {
                var acc = Interval.Point(p.Coefficient.ToDouble());
                foreach (var f in p.Factors) acc *= Of(f);
                return acc;
            }
            case Power p: return PowerBounds(Of(p.Base), p.Exponent);
            case FunctionCall f: return FunctionBounds(f);
            default: return Interval.Real;
        }
    }

    private Interval PowerBounds(Interval b, Expr exponent)
    {
        if (exponent is not Number { Value: var r })
            return b.IsPositive ? Interval.Positive : Interval.Real;
        if (r.IsInteger)
        {
            var n = (double)r.Numerator;
            var magnitude = Math.Abs(n);
            Interval m;
            if (b.IsNonNegative) m = b.MapIncreasing(x => Math.Pow(x, magnitude));
            else if (r.Numerator.IsEven)
            {
                var low = b.High <= 0 ? Math.Pow(-b.High, magnitude) : 0;
                var lowOpen = b.High <= 0 ? b.HighOpen : false;
                m = new Interval(low, lowOpen, Math.Pow(Math.Max(-b.Low, b.High), magnitude), false);
                if (double.IsInfinity(m.High)) m = m with { HighOpen = true };
            }
            else if (b.High <= 0) m = b.Negate().MapIncreasing(x => Math.Pow(x, magnitude)).Negate();
            else m = b.MapIncreasing(x => Math.Sign(x) * Math.Pow(Math.Abs(x), magnitude));
            return n >= 0 ? m : m.Reciprocal();
        }
        // Fractional powers are defined only for non-negative bases in the reals.
        var clipped = new Interval(Math.Max(0, b.Low), b.Low > 0 ? b.LowOpen : b.Low == 0 && b.LowOpen, b.High, b.HighOpen);
        if (clipped.High < 0) return Interval.Real;
        var q = r.ToDouble();
        var mapped = clipped.MapIncreasing(x => Math.Pow(x, Math.Abs(q)));
        return q > 0 ? mapped : mapped.Reciprocal();
    }

    private Interval FunctionBounds(FunctionCall f)
    {
        var x = Of(f.Argument);
        switch (f.Function)
        {
            case FunctionKind.Exp:
            {
                var m = x.MapIncreasing(Math.Exp);
                return m with { LowOpen = m.LowOpen || m.Low == 0 };
            }
            case FunctionKind.Log:
                return x.Low >= 0 ? x.MapIncreasing(Math.Log) : Interval.Real;
            case FunctionKind.Sigmoid:
            {
                var m = x.MapIncreasing(v => 1 / (1 + Math.Exp(-v)));
                return m with { LowOpen = m.LowOpen || m.Low == 0, HighOpen = m.HighOpen || m.High == 1 };
            }
            case FunctionKind.Softplus:
            {
                var m = x.MapIncreasing(v => v > 30 ? v : Math.Log(1 + Math.Exp(v)));
                return m with { LowOpen = m.LowOpen || m.Low == 0 };
            }
            case FunctionKind.Tanh:
                return x.MapIncreasing(Math.Tanh) with { LowOpen = true, HighOpen = true };
            case FunctionKind.Abs:
                if (x.IsNonNegative) return x;
                if (x.High <= 0) return x.Negate();
                return new Interval(0, false, Math.Max(-x.Low, x.High), false);
            case FunctionKind.Sign:
                return x.IsPositive ? Interval.Point(1) : x.IsNegative ? Interval.Point(-1) : new Interval(-1, false, 1, false);
            case FunctionKind.Logit:
                return x.Low >= 0 && x.High <= 1 ? x.MapIncreasing(v => Math.Log(v / (1 - v))) : Interval.Real;
            default: return Interval.Real;
        }
    }
}
