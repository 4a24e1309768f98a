namespace CriterionCheck.Symbolics.Parsing;

/// <summary>
/// A limit on the work of lowering, shared by every expression of one input (a spec file), so that
/// nested sums over large ranges end in an error instead of running for hours.
/// </summary>
/// <param name="limit">How many names and summation terms may be produced in all.</param>
public sealed class LoweringBudget(long limit)
{
    /// <summary>The total allowed.</summary>
    public long Limit { get; } = limit;

    /// <summary>What is left.</summary>
    public long Remaining { get; private set; } = limit;

    /// <summary>Fails at once when <paramref name="count"/> more units could not fit, so nested sums over huge ranges stop before any work.</summary>
    /// <exception cref="ExpressionException">The limit would be exceeded.</exception>
    public void Require(long count, TextSpan span)
    {
        if (count > Remaining) throw TooLarge(span);
    }

    /// <summary>Uses one unit; past the limit, an error at <paramref name="span"/>.</summary>
    /// <exception cref="ExpressionException">The limit is exceeded.</exception>
    public void Spend(TextSpan span)
    {
        if (--Remaining < 0) throw TooLarge(span);
    }

    private ExpressionException TooLarge(TextSpan span) =>
        new($"the model is too large: expanding it takes more than {Limit:N0} terms (reduce the dims)", span);
}
