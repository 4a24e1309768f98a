using System.Numerics;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Tests.Properties;
using CriterionCheck.Symbolics.ZeroTesting;
using CsCheck;

namespace CriterionCheck.Symbolics.Tests.ZeroTesting;

/// <summary>
/// Attacks on "proved zero": a proof is a verdict, so no expression that is nonzero somewhere on its
/// domain may ever be proved zero — whatever rounding, tiny or huge constants, products of many
/// factors or narrow bumps it contains. And the exact forms the prover relies on (canonical numeric
/// radicals, outward-rounded bounds) are checked directly.
/// </summary>
public class ProofAttackTests
{
    [Theory]
    [InlineData("sqrt(8) - 2*sqrt(2)")]
    [InlineData("sqrt(2)*sqrt(3) - sqrt(6)")]
    [InlineData("4^(1/3) - 2^(2/3)")]
    [InlineData("sqrt(1/2) - sqrt(2)/2")]
    [InlineData("sqrt(12) - 2*sqrt(3)")]
    [InlineData("2^(4/3)*2^(4/3) - 4*2^(2/3)")]
    [InlineData("(sqrt(2) + sqrt(3))^2 - 5 - 2*sqrt(6)")]
    [InlineData("72^(1/2) - 6*sqrt(2)")]
    [InlineData("(2/3)^(1/2)*sqrt(6) - 2")]
    public void Numeric_radicals_have_one_canonical_form(string text) =>
        Assert.True(new ZeroTest().Prove(TestSupport.Parse(text)), text);

    // Each is nonzero somewhere on the declared domains; the comment says where.
    [Theory]
    [InlineData("abs(x - 1e-400) - x + 1e-400", "x:positive")]          // x < 10^-400
    [InlineData("abs(x - 1e-320) - x + 1e-320", "x:positive")]          // a subnormal double
    [InlineData("abs(x - 3e-17) - x + 3e-17", "x:positive")]            // below double resolution of 1
    [InlineData("sign(x - 1e-400) - 1", "x:positive")]
    [InlineData("sqrt((x - 1e-400)^2) - x + 1e-400", "x:positive")]
    [InlineData("abs(p - 1/2) - p + 1/2", "p:unit")]                    // p < 1/2
    [InlineData("abs(p*s - 1e-300) - p*s + 1e-300", "p:unit,s:positive")]
    [InlineData("abs(x - 10^400) - x + 10^400", "x:positive")]          // x < 10^400
    [InlineData("abs(10^400 - x) - 10^400 + x", "x:positive")]          // x > 10^400
    [InlineData("exp(-1000*z^2)", "")]
    [InlineData("exp(-10^6*z^2) - 0", "")]
    [InlineData("z1*z2*z3*z4*z5*z6*z7*z8*z9*z10*z11*z12*z13*z14*z15*z16", "")]
    [InlineData("sigmoid(x) - 1", "")]
    [InlineData("sigmoid(10^400*x) - 1", "x:positive")]                 // < 1 for every x
    [InlineData("logit(p) - log(p)", "p:unit")]
    [InlineData("log(1 - p - q) - log(1 - p) - log(1 - q)", "p:unit,q:unit")]
    public void Never_proves_an_expression_that_is_nonzero_somewhere(string text, string assumptions)
    {
        var e = TestSupport.Parse(text);
        Assert.False(new ZeroTest(TestSupport.Assumptions(assumptions)).Prove(e), $"'proved' {text} zero");
    }

    // The other side: where the sign is known exactly, even across a gap no double can show, it is used.
    [Theory]
    [InlineData("abs(1 + x - 1/10^400) - 1 - x + 1/10^400", "x:positive")]  // 1 + x − 10^−400 > 0
    [InlineData("abs(x + 1e-400) - x - 1e-400", "x:positive")]
    [InlineData("sign(1/10^400) - 1", "")]
    [InlineData("abs(1 - p - q) - 1 + p + q", "simplex:p,q")]                // the last weight of a simplex row
    public void Proves_identities_whose_sign_conditions_hold_exactly(string text, string assumptions)
    {
        var domains = assumptions.StartsWith("simplex:")
            ? DomainAssumptions.None.WithSimplex(assumptions["simplex:".Length..].Split(',').Select(n => Symbol.Of(n)))
            : TestSupport.Assumptions(assumptions);
        Assert.True(new ZeroTest(domains).Prove(TestSupport.Parse(text)), text);
    }

    [Fact]
    public void Random_expressions_shifted_by_tiny_or_huge_constants_are_never_proved_zero()
    {
        var s = ExpressionGenerators.S;
        var assumptions = TestSupport.Assumptions(ExpressionGenerators.Domains);
        var gen = Gen.Select(ExpressionGenerators.Smooth, Gen.Int[0, 5], Gen.Int[-400, 400], Gen.Int[1, 9]);
        Property.ForAll(gen, 2024, 400, (c, _) =>
        {
            var (e, form, exponent, digit) = c;
            var t = Number.Of(new Rational(digit) * (exponent >= 0 ? new Rational(BigInteger.Pow(10, exponent)) : new Rational(1, BigInteger.Pow(10, -exponent))));
            // Each form is nonzero somewhere: s (positive) can be below any t > 0, e·0 + t is t.
            var u = Power.Of(s, 2) * FunctionCall.Exp(e);
            Expr nonzero = form switch
            {
                0 => FunctionCall.Abs(u - t) - u + t,
                1 => FunctionCall.Sign(u - t) - 1,
                2 => FunctionCall.Sqrt(Power.Of(u - t, 2)) - u + t,
                3 => e - (e + t),
                4 => FunctionCall.Exp(-t * Power.Of(e, 2)) * t,
                _ => FunctionCall.Sqrt(u + t) * FunctionCall.Sqrt(u + t) - u,
            };
            Assert.False(new ZeroTest(assumptions).Prove(nonzero), $"'proved' {nonzero} zero");
        });
    }

    [Fact]
    public void Outward_rounded_intervals_contain_the_exact_results()
    {
        var random = new Random(31);
        Rational Draw()
        {
            var scale = random.Next(-420, 420);
            var mantissa = new Rational(random.Next(-1_000_000, 1_000_000), random.Next(1, 1000));
            return scale >= 0 ? mantissa * new Rational(BigInteger.Pow(10, scale)) : mantissa / new Rational(BigInteger.Pow(10, -scale));
        }
        static bool Contains(Interval i, Rational x) =>
            (double.IsNegativeInfinity(i.Low) || (i.LowOpen ? Rational.FromDouble(i.Low) < x : Rational.FromDouble(i.Low) <= x)) &&
            (double.IsPositiveInfinity(i.High) || (i.HighOpen ? x < Rational.FromDouble(i.High) : x <= Rational.FromDouble(i.High)));
        for (var k = 0; k < 3000; k++)
        {
            var (a, b) = (Draw(), Draw());
            var (ia, ib) = (Interval.Enclosing(a), Interval.Enclosing(b));
            Assert.True(Contains(ia, a), $"{a} outside its enclosure {ia}");
            Assert.True(Contains(ia + ib, a + b), $"{a} + {b} outside {ia + ib}");
            Assert.True(Contains(ia * ib, a * b), $"{a} · {b} outside {ia * ib}");
            if (!b.IsZero) Assert.True(Contains(ib.Reciprocal(), Rational.One / b), $"1/{b} outside {ib.Reciprocal()}");
            var n = random.Next(2, 9);
            var abs = a.Abs();
            Assert.True(Contains(Interval.Enclosing(abs).PowNonNegative(n), abs.Pow(n)), $"{abs}^{n} outside");
        }
    }
}
