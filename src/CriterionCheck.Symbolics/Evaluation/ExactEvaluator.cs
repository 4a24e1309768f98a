using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Evaluation;

/// <summary>Evaluates rational expressions exactly (numbers, symbols, +, ·, integer powers).</summary>
public static class ExactEvaluator
{
    /// <summary>True when <paramref name="e"/> is built only from rational operations.</summary>
    public static bool IsRational(Expr e) => e switch
    {
        Number or Symbol => true,
        Sum or Product => e.Children.All(IsRational),
        Power p => p.Exponent is Number { Value.IsInteger: true } && IsRational(p.Base),
        _ => false,
    };

    /// <summary>
    /// The exact value of <paramref name="e"/>, or null when it is not rational, a symbol has no value,
    /// or a denominator vanishes at this point.
    /// </summary>
    public static Rational? TryEvaluate(Expr e, IReadOnlyDictionary<Expr, Rational> values)
    {
        switch (e)
        {
            case Number n: return n.Value;
            case Symbol s: return values.TryGetValue(s, out var v) ? v : null;
            case Sum s:
            {
                var total = s.Constant;
                foreach (var t in s.Terms)
                {
                    if (TryEvaluate(t, values) is not { } tv) return null;
                    total += tv;
                }
                return total;
            }
            case Product p:
            {
                var total = p.Coefficient;
                foreach (var f in p.Factors)
                {
                    if (TryEvaluate(f, values) is not { } fv) return null;
                    total *= fv;
                }
                return total;
            }
            case Power { Exponent: Number { Value: { IsInteger: true } k } } p when k.Numerator >= -10_000 && k.Numerator <= 10_000:
            {
                if (TryEvaluate(p.Base, values) is not { } b) return null;
                if (b.IsZero && k.Sign < 0) return null;
                return b.Pow((int)k.Numerator);
            }
            default: return null;
        }
    }
}
