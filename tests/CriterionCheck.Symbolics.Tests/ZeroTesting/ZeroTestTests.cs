using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Symbolics.Tests.ZeroTesting;

public class ZeroTestTests
{
    [Theory]
    [InlineData("x - y", "")]
    [InlineData("sigmoid(a) - 1/2", "")]
    [InlineData("log(a*b) - log(a) - log(b) + 1/1000000", "a:positive,b:positive")]
    [InlineData("f(z; w) - f(y; w)", "")]
    [InlineData("f(z; w) - g(z; w)", "")]
    public void Nonzero_expressions_come_with_a_witness_where_they_are_nonzero(string text, string assumptions)
    {
        var e = TestSupport.Parse(text);
        var result = new ZeroTest(TestSupport.Assumptions(assumptions)).Run(e);
        Assert.Equal(ZeroTestOutcome.Nonzero, result.Outcome);
        Assert.NotNull(result.Witness);
        Assert.NotEqual(0, result.WitnessValue);
    }

    [Fact]
    public void A_rational_nonzero_expression_is_found_nonzero_exactly()
    {
        var result = ZeroTest.Test(TestSupport.Parse("(x + 1)^2 - x^2 - 2*x - 1 + 1/10^30"));
        Assert.Equal(ZeroTestOutcome.Nonzero, result.Outcome);
        Assert.Equal(1.0, result.WitnessValue / 1e-30, 12);
    }

    [Fact]
    public void An_identity_beyond_the_prover_is_probably_zero()
    {
        // Γ(x+1) = x·Γ(x): true, but lgamma's recurrence is not a rewrite rule.
        var result = ZeroTest.Test(TestSupport.Parse("lgamma(x + 1) - lgamma(x) - log(x)"), TestSupport.Assumptions("x:positive"));
        Assert.Equal(ZeroTestOutcome.ProbablyZero, result.Outcome);
    }

    [Fact]
    public void Log_of_a_product_of_reals_is_not_split_without_positivity()
    {
        // log(ab) = log a + log b fails for a, b < 0, so with real a, b it must not be proved.
        var e = TestSupport.Parse("log(a*b) - log(a) - log(b)");
        Assert.False(new ZeroTest().Prove(e));
    }

    [Fact]
    public void Undefined_everywhere_is_undecided()
    {
        var result = new ZeroTest(TestSupport.Assumptions("x:positive")).Run(TestSupport.Parse("log(-x) - log(-x)^2"));
        Assert.Equal(ZeroTestOutcome.Undecided, result.Outcome);
    }

    [Fact]
    public void The_witness_is_a_point_where_the_expression_is_nonzero()
    {
        var e = TestSupport.Parse("sigmoid(a) - sigmoid(b)");
        var result = ZeroTest.Test(e);
        Assert.Equal(result.WitnessValue, Evaluator.Evaluate(e, result.Witness!), 12);
    }

    [Fact]
    public void Exact_evaluation_handles_rationals_without_rounding()
    {
        var e = TestSupport.Parse("x/3 + y^2");
        var value = ExactEvaluator.TryEvaluate(e, new Dictionary<Expr, Rational> { [Symbol.Of("x")] = new(1, 7), [Symbol.Of("y")] = new(2, 3) });
        Assert.Equal(new Rational(31, 63), value);
    }
}
