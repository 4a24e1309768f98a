using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Tests.Properties;
using CsCheck;
using MathNetSF = MathNet.Numerics.SpecialFunctions;

namespace CriterionCheck.Symbolics.Tests.Evaluation;

public class SpecialFunctionsTests
{
    // Cases come from a fixed PCG seed through Property.ForAll (CsCheck's Sample re-seeds after its first case).
    private const ulong Seed = 2001;

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(
            error <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E3}, tolerance {tolerance:E1})");
    }

    // ---- Polygamma family: closed forms -------------------------------------------------------------------

    public static TheoryData<int, double, double> ClosedForms => new()
    {
        { 0, 1.0, -0.5772156649015329 },                   // ψ(1) = −γ
        { 0, 0.5, -1.9635100260214235 },                   // ψ(1/2) = −γ − 2 ln 2
        { 1, 1.0, Math.PI * Math.PI / 6 },                 // ψ′(1) = π²/6
        { 1, 0.5, Math.PI * Math.PI / 2 },                 // ψ′(1/2) = π²/2
        { 2, 1.0, -2.4041138063191885 },                   // ψ″(1) = −2ζ(3)
        { 3, 1.0, Math.Pow(Math.PI, 4) / 15 },             // ψ‴(1) = π⁴/15
        { 1, 2.0, Math.PI * Math.PI / 6 - 1 },             // ψ′(2) = π²/6 − 1
        { 0, -0.5, 0.03648997397857652 },                  // ψ(−1/2) = ψ(1/2) + 2 = 2 − γ − 2 ln 2
    };

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void Polygamma_MatchesClosedForms(int n, double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.Polygamma(n, x), 1e-14);
    }

    [Theory]
    [InlineData(1.0, -0.5772156649015329)]
    [InlineData(0.5, -1.9635100260214235)]
    public void Digamma_MatchesClosedForms(double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.Digamma(x), 1e-15);
    }

    [Theory]
    [InlineData(1.0, 1.6449340668482264)]
    [InlineData(0.5, 4.934802200544679)]
    public void Trigamma_MatchesClosedForms(double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.Trigamma(x), 1e-15);
    }

    // ---- Polygamma family: high-precision reference values ------------------------------------------------

    // Reference values computed with mpmath.polygamma at 40 significant digits, rounded to double.
    [Theory]
    [InlineData(0, 0.25, -4.2274535333762655)]
    [InlineData(0, 1.5, 0.03648997397857652)]
    [InlineData(0, 1.3, -0.16919088886679962)]
    [InlineData(0, 1.4616321449683622, -9.241265521729427e-17)] // the double nearest the zero of ψ
    [InlineData(0, 3.7, 1.1671535393615113)]
    [InlineData(0, 10.0, 2.251752589066721)]
    [InlineData(0, 123.456, 4.811829323828985)]
    [InlineData(0, 1e-08, -100000000.57721564)]
    [InlineData(0, 1e10, 23.025850929890456)]
    [InlineData(0, -0.5, 0.03648997397857652)]
    [InlineData(0, -2.25, 4.158583564657972)]
    [InlineData(0, -10.7, 0.13374481244706443)]
    [InlineData(0, -1000000.5, 13.815511557963816)]
    [InlineData(1, 0.1, 101.43329915079275)]
    [InlineData(1, 2.5, 0.49035775610023485)]
    [InlineData(1, 7.25, 0.14787923315893217)]
    [InlineData(1, 40.0, 0.02531510384129103)]
    [InlineData(1, 1e8, 1.000000005e-08)]
    [InlineData(1, -0.5, 8.934802200544679)]
    [InlineData(1, -3.3, 14.817739525515929)]
    [InlineData(2, 0.3, -75.27253658872604)]
    [InlineData(2, 2.0, -0.4041138063191886)]
    [InlineData(2, 17.5, -0.0034572203720343105)]
    [InlineData(2, -1.5, -0.2362040516417274)]
    [InlineData(2, -4.25, 123.98126436732758)]
    [InlineData(3, 0.5, 97.40909103400244)]
    [InlineData(3, 5.0, 0.021427828192755075)]
    [InlineData(3, -2.5, 194.74787621918762)]
    [InlineData(4, 0.3, -9883.46855549699)]
    [InlineData(4, 1.25, -8.375388637933733)]
    [InlineData(4, -0.75, -24483.2395861688)]
    [InlineData(5, 2.0, 2.081167438133897)]
    [InlineData(10, 2.5, -156.229596593233)]
    [InlineData(10, -0.5, -42108.85876897549)]
    [InlineData(30, 7.0, -1708712.5806024882)]
    [InlineData(50, 0.5, -6.848644940502395e+79)]
    [InlineData(100, 60.0, -2.9377271655593164e-22)]
    [InlineData(100, 8000.0, -4.610165589369956e-235)]
    public void Polygamma_MatchesHighPrecisionReference(int n, double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.Polygamma(n, x), 1e-13);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.75)]
    [InlineData(9.5)]
    [InlineData(31.0)]
    [InlineData(1234.5)]
    [InlineData(-0.3)]
    [InlineData(-3.7)]
    public void Digamma_AgreesWithMathNet(double x)
    {
        AssertRelative(MathNetSF.DiGamma(x), SpecialFunctions.Digamma(x), 1e-12);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(3.5)]
    [InlineData(-1.25)]
    public void DigammaAndTrigamma_AreOrdersZeroAndOneOfPolygamma(double x)
    {
        Assert.Equal(SpecialFunctions.Polygamma(0, x), SpecialFunctions.Digamma(x));
        Assert.Equal(SpecialFunctions.Polygamma(1, x), SpecialFunctions.Trigamma(x));
    }

    // ---- Polygamma family: derivative and recurrence consistency ------------------------------------------

    public static TheoryData<int, double> DerivativePoints
    {
        get
        {
            var data = new TheoryData<int, double>();
            foreach (int n in new[] { 1, 2, 3, 4 })
            {
                foreach (double x in new[] { 0.3, 1.0, 2.5, 7.25, 23.5, 140.0, -0.5, -2.3, -5.6 })
                {
                    data.Add(n, x);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DerivativePoints))]
    public void Polygamma_IsTheDerivativeOfTheOrderBelow(int n, double x)
    {
        // Fourth-order central difference of ψ⁽ⁿ⁻¹⁾, with a step scaled to the distance from the nearest pole.
        double distanceToPole = x > 0 ? x : Math.Abs(x - Math.Round(x));
        double h = 1e-3 * Math.Min(1.0, distanceToPole);
        double F(double t) => SpecialFunctions.Polygamma(n - 1, t);
        double difference = (F(x - 2 * h) - 8 * F(x - h) + 8 * F(x + h) - F(x + 2 * h)) / (12 * h);

        AssertRelative(difference, SpecialFunctions.Polygamma(n, x), 1e-6);
    }

    [Fact]
    public void Polygamma_SatisfiesTheRecurrence()
    {
        // ψ⁽ⁿ⁾(x + 1) = ψ⁽ⁿ⁾(x) + (−1)ⁿ n! / xⁿ⁺¹, on both sides of zero (x < 0 exercises the reflection formula
        // and, for −1 < x < 0, ties it to the positive-argument algorithm). Points within 0.01 of a pole are
        // skipped so that rounding x + 1 cannot move the argument by a significant relative amount.
        Property.ForAll(Gen.Select(Gen.Int[0, 6], Gen.Double[-40.0, 60.0])
            .Where(t => Math.Abs(t.Item2 - Math.Round(t.Item2)) > 0.01 || t.Item2 > 0.5), Seed, 500, (t, _) =>
            {
                var (n, x) = t;
                double step = (n % 2 == 0 ? 1.0 : -1.0) * MathNetSF.Factorial(n) / Math.Pow(x, n + 1);
                double lhs = SpecialFunctions.Polygamma(n, x + 1);
                double rhs = SpecialFunctions.Polygamma(n, x) + step;
                double scale = Math.Abs(lhs) + Math.Abs(SpecialFunctions.Polygamma(n, x)) + Math.Abs(step);
                Assert.True(Math.Abs(lhs - rhs) <= 1e-12 * scale, $"ψ^({n}) recurrence at {x}: {lhs} vs {rhs}");
            });
    }

    // ---- Polygamma family: domain edges -------------------------------------------------------------------

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(0, -1.0)]
    [InlineData(1, -7.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, -2.0)]
    [InlineData(0, double.NaN)]
    [InlineData(1, double.NegativeInfinity)]
    public void Polygamma_IsNaNAtPolesAndOutsideTheDomain(int n, double x)
    {
        Assert.True(double.IsNaN(SpecialFunctions.Polygamma(n, x)));
    }

    [Fact]
    public void Polygamma_AtPositiveInfinity()
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Polygamma(0, double.PositiveInfinity));
        Assert.Equal(0.0, SpecialFunctions.Polygamma(1, double.PositiveInfinity));
        Assert.Equal(0.0, SpecialFunctions.Polygamma(4, double.PositiveInfinity));
    }

    [Fact]
    public void Polygamma_NearZeroAndForLargeArguments_StaysAccurate()
    {
        // ψ(x) ≈ −1/x − γ and ψ′(x) ≈ 1/x² near zero; ψ′(x) ≈ 1/x for huge x (no spurious underflow of 1/x²).
        AssertRelative(-1e300, SpecialFunctions.Digamma(1e-300), 1e-15);
        AssertRelative(1e200, SpecialFunctions.Trigamma(1e-100), 1e-15);
        AssertRelative(1e-200, SpecialFunctions.Trigamma(1e200), 1e-15);
        AssertRelative(Math.Log(1e300), SpecialFunctions.Digamma(1e300), 1e-15);
        // Beyond n = 170, n! overflows but ψ⁽ⁿ⁾ need not: ψ⁽²⁰⁰⁾(1000) = −4.35…e−228 (mpmath).
        AssertRelative(-4.3508192705971016e-228, SpecialFunctions.Polygamma(200, 1000.0), 1e-12);
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Trigamma(1e-200));
    }

    [Fact]
    public void Polygamma_RejectsNegativeOrder()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.Polygamma(-1, 1.0));
    }

    // ---- LogGamma -----------------------------------------------------------------------------------------

    // Reference values log|Γ(x)| from mpmath at 40 significant digits, rounded to double.
    [Theory]
    [InlineData(0.5, 0.5723649429247001)]
    [InlineData(2.5, 0.2846828704729192)]
    [InlineData(10.0, 12.801827480081469)]
    [InlineData(1e5, 1051287.7089736569)]
    [InlineData(-0.5, 1.2655121234846454)]
    [InlineData(-2.5, -0.056243716497674054)]
    [InlineData(-10.3, -14.457515440024208)]
    public void LogGamma_MatchesReference(double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.LogGamma(x), 1e-13);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(-12.0)]
    public void LogGamma_IsPositiveInfinityAtPoles(double x)
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(x));
    }

    [Fact]
    public void LogGamma_IsZeroAtOneAndTwo()
    {
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1.0));
        Assert.Equal(0.0, SpecialFunctions.LogGamma(2.0));
    }

    // ---- Sigmoid, Softplus, Logit -------------------------------------------------------------------------

    [Fact]
    public void Sigmoid_IsFiniteAndCorrectAtExtremeArguments()
    {
        Assert.Equal(1.0, SpecialFunctions.Sigmoid(1000));
        Assert.Equal(0.0, SpecialFunctions.Sigmoid(-1000));
        Assert.Equal(1.0, SpecialFunctions.Sigmoid(double.PositiveInfinity));
        Assert.Equal(0.0, SpecialFunctions.Sigmoid(double.NegativeInfinity));
        Assert.Equal(0.5, SpecialFunctions.Sigmoid(0));
        // In the lower tail σ(a) ≈ e^a keeps full relative accuracy.
        AssertRelative(9.85967654375977e-305, SpecialFunctions.Sigmoid(-700), 1e-14);
        AssertRelative(0.9999999999999998, SpecialFunctions.Sigmoid(36), 1e-16);
    }

    [Fact]
    public void Softplus_IsFiniteAndCorrectAtExtremeArguments()
    {
        Assert.Equal(1000.0, SpecialFunctions.Softplus(1000));
        Assert.Equal(0.0, SpecialFunctions.Softplus(-1000));
        Assert.Equal(40.0, SpecialFunctions.Softplus(40));
        AssertRelative(Math.Log(2), SpecialFunctions.Softplus(0), 1e-16);
        // log(1 + e^a) ≈ e^a for very negative a: must not round to zero.
        AssertRelative(9.85967654375977e-305, SpecialFunctions.Softplus(-700), 1e-14);
        AssertRelative(Math.Exp(-40), SpecialFunctions.Softplus(-40), 1e-15);
    }

    [Fact]
    public void Sigmoid_IsSymmetric()
    {
        Property.ForAll(Gen.Double[-40.0, 40.0], Seed + 1, 500, (a, _) =>
            Assert.True(Math.Abs(SpecialFunctions.Sigmoid(a) + SpecialFunctions.Sigmoid(-a) - 1.0) <= 4.5e-16, $"fails at {a}"));
    }

    [Fact]
    public void Softplus_DifferenceIsTheArgument()
    {
        // softplus(a) − softplus(−a) = a.
        Property.ForAll(Gen.Double[-700.0, 700.0], Seed + 2, 500, (a, _) =>
            Assert.True(Math.Abs(SpecialFunctions.Softplus(a) - SpecialFunctions.Softplus(-a) - a) <= 1e-14 * Math.Max(1.0, Math.Abs(a)), $"fails at {a}"));
    }

    [Theory]
    [InlineData(-700.0)]
    [InlineData(-30.0)]
    [InlineData(-1.0)]
    [InlineData(-1e-3)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void Logit_InvertsSigmoid(double a)
    {
        AssertRelative(a, SpecialFunctions.Logit(SpecialFunctions.Sigmoid(a)), 1e-12);
    }

    [Fact]
    public void Logit_InvertsSigmoid_Property()
    {
        // For a > 0, σ(a) is within one rounding of 1 and 1 − σ(a) ≈ e^−a carries a relative error of about
        // 2⁻⁵³ eᵃ, which logit passes on as an absolute error; for a ≤ 0 the round trip is essentially exact.
        Property.ForAll(Gen.Double[-700.0, 20.0], Seed + 3, 500, (a, _) =>
            Assert.True(Math.Abs(SpecialFunctions.Logit(SpecialFunctions.Sigmoid(a)) - a) <= 1e-14 * Math.Max(1.0, Math.Abs(a)) + 2.3e-16 * Math.Exp(a), $"fails at {a}"));
    }

    [Fact]
    public void Logit_EdgeCases()
    {
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.Logit(0.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Logit(1.0));
        Assert.Equal(0.0, SpecialFunctions.Logit(0.5));
        Assert.True(double.IsNaN(SpecialFunctions.Logit(-0.1)));
        Assert.True(double.IsNaN(SpecialFunctions.Logit(1.1)));
        Assert.True(double.IsNaN(SpecialFunctions.Logit(double.NaN)));
        // Near 1/2 the result is tiny; it must keep its relative accuracy: logit(1/2 + ε) = 4ε (1 + O(ε²)).
        double epsilon = Math.ScaleB(1.0, -30);
        AssertRelative(4 * epsilon, SpecialFunctions.Logit(0.5 + epsilon), 1e-15);
        AssertRelative(-4 * epsilon, SpecialFunctions.Logit(0.5 - epsilon), 1e-15);
        // Deep in the lower tail logit(p) ≈ log p.
        AssertRelative(Math.Log(1e-300), SpecialFunctions.Logit(1e-300), 1e-15);
    }
}
