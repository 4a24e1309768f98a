using MathNetSF = MathNet.Numerics.SpecialFunctions;

namespace CriterionCheck.Symbolics.Evaluation;

/// <summary>
/// Numerically careful double-precision special functions used when evaluating expressions:
/// the logistic family (sigmoid, logit, softplus) and the gamma family (log-gamma, digamma,
/// trigamma, polygamma).
/// </summary>
/// <remarks>
/// Poles and domain errors give IEEE values instead of exceptions (NaN outside the domain,
/// ±∞ where the true value is infinite or overflows), so a whole expression can be evaluated
/// without guarding each call. Only a structurally invalid request (a negative polygamma
/// order) throws.
/// </remarks>
public static class SpecialFunctions
{
    /// <summary>
    /// The logistic sigmoid σ(a) = 1 / (1 + e^−a).
    /// </summary>
    /// <param name="a">Any real number.</param>
    /// <returns>
    /// σ(a) in [0, 1]; never NaN for a non-NaN argument. For large negative a the result keeps full
    /// relative accuracy until it underflows (σ(a) ≈ e^a).
    /// </returns>
    public static double Sigmoid(double a)
    {
        // Only ever exponentiate a non-positive number, so exp cannot overflow. For a < 0 the
        // form e^a / (1 + e^a) keeps the tiny result's relative accuracy, which 1 − σ(−a) would lose.
        if (a >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-a));
        }

        double e = Math.Exp(a);
        return e / (1.0 + e);
    }

    /// <summary>
    /// The logit function log(p / (1 − p)), the inverse of <see cref="Sigmoid"/>.
    /// </summary>
    /// <param name="p">A probability in [0, 1].</param>
    /// <returns>
    /// logit(p); −∞ at p = 0, +∞ at p = 1, and NaN for p outside [0, 1] or NaN.
    /// </returns>
    public static double Logit(double p)
    {
        if (!(p >= 0.0 && p <= 1.0))
        {
            return double.NaN;
        }

        if (p < 0.25)
        {
            // log p is far from zero here, and log1p(−p) computes log(1 − p) without forming 1 − p.
            return Math.Log(p) - LogOnePlus(-p);
        }

        if (p <= 0.75)
        {
            // Near p = 1/2 the result is near zero, so log(p / (1 − p)) would turn the rounding
            // error of the quotient into a large relative error. With u = 2p − 1 (exact here,
            // by Sterbenz's lemma) logit(p) = log((1 + u) / (1 − u)) = 2 atanh(u).
            return 2.0 * Math.Atanh(2.0 * p - 1.0);
        }

        // Here p > 3/4, so 1 − p is exact (Sterbenz) and the quotient exceeds 3, where log is well conditioned.
        return Math.Log(p / (1.0 - p));
    }

    /// <summary>
    /// The softplus function log(1 + e^a).
    /// </summary>
    /// <param name="a">Any real number.</param>
    /// <returns>
    /// log(1 + e^a) ≥ 0, finite for every finite argument. For large negative a the result keeps full
    /// relative accuracy until it underflows (softplus(a) ≈ e^a).
    /// </returns>
    public static double Softplus(double a)
    {
        // log(1 + e^a) = a + log(1 + e^−a): exponentiate only non-positive numbers so nothing overflows,
        // and use log1p so that a tiny e^±a is not lost when added to one.
        if (a > 0)
        {
            return a + LogOnePlus(Math.Exp(-a));
        }

        return LogOnePlus(Math.Exp(a));
    }

    /// <summary>
    /// The logarithm of the absolute value of the gamma function, log|Γ(x)|.
    /// </summary>
    /// <param name="x">Any real number.</param>
    /// <returns>
    /// log|Γ(x)|. For x &gt; 0 this is MathNet's <c>GammaLn</c> (exactly 0 at x = 1 and 2). For negative
    /// non-integers it is the real log|Γ(x)| obtained from the reflection formula, so it is finite where
    /// Γ(x) is negative, too. At the poles x = 0, −1, −2, … it is +∞. It is +∞ at +∞ and NaN at −∞ or NaN.
    /// </returns>
    /// <remarks>
    /// The absolute error is about 1e−14 or better for moderate arguments (it is MathNet's Lanczos
    /// approximation), so the relative error is larger close to the zeros of log|Γ|.
    /// </remarks>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x > 0)
        {
            // Γ(1) = Γ(2) = 1 exactly, but GammaLn's Lanczos sum is only accurate to a few 1e−16 there.
            return x == 1.0 || x == 2.0 ? 0.0 : MathNetSF.GammaLn(x);
        }

        if (IsNonPositiveInteger(x))
        {
            return double.PositiveInfinity;
        }

        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx), hence log|Γ(x)| = log π − log|sin πx| − log Γ(1 − x).
        // SinPi reduces the argument exactly, which π·x followed by sin would not do for large |x|.
        return Math.Log(Math.PI) - Math.Log(Math.Abs(double.SinPi(x))) - MathNetSF.GammaLn(1.0 - x);
    }

    /// <summary>
    /// The digamma function ψ(x) = d/dx log Γ(x); the same as <see cref="Polygamma"/> with order 0.
    /// </summary>
    /// <param name="x">Any real number.</param>
    /// <returns>ψ(x); NaN at the poles x = 0, −1, −2, …, at −∞ and at NaN; +∞ at +∞.</returns>
    public static double Digamma(double x) => Polygamma(0, x);

    /// <summary>
    /// The trigamma function ψ′(x) = d²/dx² log Γ(x); the same as <see cref="Polygamma"/> with order 1.
    /// </summary>
    /// <param name="x">Any real number.</param>
    /// <returns>ψ′(x); NaN at the poles x = 0, −1, −2, …, at −∞ and at NaN; 0 at +∞.</returns>
    public static double Trigamma(double x) => Polygamma(1, x);

    /// <summary>
    /// The polygamma function ψ⁽ⁿ⁾(x) = dⁿ⁺¹/dxⁿ⁺¹ log Γ(x): digamma for n = 0, trigamma for n = 1.
    /// </summary>
    /// <param name="n">The order of the derivative of ψ; zero or more.</param>
    /// <param name="x">Any real number.</param>
    /// <returns>
    /// ψ⁽ⁿ⁾(x). NaN at the poles x = 0, −1, −2, …, at −∞ and at NaN. At +∞ it is +∞ for n = 0 and 0
    /// otherwise. The result is ±∞ when the true value overflows (for instance large n with small x).
    /// </returns>
    /// <remarks>
    /// <para>
    /// For x &gt; 0 the argument is shifted up with ψ⁽ⁿ⁾(x + 1) = ψ⁽ⁿ⁾(x) + (−1)ⁿ n! / xⁿ⁺¹ until it is at
    /// least 15 + n, where the Bernoulli-number asymptotic expansion (up to B₄₀) reaches full double
    /// precision. Digamma uses a Taylor series about its positive zero x₀ ≈ 1.4616 for |x − x₀| ≤ 0.2,
    /// where the shifted sum would cancel. Compared with 60-digit references the relative error for
    /// x &gt; 0 is below about 1e−15 (n ≤ 30); for n &gt; 170, where n! overflows, a log-space scale
    /// factor limits it to about 1e−13.
    /// </para>
    /// <para>
    /// For x &lt; 0 the reflection formula ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1 − x) − πⁿ⁺¹ cot⁽ⁿ⁾(πx) is used rather
    /// than the upward recurrence, so the cost does not grow with |x| and no long alternating sum is
    /// formed. The relative error is again around 1e−15, except close to the zeros that ψ⁽ⁿ⁾ has for even n
    /// on each negative interval, where only the absolute error is that small. For n beyond about 150,
    /// negative x can overflow to ±∞ or NaN in intermediate terms.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public static double Polygamma(int n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);

        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return n == 0 ? double.PositiveInfinity : 0.0;
        }

        if (x > 0)
        {
            return n == 0 ? DigammaPositive(x) : PolygammaPositive(n, x);
        }

        if (IsNonPositiveInteger(x))
        {
            return double.NaN;
        }

        return PolygammaReflected(n, x);
    }

    // B_2k / (2k)! for k = 1..20, correctly rounded from the exact rationals (B_2 = 1/6, B_4 = −1/30, …,
    // B_40 = −261082718496449122051/13530). Storing the quotient keeps the huge (2k)! out of the loop.
    private static readonly double[] BernoulliOverFactorial =
    [
        0.08333333333333333,
        -0.001388888888888889,
        3.306878306878307e-05,
        -8.267195767195768e-07,
        2.08767569878681e-08,
        -5.284190138687493e-10,
        1.3382536530684679e-11,
        -3.3896802963225827e-13,
        8.586062056277845e-15,
        -2.174868698558062e-16,
        5.5090028283602295e-18,
        -1.3954464685812522e-19,
        3.534707039629467e-21,
        -8.953517427037546e-23,
        2.267952452337683e-24,
        -5.744790668872202e-26,
        1.455172475614865e-27,
        -3.6859949406653103e-29,
        9.336734257095045e-31,
        -2.36502241570063e-32,
    ];

    // The asymptotic expansion is used once the argument is at least AsymptoticThreshold + n. The ratio of
    // consecutive series terms is about (n + 2k)² / (2πa)², which at that threshold stays below 0.2 for all
    // 20 stored terms and all n, so the (divergent) series is still shrinking when it reaches 1e−17.
    private const double AsymptoticThreshold = 15.0;

    private static bool IsNonPositiveInteger(double x) => x <= 0 && x == Math.Floor(x);

    // log(1 + y) for y > −1, accurate for tiny |y| (System.Math has no log1p, and double.LogP1 is just
    // log(1 + y)). Kahan's trick: u = 1 + y is rounded, but log(u) · y / (u − 1) corrects for exactly
    // that rounding, because log(u)/(u − 1) varies slowly near u = 1.
    private static double LogOnePlus(double y)
    {
        double u = 1.0 + y;
        if (u == 1.0)
        {
            return y;
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        return Math.Log(u) * (y / (u - 1.0));
    }

    // Σ_{k≥1} c_k (n + 1)_(2k−1) / a^2k with c_k = B_2k / (2k)! and the rising factorial (n + 1)_(2k−1);
    // the correction terms of the asymptotic expansion of ψ⁽ⁿ⁾ (see the callers for the leading terms).
    private static double BernoulliSeries(int n, double a)
    {
        double inverseSquare = 1.0 / (a * a);
        double power = inverseSquare;
        double rising = n + 1.0;
        double sum = 0.0;
        for (int k = 1; k <= BernoulliOverFactorial.Length; k++)
        {
            double term = BernoulliOverFactorial[k - 1] * rising * power;
            sum += term;
            if (Math.Abs(term) <= 1e-18 * Math.Abs(sum))
            {
                break;
            }

            rising *= (n + 2.0 * k) * (n + 2.0 * k + 1.0);
            power *= inverseSquare;
        }

        return sum;
    }

    // The positive zero x₀ = 1.46163214496836234126… of ψ, split into a double and the double nearest the rest.
    private const double DigammaRootHigh = 1.4616321449683622;
    private const double DigammaRootLow = 9.549995429965697e-17;

    // Taylor coefficients ψ⁽ᵏ⁾(x₀) / k! for k = 1..22 (mpmath, 60 digits, rounded to double). They shrink like
    // x₀⁻ᵏ (the pole at 0 is the nearest singularity), so for |x − x₀| ≤ 0.2 the dropped terms are below 1e−18
    // relative.
    private static readonly double[] DigammaRootTaylor =
    [
        0.9676722454476212,
        -0.4427631689835921,
        0.258499760955651,
        -0.16394270544240652,
        0.10782405069126237,
        -0.07219956125645471,
        0.04880428816414311,
        -0.03316112647484736,
        0.022597648232218104,
        -0.01542476590494896,
        0.010538791616612175,
        -0.007204534386356869,
        0.004926781395729853,
        -0.003369801655439328,
        0.002305126326734928,
        -0.0015769367714301972,
        0.0010788252019162967,
        -0.0007380709389960052,
        0.000504953265834602,
        -0.0003454680251063077,
        0.00023635601564027053,
        -0.00016170622091974803,
    ];

    // ψ(x) for x > 0.
    private static double DigammaPositive(double x)
    {
        // Near its zero, ψ(x) is a small difference of the O(1) quantities below, which would leave only an
        // absolute error of a few 1e−16. A Taylor series in x − x₀ keeps the relative error small instead;
        // x − x₀ is accurate because x − DigammaRootHigh is exact there (Sterbenz).
        double fromRoot = (x - DigammaRootHigh) - DigammaRootLow;
        if (Math.Abs(fromRoot) <= 0.2)
        {
            double series = 0.0;
            for (int k = DigammaRootTaylor.Length - 1; k >= 0; k--)
            {
                series = series * fromRoot + DigammaRootTaylor[k];
            }

            return fromRoot * series;
        }

        // Shift up: ψ(x) = ψ(x + m) − Σ_{k<m} 1/(x + k).
        int m = x >= AsymptoticThreshold ? 0 : (int)Math.Ceiling(AsymptoticThreshold - x);
        double a = x + m;

        // ψ(a) ~ log a − 1/(2a) − Σ B_2k / (2k a^2k), and B_2k / 2k = c_k (2k − 1)! = c_k (1)_(2k−1).
        double asymptotic = Math.Log(a) - 0.5 / a - BernoulliSeries(0, a);

        // Add the shift terms smallest first.
        double shift = 0.0;
        for (int k = m - 1; k >= 0; k--)
        {
            shift += 1.0 / (x + k);
        }

        return asymptotic - shift;
    }

    // ψ⁽ⁿ⁾(x) for n ≥ 1 and x > 0, as (−1)ⁿ⁺¹ n! ζ(n + 1, x) with the Hurwitz zeta function.
    private static double PolygammaPositive(int n, double x)
    {
        double sign = n % 2 == 1 ? 1.0 : -1.0;
        double threshold = AsymptoticThreshold + n;

        if (x >= threshold)
        {
            // ψ⁽ⁿ⁾(x) ~ (−1)ⁿ⁺¹ (n − 1)! / xⁿ · [1 + n/(2x) + n Σ c_k (n + 1)_(2k−1) / x^2k].
            // The prefactor is formed separately so that a large x underflows only when the result does.
            double bracket = 1.0 + n / (2.0 * x) + n * BernoulliSeries(n, x);
            return sign * FactorialOverPower(n - 1, x) * bracket;
        }

        // Shift up to a = x + m, then ζ(n + 1, x) = Σ_{k<m} (x + k)^−(n+1) + ζ(n + 1, a). Everything is scaled
        // by x^(n+1) (the largest term becomes 1) so the sum neither overflows nor underflows; the
        // scale n! / x^(n+1) is applied once at the end.
        int m = (int)Math.Ceiling(threshold - x);
        double a = x + m;

        // ζ(n + 1, a) ~ a^−n · [1/n + 1/(2a) + Σ c_k (n + 1)_(2k−1) / a^2k], times x^(n+1).
        double tail = Math.Pow(x / a, n + 1) * a * (1.0 / n + 0.5 / a + BernoulliSeries(n, a));

        // Add the shift terms smallest first.
        double sum = tail;
        for (int k = m - 1; k >= 0; k--)
        {
            sum += Math.Pow(x / (x + k), n + 1);
        }

        return sign * FactorialOverPower(n, x) * sum;
    }

    // k! / y^(k+1) for y > 0, without spurious overflow or underflow in either factor.
    private static double FactorialOverPower(int k, double y)
    {
        if (k <= 170)
        {
            // Write y = m · 2^e with m in [1, 2). Then k! · m^−(k+1) lies between 2^−171 and k!, so it is
            // always a normal double, and the binary exponent −e(k + 1) is applied exactly by ScaleB (which
            // overflows or underflows only when the true result does).
            int e = double.ILogB(y);
            double m = double.ScaleB(y, -e);
            return double.ScaleB(MathNetSF.Factorial(k) * Math.Pow(m, -(k + 1.0)), -e * (k + 1));
        }

        // k! itself overflows: work in log space. The relative error is then about |log result| · 1e−16.
        return Math.Exp(MathNetSF.FactorialLn(k) - (k + 1.0) * Math.Log(y));
    }

    // ψ⁽ⁿ⁾(x) for negative non-integer x, by reflection.
    private static double PolygammaReflected(int n, double x)
    {
        // Differentiating ψ(1 − x) − ψ(x) = π cot(πx) n times gives
        //   ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1 − x) − πⁿ⁺¹ cot⁽ⁿ⁾(πx),
        // and 1 − x > 1, where the positive-argument algorithm is at its best. Unlike the upward recurrence,
        // the cost does not grow with |x|.
        double reflected = n == 0 ? DigammaPositive(1.0 - x) : PolygammaPositive(n, 1.0 - x);
        if (n % 2 == 1)
        {
            reflected = -reflected;
        }

        // cot(πx) via SinPi/CosPi, which reduce the argument exactly.
        double t = double.CosPi(x) / double.SinPi(x);
        double cotDerivative = CotangentDerivative(n, t);
        return reflected - Math.Pow(Math.PI, n + 1) * cotDerivative;
    }

    // dⁿ/dyⁿ cot(y) expressed through t = cot(y): P_n(t) with P_0(t) = t and P_{j+1}(t) = −(1 + t²) P_j′(t).
    // P_n has only powers of t of parity n + 1, all with the sign (−1)ⁿ, so evaluating it never cancels.
    private static double CotangentDerivative(int n, double t)
    {
        if (n == 0)
        {
            return t;
        }

        var coefficients = new double[n + 2];
        coefficients[1] = 1.0;
        var next = new double[n + 2];
        for (int j = 0; j < n; j++)
        {
            // P_j has degree j + 1. Its derivative D has coefficients (i + 1) p_(i+1) at t^i; then
            // −(1 + t²) D contributes −D_i at t^i and −D_(i−2) at t^i.
            Array.Clear(next);
            for (int i = 0; i <= j; i++)
            {
                double derivative = (i + 1) * coefficients[i + 1];
                next[i] -= derivative;
                next[i + 2] -= derivative;
            }

            (coefficients, next) = (next, coefficients);
        }

        // Horner's rule in t.
        double value = 0.0;
        for (int i = n + 1; i >= 0; i--)
        {
            value = value * t + coefficients[i];
        }

        return value;
    }
}
