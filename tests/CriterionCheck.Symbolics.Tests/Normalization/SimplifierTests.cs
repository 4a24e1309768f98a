using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Printing;

namespace CriterionCheck.Symbolics.Tests.Normalization;

public class SimplifierTests
{
    [Theory]
    [InlineData("(a^2 - b^2)/(a - b)", "", "a + b")]
    [InlineData("(x^3 - 1)/(x - 1)", "", "x^2 + x + 1")]
    [InlineData("1/(1/a + 1/b)", "", "a*b/(a + b)")]
    [InlineData("sigmoid(x) + sigmoid(-x) - 1", "", "0")]
    [InlineData("log(a*b)", "a:positive,b:positive", "log(a) + log(b)")]
    [InlineData("log(a*b)", "a:positive", "log(a) + log(b)")]
    [InlineData("log(a*b)", "", "log(a*b)")]
    [InlineData("exp(a)*exp(b)", "", "exp(a + b)")]
    [InlineData("exp(log(s)/2)", "s:positive", "sqrt(s)")]
    [InlineData("abs(s)", "s:positive", "s")]
    [InlineData("abs(-1 - s)", "s:positive", "s + 1")]
    [InlineData("sign(1 - p)", "p:unit", "1")]
    [InlineData("sigmoid(logit(p))", "p:unit", "p")]
    [InlineData("sigmoid(logit(x))", "", "sigmoid(logit(x))")]
    [InlineData("softplus(logit(p))", "p:unit", "-log(1 - p)")]
    [InlineData("softplus(logit(x))", "", "softplus(logit(x))")]
    [InlineData("log(2*pi*e*s)", "s:positive", "log(2) + log(pi) + log(s) + 1")]
    [InlineData("log(12)", "", "2*log(2) + log(3)")]
    [InlineData("sqrt(x^2)", "", "abs(x)")]
    [InlineData("sqrt(s*p)", "s:positive,p:unit", "sqrt(p)*sqrt(s)")]
    [InlineData("sqrt(-2*s)", "s:positive", "sqrt(-2*s)")]
    public void Simplify(string input, string assumptions, string expected) =>
        Assert.Equal(expected, TextPrinter.Print(Simplifier.Simplify(TestSupport.Parse(input), TestSupport.Assumptions(assumptions))));
}
