using CriterionCheck.Symbolics.Printing;

namespace CriterionCheck.Symbolics.Tests.Printing;

public class PrinterTests
{
    [Theory]
    [InlineData("b + a", "a + b")]
    [InlineData("x + x + 2*x", "4*x")]
    [InlineData("1 - sigmoid(a)", "1 - sigmoid(a)")]
    [InlineData("x - 1", "x - 1")]
    [InlineData("-(a - b)", "b - a")]
    [InlineData("a/(b*c)", "a/(b*c)")]
    [InlineData("3*x/2", "3*x/2")]
    [InlineData("0.5*x", "x/2")]
    [InlineData("-x^2", "-x^2")]
    [InlineData("(-2)^x", "(-2)^x")]
    [InlineData("(1/2)^x", "(1/2)^x")]
    [InlineData("x^-1", "1/x")]
    [InlineData("x^(1/2)", "sqrt(x)")]
    [InlineData("1/sqrt(x)", "1/sqrt(x)")]
    [InlineData("x/6/(y + 1)", "x/6/(y + 1)")]
    [InlineData("x/(6*(y + 1))", "x/(6*y + 6)")]
    [InlineData("x^(2/3)", "x^(2/3)")]
    [InlineData("exp(1)", "e")]
    [InlineData("2*pi", "2*pi")]
    [InlineData("digamma(x) + trigamma(x) + polygamma(3, x)", "digamma(x) + trigamma(x) + polygamma(3, x)")]
    [InlineData("W[d,h]*z[h]", "W[d,h]*z[h]")]
    [InlineData("f(z; w)", "f(z; w)")]
    [InlineData("f(; w)", "f(; w)")]
    [InlineData("f'[2](z; w)", "f'[2](z; w)")]
    [InlineData("(a + b)^2", "(a + b)^2")]
    [InlineData("x^y^z", "x^(y^z)")]
    [InlineData("1e-3", "1/1000")]
    public void Text(string input, string expected) =>
        Assert.Equal(expected, TextPrinter.Print(TestSupport.Parse(input)));

    [Theory]
    [InlineData("mu[d]/sigma2", @"\frac{\mu_{d}}{\sigma^{2}}")]
    [InlineData("log(2*pi*e*sigma2)/2", @"\frac{\log\left(2 \pi \sigma^{2} e\right)}{2}")]
    [InlineData("sqrt(x + 1)", @"\sqrt{x + 1}")]
    [InlineData("exp(-x)", @"e^{-x}")]
    [InlineData("exp(a + b)", @"\exp\left(a + b\right)")]
    [InlineData("abs(x)", @"\left|x\right|")]
    [InlineData("digamma(alpha) - log(beta)", @"\psi\left(\alpha\right) - \log\left(\beta\right)")]
    [InlineData("lgamma(alpha)", @"\log\Gamma\left(\alpha\right)")]
    [InlineData("W[d,h]*z[h]", @"W_{d,h} z_{h}")]
    [InlineData("f'[1](z; w)", @"\partial_{1} f\left(z; w\right)")]
    [InlineData("log(x)^2", @"\left(\log\left(x\right)\right)^{2}")]
    [InlineData("x1 + foo", @"\mathit{foo} + x1")]
    [InlineData("z1[2] + mu_2[1] + W3x[1,2] + lambda1 + H1", @"H1 + \mathit{W3x}_{1,2} + \lambda1 + {\mu_{2}}_{1} + z1_{2}")]
    [InlineData("-1/2", @"-\frac{1}{2}")]
    public void Latex(string input, string expected) =>
        Assert.Equal(expected, LatexPrinter.Print(TestSupport.Parse(input)));
}
