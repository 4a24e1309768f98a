using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNetSF = MathNet.Numerics.SpecialFunctions;

namespace CriterionCheck.Symbolics.Tests.Evaluation;

/// <summary>Double evaluation of built-in functions against independent values.</summary>
public class EvaluatorTests
{
    private const double EulerGamma = 0.5772156649015329;

    public static TheoryData<string, double, double> ClosedForms => new()
    {
        // expression at x, expected value (closed forms from the literature)
        { "digamma(x)", 1, -EulerGamma },
        { "digamma(x)", 0.5, -EulerGamma - 2 * Math.Log(2) },
        { "trigamma(x)", 1, Math.PI * Math.PI / 6 },
        { "trigamma(x)", 0.5, Math.PI * Math.PI / 2 },
        { "polygamma(2, x)", 1, -2 * 1.2020569031595942 },
        { "polygamma(3, x)", 1, Math.Pow(Math.PI, 4) / 15 },
        { "lgamma(x)", 0.5, 0.5 * Math.Log(Math.PI) },
        { "lgamma(x)", 10, 12.801827480081469 },
        { "sigmoid(x)", 0, 0.5 },
        { "sigmoid(x)", -800, 0 },
        { "softplus(x)", 800, 800 },
        { "softplus(x)", 0, 0.6931471805599453 },
        { "logit(x)", 0.5, 0 },
        { "tanh(x)", 0.5, 0.46211715726000974 },
        { "sqrt(x)", 2, 1.4142135623730951 },
        { "e^x", 1, Math.E },
        { "pi*x", 1, Math.PI },
    };

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void Built_in_functions_match_closed_form_values(string text, double x, double expected)
    {
        var value = Evaluator.Evaluate(TestSupport.Parse(text), new Dictionary<Expr, double> { [Symbol.Of("x")] = x });
        Assert.Equal(expected, value, 1e-13 * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.7)]
    [InlineData(1.5)]
    [InlineData(3.25)]
    [InlineData(12.0)]
    [InlineData(250.0)]
    public void Gamma_family_matches_MathNet(double x)
    {
        var point = new Dictionary<Expr, double> { [Symbol.Of("x")] = x };
        Assert.Equal(MathNetSF.GammaLn(x), Evaluator.Evaluate(TestSupport.Parse("lgamma(x)"), point), 1e-12 * Math.Max(1, Math.Abs(MathNetSF.GammaLn(x))));
        Assert.Equal(MathNetSF.DiGamma(x), Evaluator.Evaluate(TestSupport.Parse("digamma(x)"), point), 1e-12 * Math.Max(1, Math.Abs(MathNetSF.DiGamma(x))));
    }

    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(1, 2.5)]
    [InlineData(2, 0.8)]
    [InlineData(3, 4.0)]
    [InlineData(4, 1.7)]
    public void Polygamma_of_order_n_is_the_derivative_of_order_n_minus_1(int n, double x)
    {
        // Central difference of ψ⁽ⁿ⁻¹⁾ with Richardson extrapolation.
        double F(double at) => SpecialFunctions.Polygamma(n - 1, at);
        var h = 1e-3 * x;
        var d1 = (F(x + h) - F(x - h)) / (2 * h);
        var d2 = (F(x + h / 2) - F(x - h / 2)) / h;
        var estimate = (4 * d2 - d1) / 3;
        var value = SpecialFunctions.Polygamma(n, x);
        Assert.True(Math.Abs(value - estimate) <= 1e-7 * Math.Abs(value), $"ψ^({n})({x}) = {value}, finite difference {estimate}");
    }

    [Fact]
    public void Values_outside_a_real_domain_are_NaN_not_exceptions()
    {
        var point = new Dictionary<Expr, double> { [Symbol.Of("x")] = -1 };
        Assert.True(double.IsNaN(Evaluator.Evaluate(TestSupport.Parse("log(x)"), point)));
        Assert.True(double.IsNaN(Evaluator.Evaluate(TestSupport.Parse("sqrt(x)"), point)));
        Assert.True(double.IsNaN(Evaluator.Evaluate(TestSupport.Parse("lgamma(x)"), point)));
    }

    [Fact]
    public void A_missing_value_is_a_symbolic_error()
    {
        var e = Assert.Throws<SymbolicException>(() => Evaluator.Evaluate(TestSupport.Parse("x + y"), new Dictionary<Expr, double> { [Symbol.Of("x")] = 1 }));
        Assert.Contains("no value given for y", e.Message);
    }
}
