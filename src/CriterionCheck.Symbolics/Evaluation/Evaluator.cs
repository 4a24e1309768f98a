using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Evaluation;

/// <summary>Looks up the value of symbol <paramref name="symbol"/>; false when it has none.</summary>
public delegate bool SymbolValues(Symbol symbol, out double value);

/// <summary>Evaluates an expression in double precision at given values of its symbols.</summary>
public static class Evaluator
{
    /// <summary>
    /// The value of <paramref name="e"/> with symbols taken from <paramref name="values"/>. Opaque calls are
    /// valued by <paramref name="opaque"/> (given the call and its evaluated arguments). Outside a
    /// function's real domain the result is NaN, as for <see cref="Math.Log(double)"/>.
    /// </summary>
    /// <exception cref="SymbolicException">A symbol without a value, or an opaque call with no evaluator.</exception>
    public static double Evaluate(Expr e, IReadOnlyDictionary<Expr, double> values, Func<OpaqueCall, double[], double>? opaque = null) =>
        Evaluate(e, values.TryGetValue, opaque);

    /// <summary>
    /// The value of <paramref name="e"/> with symbols looked up by <paramref name="values"/>: lets a caller
    /// layer or scale a large point without copying it.
    /// </summary>
    /// <exception cref="SymbolicException">A symbol without a value, or an opaque call with no evaluator.</exception>
    public static double Evaluate(Expr e, SymbolValues values, Func<OpaqueCall, double[], double>? opaque = null) =>
        Visit(e, values, opaque, []);

    private static double Visit(Expr e, SymbolValues values, Func<OpaqueCall, double[], double>? opaque, Dictionary<Expr, double> cache)
    {
        if (e is Number n) return n.Value.ToDouble();
        if (e is Symbol symbol) return values(symbol, out var value) ? value : throw new SymbolicException($"no value given for {symbol}");
        // Only nodes above the leaves are worth remembering (shared subexpressions); symbols are one lookup.
        if (cache.TryGetValue(e, out var known)) return known;
        double result;
        switch (e)
        {
            case Constant c: result = c.Value; break;
            case Sum s:
                result = s.Constant.ToDouble();
                foreach (var t in s.Terms) result += Visit(t, values, opaque, cache);
                break;
            case Product p:
                result = p.Coefficient.ToDouble();
                foreach (var f in p.Factors) result *= Visit(f, values, opaque, cache);
                break;
            case Power p: result = Pow(Visit(p.Base, values, opaque, cache), p.Exponent, values, opaque, cache); break;
            case FunctionCall f: result = Apply(f, Visit(f.Argument, values, opaque, cache)); break;
            case KroneckerDelta d: result = Visit(d.A, values, opaque, cache) == Visit(d.B, values, opaque, cache) ? 1 : 0; break;
            case IndexedSum s:
            {
                var upper = Visit(s.Upper, values, opaque, cache);
                if (!(upper >= 0 && upper <= 1e7) || upper != Math.Floor(upper)) throw new SymbolicException($"the range of a sum is not a whole number here ({upper})");
                result = 0;
                for (var k = 1; k <= (int)upper; k++) result += Visit(s.At(Number.Of(k)), values, opaque, cache);
                break;
            }
            case MatrixFunction m:
            {
                var entries = new double[m.Entries.Length];
                for (var i = 0; i < entries.Length; i++) entries[i] = Visit(m.Entries[i], values, opaque, cache);
                var inverse = MatrixValues.InverseAndLogDeterminant(entries, m.Side);
                result = m.Kind == MatrixFunctionKind.InverseEntry ? inverse[m.Row * m.Side + m.Column] : inverse[^1];
                break;
            }
            case OpaqueCall o:
                if (opaque is null) throw new SymbolicException($"no definition given for the opaque function {o.Name}");
                result = opaque(o, [.. o.Arguments.Select(a => Visit(a, values, opaque, cache))]);
                break;
            default: throw new InvalidOperationException("unknown expression node " + e.GetType().Name);
        }
        if (!IsSimpleProduct(e)) cache[e] = result;
        return result;
    }

    // Products of symbols (w·z) are as cheap to recompute as to look up, and there are many of them.
    private static bool IsSimpleProduct(Expr e)
    {
        if (e is not Product p) return false;
        foreach (var f in p.Factors)
            if (f is not Symbol) return false;
        return true;
    }

    private static double Pow(double b, Expr exponent, SymbolValues values, Func<OpaqueCall, double[], double>? opaque, Dictionary<Expr, double> cache)
    {
        if (exponent is Number { Value: var r })
        {
            if (r.IsInteger && BigIntFits(r)) return IntegerPower(b, (long)r.Numerator);
            if (r == Rational.Half) return Math.Sqrt(b);
            if (r == -Rational.Half) return 1 / Math.Sqrt(b);
        }
        return Math.Pow(b, Visit(exponent, values, opaque, cache));
    }

    private static bool BigIntFits(Rational r) => r.Numerator >= int.MinValue && r.Numerator <= int.MaxValue;

    private static double IntegerPower(double b, long n) => n switch
    {
        1 => b,
        2 => b * b,
        -1 => 1 / b,
        _ => Math.Pow(b, n),
    };

    /// <summary>The value of built-in <paramref name="f"/> at <paramref name="x"/>.</summary>
    public static double Apply(FunctionCall f, double x) => f.Function switch
    {
        FunctionKind.Exp => Math.Exp(x),
        FunctionKind.Log => Math.Log(x),
        FunctionKind.Abs => Math.Abs(x),
        FunctionKind.Sign => double.IsNaN(x) ? double.NaN : Math.Sign(x),
        FunctionKind.Tanh => Math.Tanh(x),
        FunctionKind.Sigmoid => SpecialFunctions.Sigmoid(x),
        FunctionKind.Logit => SpecialFunctions.Logit(x),
        FunctionKind.Softplus => SpecialFunctions.Softplus(x),
        FunctionKind.LogGamma => x > 0 ? SpecialFunctions.LogGamma(x) : double.NaN,
        FunctionKind.Polygamma => SpecialFunctions.Polygamma(f.PolygammaOrder, x),
        _ => throw new InvalidOperationException("unknown function " + f.Function),
    };
}
