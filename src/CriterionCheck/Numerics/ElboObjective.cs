namespace CriterionCheck.Numerics;

/// <summary>
/// The ELBO for fixed variational distributions, F(θ; q) = (1/N) Σₙ (E_q⁽ⁿ⁾[log p(x⁽ⁿ⁾, z; θ)] + H[q⁽ⁿ⁾]),
/// and its gradient in θ, both as weighted sums over q's completions.
/// </summary>
public sealed class ElboObjective(LogJoint joint, DataSet data)
{
    /// <summary>The log-joint.</summary>
    public LogJoint Joint => joint;

    /// <summary>The data.</summary>
    public DataSet Data => data;

    /// <summary>F(θ; q) and ∂F/∂θ (every free element).</summary>
    public (double Value, double[] Gradient) Evaluate(double[] theta, VariationalState q)
    {
        var p = theta.Length;
        var completions = q.Weights.Length;
        var parts = Chunks.Map(completions, (start, end) =>
        {
            var slots = new double[joint.SlotCount];
            Array.Copy(theta, slots, p);
            var scratch = joint.NewScratch();
            var gradient = new double[joint.SlotCount];
            var value = 0.0;
            var lastPoint = -1;
            for (var i = start; i < end; i++)
            {
                var w = q.Weights[i];
                if (w == 0) continue;
                if (q.Point[i] != lastPoint)
                {
                    lastPoint = q.Point[i];
                    Array.Copy(data.Rows[lastPoint], 0, slots, joint.ObservedStart, data.Rows[lastPoint].Length);
                }
                Array.Copy(q.Latents[i], 0, slots, joint.LatentStart, q.Latents[i].Length);
                value += w * joint.Evaluate(slots, scratch, gradient, w);
            }
            return (value, gradient);
        });
        var n = data.Count;
        var total = 0.0;
        var grad = new double[p];
        foreach (var (value, gradient) in parts)
        {
            total += value;
            for (var i = 0; i < p; i++) grad[i] += gradient[i];
        }
        for (var i = 0; i < p; i++) grad[i] /= n;
        return (total / n + q.MeanEntropy, grad);
    }
}
