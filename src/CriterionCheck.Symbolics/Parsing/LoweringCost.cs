namespace CriterionCheck.Symbolics.Parsing;

/// <summary>
/// The work lowering a syntax tree will spend against a <see cref="LoweringBudget"/>, computed from the
/// tree and the sizes alone, so that an expression too large to expand is rejected before any of it is.
/// </summary>
public static class LoweringCost
{
    /// <summary>The cost of lowering <paramref name="syntax"/> once, and the span of the sum that dominates it (or the whole expression).</summary>
    public static (long Cost, TextSpan Heaviest) Estimate(Syntax syntax, ExpressionContext context)
    {
        var heaviest = (Cost: -1L, Span: syntax.Span);
        var cost = Visit(syntax, context, ref heaviest);
        return (cost, heaviest.Cost >= 0 ? heaviest.Span : syntax.Span);
    }

    private static long Visit(Syntax syntax, ExpressionContext context, ref (long Cost, TextSpan Span) heaviest)
    {
        switch (syntax)
        {
            case NameSyntax n:
                return Add(1, SumOf(n.Indices, context, ref heaviest));
            case CallSyntax { Name: "sum", Arguments: [BindingSyntax b, var body] } c:
                var size = b.Range switch
                {
                    NameSyntax { Indices.IsEmpty: true } r when context.Sizes.TryGetValue(r.Name, out var named) => named,
                    NumberSyntax { Value: { IsInteger: true } v } when v.Numerator >= 0 && v.Numerator <= int.MaxValue => (long)v.Numerator,
                    _ => 0,
                };
                var total = Multiply(size, Add(1, Visit(body, context, ref heaviest)));
                if (total > heaviest.Cost) heaviest = (total, c.Span);
                return total;
            case CallSyntax c:
                return Add(SumOf(c.Indices, context, ref heaviest), SumOf(c.Arguments, context, ref heaviest));
            case BindingSyntax b:
                return Visit(b.Range, context, ref heaviest);
            case SumSyntax s:
                var sum = 0L;
                foreach (var (_, term) in s.Terms) sum = Add(sum, Visit(term, context, ref heaviest));
                return sum;
            case ProductSyntax p:
                var product = 0L;
                foreach (var (_, factor) in p.Factors) product = Add(product, Visit(factor, context, ref heaviest));
                return product;
            case PowerSyntax p:
                return Add(Visit(p.Base, context, ref heaviest), Visit(p.Exponent, context, ref heaviest));
            case NegateSyntax n:
                return Visit(n.Operand, context, ref heaviest);
            default:
                return 0;
        }
    }

    private static long SumOf(IEnumerable<Syntax> items, ExpressionContext context, ref (long Cost, TextSpan Span) heaviest)
    {
        var total = 0L;
        foreach (var item in items) total = Add(total, Visit(item, context, ref heaviest));
        return total;
    }

    // Saturating arithmetic: an absurd expression costs "a lot", never a wrapped-around negative.
    private const long Cap = long.MaxValue / 4;

    /// <summary>a + b, saturating.</summary>
    public static long Add(long a, long b) => Math.Min(Cap, a + b);

    /// <summary>a · b, saturating.</summary>
    public static long Multiply(long a, long b) => a == 0 || b == 0 ? 0 : a > Cap / b ? Cap : Math.Min(Cap, a * b);
}
