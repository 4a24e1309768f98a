using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.EntropySum;

/// <summary>
/// For display only: the normal form splits logarithms (log(2πeσ²)/2 becomes log 2/2 + log π/2 +
/// log σ²/2 + 1/2); readers expect them together. Within a sum, log terms with the same rational
/// coefficient r are joined into r·log(Π arguments), and a constant k with k/r a whole number n joins
/// them as eⁿ. Logarithm arguments are positive wherever the expression is defined, so the value is
/// unchanged; tests check that numerically.
/// </summary>
public static class LogCompaction
{
    /// <summary><paramref name="e"/> with the logarithms of each sum joined.</summary>
    public static Expr Compact(Expr e)
    {
        switch (e)
        {
            case Sum s:
            {
                var terms = s.Terms.Select(Compact).ToList();
                var logs = terms.Select((t, i) => (Index: i, Log: AsLog(t))).Where(x => x.Log is not null).ToList();
                var groups = logs.GroupBy(x => x.Log!.Value.Coefficient).Where(g => g.Count() > 1 || !s.Constant.IsZero).ToList();
                if (groups.Count == 0) return Sum.Of([Number.Of(s.Constant), .. terms]);
                var best = groups.OrderByDescending(g => g.Count()).First();
                var r = best.Key;
                var arguments = best.Select(x => x.Log!.Value.Argument).ToList();
                var constant = s.Constant;
                var n = constant / r;
                if (!constant.IsZero && n.IsInteger && n > 0 && n <= 3)
                {
                    arguments.Add(Power.Of(FunctionCall.Exp(Number.One), Number.Of(n)));
                    constant = Rational.Zero;
                }
                if (arguments.Count < 2) return Sum.Of([Number.Of(s.Constant), .. terms]);
                var used = best.Select(x => x.Index).ToHashSet();
                var joined = Product.Of(Number.Of(r), FunctionCall.Log(Product.Of(arguments)));
                return Sum.Of([Number.Of(constant), joined, .. terms.Where((_, i) => !used.Contains(i))]);
            }
            case Product p:
                return Product.Of(p.Children.Select(Compact));
            default:
                return e;
        }
    }

    // r·log(a) → (r, a).
    private static (Rational Coefficient, Expr Argument)? AsLog(Expr t) => t switch
    {
        FunctionCall { Function: FunctionKind.Log } f => (Rational.One, f.Argument),
        Product { Factors: [FunctionCall { Function: FunctionKind.Log } f] } p => (p.Coefficient, f.Argument),
        _ => null,
    };
}
