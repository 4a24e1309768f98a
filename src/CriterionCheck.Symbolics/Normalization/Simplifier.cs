using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Polynomials;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Symbolics.Normalization;

/// <summary>
/// What <c>criterion-check simplify</c> shows: the domain-normalised form, 0 when the zero test proves
/// it zero, and the combined fraction N/D with common polynomial factors cancelled instead when that
/// is smaller (1/(1/a + 1/b) → a·b/(a + b), (a² − b²)/(a − b) → a + b).
/// No search: a fixed pipeline, so the result is predictable.
/// </summary>
public static class Simplifier
{
    /// <summary>The simplified form of <paramref name="e"/> under <paramref name="assumptions"/>.</summary>
    public static Expr Simplify(Expr e, DomainAssumptions? assumptions = null)
    {
        assumptions ??= DomainAssumptions.None;
        var normal = new Normalizer(assumptions).Apply(e);
        if (normal is Number) return normal;
        if (new ZeroTest(assumptions).Prove(normal)) return Number.Zero;
        try
        {
            var combined = RationalForm.From(normal).Cancel().ToExpr();
            if (Size(combined) < Size(normal)) return combined;
        }
        catch (ExpansionLimitException) { }
        return normal;
    }

    /// <summary>The number of nodes in <paramref name="e"/>.</summary>
    public static int Size(Expr e)
    {
        var n = 0;
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            n++;
            foreach (var c in x.Children) stack.Push(c);
        }
        return n;
    }
}
