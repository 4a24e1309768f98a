using System.Runtime.Intrinsics;

namespace CriterionCheck.Numerics.Vectorized;

/// <summary>
/// Turns a row of log-joint values log p(x, z_j) into the exact posterior q(z_j) = p(x, z_j) / Σ p(x, z'),
/// in place, by log-sum-exp (no weight overflows or becomes NaN), vectorised over the configurations.
/// </summary>
public static class RowSoftmax
{
    private const int Lanes = 4;

    /// <summary>
    /// Replaces <paramref name="row"/> by the posterior weights; returns log Σ_j exp(row_j) (the log-evidence)
    /// and the posterior's entropy −Σ q log q.
    /// </summary>
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
        // row_j ← row_j − max ≤ 0, then e^(row_j − max); the entropy is Σ q·(lse − row_j).
        var vm = Vector256.Create(max);
        var vsum = Vector256<double>.Zero;
        for (var j = 0; j < whole; j += Lanes)
        {
            var shifted = Vector256.Create(row.Slice(j, Lanes)) - vm;
            shifted.CopyTo(row.Slice(j, Lanes));
            vsum += VectorMath.Exp(shifted);
        }
        var sum = Vector256.Sum(vsum);
        for (var j = whole; j < k; j++)
        {
            row[j] -= max;
            sum += Math.Exp(row[j]);
        }
        var logSum = Math.Log(sum);
        var vls = Vector256.Create(logSum);
        var ventropy = Vector256<double>.Zero;
        for (var j = 0; j < whole; j += Lanes)
        {
            var gap = vls - Vector256.Create(row.Slice(j, Lanes)); // log(1/q_j) ≥ 0
            var q = VectorMath.Exp(-gap);
            // 0·∞ is 0 here: a configuration the model rules out adds nothing.
            ventropy += Vector256.ConditionalSelect(Vector256.GreaterThan(q, Vector256<double>.Zero), q * gap, Vector256<double>.Zero);
            q.CopyTo(row.Slice(j, Lanes));
        }
        var entropy = Vector256.Sum(ventropy);
        for (var j = whole; j < k; j++)
        {
            var gap = logSum - row[j];
            var q = Math.Exp(-gap);
            if (q > 0) entropy += q * gap;
            row[j] = q;
        }
        return (max + logSum, entropy);
    }
}
