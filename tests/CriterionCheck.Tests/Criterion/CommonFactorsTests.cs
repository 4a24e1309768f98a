using CriterionCheck.Criterion;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Symbolics.Polynomials;

namespace CriterionCheck.Tests.Criterion;

/// <summary>The solver's cancellation of common factors: the value is unchanged, and the denominator shrinks where a factor is shared.</summary>
public class CommonFactorsTests
{
    [Theory]
    // expression, denominator degree after cancelling
    [InlineData("(w^2 - 1)^2/(2*w*(2*w^2 - 2))", 0)]   // → w/4 − 1/(4w): the 1/w stays in the (Laurent) numerator
    [InlineData("(w - 1)/(w - 1)^2", 1)]                // one copy of a squared factor goes, the other stays
    [InlineData("(w - 2)*(w + 3)/((w - 2)^2*(w + 1))", 2)]
    [InlineData("(w + 3)/(w - 1)", 1)]                  // nothing shared
    [InlineData("(w^3 - w)/(w^2 - 1)", 0)]              // w(w² − 1)/(w² − 1) = w
    public void Cancelling_keeps_the_value_and_removes_only_shared_factors(string text, int degree)
    {
        var e = ExpressionParser.Parse(text);
        var w = Symbol.Of("w");
        var normalizer = new Normalizer(CriterionCheck.Symbolics.Domains.DomainAssumptions.None);
        var (cancelled, left) = CommonFactors.Cancel(RationalForm.From(normalizer.Apply(e)));
        Assert.Equal(degree, left);
        foreach (var x in new[] { 0.3, 3.0, -2.5, 7.25 })
            Assert.Equal(Evaluator.Evaluate(e, new Dictionary<Expr, double> { [w] = x }), Evaluator.Evaluate(cancelled, new Dictionary<Expr, double> { [w] = x }), 10);
    }
}
