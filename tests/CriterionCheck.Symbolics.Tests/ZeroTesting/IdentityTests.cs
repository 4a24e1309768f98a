using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Symbolics.Tests.ZeroTesting;

/// <summary>
/// Identities the zero test must prove ("proved zero" for lhs − rhs). A row with a variable compares
/// d(lhs)/d(variable) with rhs. Each row is also checked numerically, so a wrong row cannot pass.
/// </summary>
public class IdentityTests
{
    public static TheoryData<string, string, string, string> Identities => new()
    {
        // lhs, d/d-variable ("" for none), rhs, assumptions
        // --- the identities issue 2 names ---
        { "logit(sigmoid(a))", "", "a", "" },
        { "m/s", "s", "-m/s^2", "" },
        { "log(pi/(1-pi))", "pi", "1/(pi*(1-pi))", "pi:unit" },
        { "-1/(2*sigma2)", "sigma2", "1/(2*sigma2^2)", "sigma2:positive" },
        { "sigmoid(a)", "a", "sigmoid(a)*(1 - sigmoid(a))", "" },
        { "log(exp(a+b))", "", "a + b", "" },
        { "exp(log(x))", "", "x", "x:positive" },
        { "log(a*b)", "", "log(a) + log(b)", "a:positive,b:positive" },
        { "(a^2 - b^2)/(a - b)", "", "a + b", "" },
        { "lgamma(alpha) - alpha*log(beta)", "alpha", "digamma(alpha) - log(beta)", "alpha:positive,beta:positive" },
        { "softplus(a) - softplus(-a)", "", "a", "" },
        { "lambda - x*log(lambda)", "lambda", "1 - x/lambda", "lambda:positive" },
        { "1/(1/a + 1/b)", "", "a*b/(a + b)", "" },
        { "sigmoid(-a)", "", "1 - sigmoid(a)", "" },
        // --- logistic family ---
        { "tanh(x)", "x", "1 - tanh(x)^2", "" },
        { "tanh(x)", "", "2*sigmoid(2*x) - 1", "" },
        { "softplus(x)", "x", "sigmoid(x)", "" },
        { "log(sigmoid(a))", "", "-softplus(-a)", "" },
        { "log(1 - sigmoid(a))", "", "-softplus(a)", "" },
        { "sigmoid(a)", "", "exp(a)/(1 + exp(a))", "" },
        { "sigmoid(x) + sigmoid(-x)", "", "1", "" },
        { "logit(p)", "", "log(p) - log(1 - p)", "p:unit" },
        { "logit(p)", "p", "1/(p*(1 - p))", "p:unit" },
        { "sigmoid(logit(p))", "", "p", "p:unit" },
        // --- exp and log ---
        { "exp(a)*exp(b)", "", "exp(a + b)", "" },
        { "exp(2*a)", "", "exp(a)^2", "" },
        { "exp(3*log(x))", "", "x^3", "x:positive" },
        { "log(x^3)", "", "3*log(x)", "x:positive" },
        { "log(x/y)", "", "log(x) - log(y)", "x:positive,y:positive" },
        { "log(6)", "", "log(2) + log(3)", "" },
        { "log(8)", "", "3*log(2)", "" },
        { "log(2*pi*e*s)", "", "log(2) + log(pi) + 1 + log(s)", "s:positive" },
        { "log(2*pi*e*s)/2", "", "1/2 + log(2*pi*s)/2", "s:positive" },
        { "e^x", "", "exp(x)", "" },
        { "x^y", "y", "x^y*log(x)", "x:positive" },
        { "x^y", "x", "y*x^(y - 1)", "x:positive" },
        // --- powers and roots ---
        { "sqrt(x)^2", "", "x", "x:positive" },
        { "sqrt(x^2)", "", "x", "x:positive" },
        { "sqrt(x^2)", "", "abs(x)", "" },
        { "2^(1/2)*2^(1/2)", "", "2", "" },
        { "(sqrt(2) + 1)^2", "", "3 + 2*sqrt(2)", "" },
        { "x^(1/2)*x^(1/3)", "", "x^(5/6)", "x:positive" },
        { "abs(-3*x)", "", "3*abs(x)", "" },
        { "abs(x)", "x", "sign(x)", "" },
        // --- polynomial and rational algebra ---
        { "(a + b)^2", "", "a^2 + 2*a*b + b^2", "" },
        { "(a + b)^3 - (a - b)^3", "", "6*a^2*b + 2*b^3", "" },
        { "1/a - 1/b", "", "(b - a)/(a*b)", "" },
        { "a/(a + b) + b/(a + b)", "", "1", "" },
        { "1/(x - 1) - 1/(x + 1)", "", "2/(x^2 - 1)", "" },
        { "(x^3 - 1)/(x - 1)", "", "x^2 + x + 1", "" },
        // --- special functions ---
        { "digamma(x)", "x", "trigamma(x)", "x:positive" },
        { "trigamma(x)", "x", "polygamma(2, x)", "x:positive" },
        { "lgamma(x)", "x", "digamma(x)", "x:positive" },
        // --- the criterion's own computations ---
        { "mu/sigma2", "sigma2", "-mu/sigma2^2", "sigma2:positive" },
        { "-sigma2*(-mu/sigma2^2)", "", "mu/sigma2", "sigma2:positive" },
        { "softplus(eta)", "eta", "sigmoid(eta)", "" },
        { "1/(pi*(1-pi)) * (pi*(1-pi)*log(pi/(1-pi)))", "", "log(pi/(1-pi))", "pi:unit" },
        { "f(z; w)^2", "z", "2*f(z; w)*f'[1](z; w)", "" },
        { "f(2*z; w)", "z", "2*f'[1](2*z; w)", "" },
        { "sum(h in 3, x[h]*W[1,h])", "", "x[1]*W[1,1] + x[2]*W[1,2] + x[3]*W[1,3]", "" },
    };

    [Theory]
    [MemberData(nameof(Identities))]
    public void Lhs_minus_rhs_is_proved_zero(string lhs, string variable, string rhs, string assumptions)
    {
        var declared = TestSupport.Declared(assumptions).ToArray();
        var domains = TestSupport.Assumptions(assumptions);
        var left = TestSupport.Parse(lhs, declared);
        if (variable.Length > 0) left = Differentiator.Differentiate(left, TestSupport.Parse(variable, declared));
        var right = TestSupport.Parse(rhs, declared);
        var difference = left - right;

        AssertNumericallyZero(difference, domains);
        Assert.Equal(ZeroTestOutcome.ProvedZero, new ZeroTest(domains).Run(difference).Outcome);
    }

    [Fact]
    public void The_table_has_the_fourteen_named_identities_and_at_least_thirty_more() =>
        Assert.True(Identities.Count >= 44, $"only {Identities.Count} identities");

    // Independent of the prover: the row must hold at random points of its domains.
    private static void AssertNumericallyZero(Expr e, DomainAssumptions domains)
    {
        var random = new Random(7);
        var checkedPoints = 0;
        for (var k = 0; k < 40 && checkedPoints < 10; k++)
        {
            var point = e.Symbols().ToDictionary(s => (Expr)s, s => domains.Of(s) switch
            {
                Domain.Positive => 0.2 + 2 * random.NextDouble(),
                Domain.UnitInterval => 0.1 + 0.8 * random.NextDouble(),
                _ => 4 * random.NextDouble() - 2,
            });
            var opaque = new Dictionary<string, double>();
            double Opaque(OpaqueCall c, double[] args) =>
                // A concrete smooth stand-in with matching derivative atoms: f(u; w) = sin(u)·w, etc.
                c.Derivatives.IsEmpty ? Math.Sin(args[0]) * args[1]
                : c.Derivatives.SequenceEqual([1]) ? Math.Cos(args[0]) * args[1]
                : c.Derivatives.SequenceEqual([2]) ? Math.Sin(args[0]) : double.NaN;
            var v = Evaluator.Evaluate(e, point, Opaque);
            if (!double.IsFinite(v)) continue;
            checkedPoints++;
            Assert.True(Math.Abs(v) < 1e-9, $"row is false at a point: value {v}");
        }
        Assert.True(checkedPoints >= 5, "row could not be checked numerically");
    }
}
