using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CriterionCheck.Numerics.Vectorized;

/// <summary>
/// e^x for four doubles at once, for the E-steps' log-sum-exp. The runtime's Vector256.Exp for doubles
/// is slower on this machine than calling Math.Exp per element, so this is the textbook method: x = k·ln 2 + r
/// with |r| ≤ ln 2 / 2 (Cody–Waite, two-part ln 2), e^r by its Taylor polynomial to degree 13 (truncation
/// below 10⁻¹⁷ relative) in Horner form with fused multiply-adds, and 2^k put into the exponent bits.
/// Accurate to a few units in the last place; deterministic; results below e^−708 are 0, above e^709.7 are +∞.
/// </summary>
public static class VectorMath
{
    private const double InverseLn2 = 1.4426950408889634;
    private const double Ln2High = 0.693147180369123816490;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double Shifter = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer held in the low bits

    /// <summary>e^x, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(-708.0)), Vector256.Create(709.7));
        var t = Vector256.FusedMultiplyAdd(clamped, Vector256.Create(InverseLn2), Vector256.Create(Shifter));
        var k = t - Vector256.Create(Shifter);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2High), clamped);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Low), r);
        var p = Vector256.Create(1.0 / 6227020800.0);                          // 1/13!
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 479001600.0)); // 1/12!
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        // 2^k from the integer in t's low bits.
        var scale = Vector256.ShiftLeft(t.AsInt64() + Vector256.Create(1023L), 52).AsDouble();
        var result = p * scale;
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-708.0)), Vector256<double>.Zero, result);
        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(709.7)), Vector256.Create(double.PositiveInfinity), result);
        // NaN stays NaN.
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }
}
