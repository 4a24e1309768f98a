using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CriterionCheck.Numerics.Vectorized;

/// <summary>
/// Turns a row of log-joint values log p(x, z_j) into the exact posterior q(z_j) = p(x, z_j) / Σ p(x, z'),
/// in place, by log-sum-exp (no weight overflows or becomes NaN), vectorised over the configurations
/// with one exponential per configuration.
/// </summary>
public static class RowSoftmax
{
    private const int Lanes = 4;

    /// <summary>
    /// Replaces <paramref name="row"/> by the posterior weights; returns log Σ_j exp(row_j) (the log-evidence)
    /// and the posterior's entropy −Σ q log q.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double LogEvidence, double Entropy) Apply(Span<double> row)
    {
        var k = row.Length;
        var whole = k / Lanes * Lanes;
        var max = double.NegativeInfinity;
        if (whole > 0)
        {
            var vmax = Vector256.Create(double.NegativeInfinity);
            for (var j = 0; j < whole; j += Lanes) vmax = Vector256.Max(vmax, Vector256.Create(row.Slice(j, Lanes)));
            for (var lane = 0; lane < Lanes; lane++) max = Math.Max(max, vmax[lane]);
        }
        for (var j = whole; j < k; j++) max = Math.Max(max, row[j]);
        if (double.IsNegativeInfinity(max) || double.IsNaN(max)) return (max, double.NaN);
        // d_j = max − row_j ≥ 0 and e_j = exp(−d_j); with S = Σ e: q_j = e_j / S, −log q_j = d_j + log S, so
        // H = log S + Σ q_j d_j. The row keeps e_j until S is known.
        var vm = Vector256.Create(max);
        var vsum = Vector256<double>.Zero;
        var vweighted = Vector256<double>.Zero; // Σ e_j d_j
        for (var j = 0; j < whole; j += Lanes)
        {
            var d = vm - Vector256.Create(row.Slice(j, Lanes));
            var e = VectorMath.Exp(-d);
            vsum += e;
            // 0·∞ is 0 here: a configuration the model rules out adds nothing.
            vweighted += Vector256.ConditionalSelect(Vector256.GreaterThan(e, Vector256<double>.Zero), e * d, Vector256<double>.Zero);
            e.CopyTo(row.Slice(j, Lanes));
        }
        var (sum, weighted) = (Vector256.Sum(vsum), Vector256.Sum(vweighted));
        for (var j = whole; j < k; j++)
        {
            var d = max - row[j];
            var e = Math.Exp(-d);
            sum += e;
            if (e > 0) weighted += e * d;
            row[j] = e;
        }
        var inverse = 1 / sum;
        var vi = Vector256.Create(inverse);
        for (var j = 0; j < whole; j += Lanes) (Vector256.Create(row.Slice(j, Lanes)) * vi).CopyTo(row.Slice(j, Lanes));
        for (var j = whole; j < k; j++) row[j] *= inverse;
        var logSum = Math.Log(sum);
        return (max + logSum, logSum + weighted * inverse);
    }

    /// <summary><paramref name="total"/>[j] += <paramref name="row"/>[j], vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTo(ReadOnlySpan<double> row, Span<double> total)
    {
        var whole = row.Length / Lanes * Lanes;
        for (var j = 0; j < whole; j += Lanes) (Vector256.Create(total.Slice(j, Lanes)) + Vector256.Create(row.Slice(j, Lanes))).CopyTo(total.Slice(j, Lanes));
        for (var j = whole; j < row.Length; j++) total[j] += row[j];
    }
}
