namespace CriterionCheck.Numerics;

/// <summary>
/// The exact posterior of finitely many discrete latents, by enumerating every joint configuration:
/// q⁽ⁿ⁾(z) = p(x⁽ⁿ⁾, z) / Σ_z' p(x⁽ⁿ⁾, z'), normalised by log-sum-exp so that no weight underflows to NaN.
/// </summary>
public sealed class EnumeratedPosterior : IVariationalFamily
{
    private readonly LogJoint joint;
    private readonly DataSet data;
    private readonly double[][] configurations;

    /// <summary>Enumerates the latents of <paramref name="joint"/>'s model for <paramref name="data"/>.</summary>
    /// <exception cref="NumericException">A latent is continuous or unbounded, or there are more than 65,536 configurations.</exception>
    public EnumeratedPosterior(LogJoint joint, DataSet data)
    {
        this.joint = joint;
        this.data = data;
        var latents = joint.Layout.Latents;
        if (!joint.Layout.AllDiscrete) throw new NumericException("enumeration needs every latent to be discrete with finitely many values");
        var count = latents.Aggregate(1.0, (a, l) => a * l.Values.Count);
        if (count > 65536) throw new NumericException($"the latents have {count} joint configurations; enumeration stops at 65,536");
        var result = new List<double[]> { Array.Empty<double>() };
        foreach (var latent in latents)
            result = [.. result.SelectMany(prefix => latent.Values.Select(v => (double[])[.. prefix, v]))];
        configurations = [.. result];
    }

    /// <inheritdoc/>
    public string Description => $"exact posterior, enumerating {configurations.Length} latent configurations";

    /// <inheritdoc/>
    public bool IsExact => true;

    /// <inheritdoc/>
    public VariationalState Fit(double[] theta, VariationalState? previous)
    {
        var n = data.Count;
        var k = configurations.Length;
        var points = new int[n * k];
        var latents = new double[n * k][];
        var weights = new double[n * k];
        var entropies = new double[n];
        var logLikelihood = new double[n];
        Chunks.For(n, (start, end) =>
        {
            var slots = new double[joint.SlotCount];
            Array.Copy(theta, slots, theta.Length);
            var scratch = joint.NewScratch();
            var log = new double[k];
            for (var i = start; i < end; i++)
            {
                Array.Copy(data.Rows[i], 0, slots, joint.ObservedStart, data.Rows[i].Length);
                var max = double.NegativeInfinity;
                for (var c = 0; c < k; c++)
                {
                    Array.Copy(configurations[c], 0, slots, joint.LatentStart, configurations[c].Length);
                    log[c] = joint.Evaluate(slots, scratch);
                    if (log[c] > max) max = log[c];
                }
                var total = 0.0;
                for (var c = 0; c < k; c++) total += Math.Exp(log[c] - max);
                var logEvidence = max + Math.Log(total);
                var entropy = 0.0;
                for (var c = 0; c < k; c++)
                {
                    var w = Math.Exp(log[c] - logEvidence);
                    points[i * k + c] = i;
                    latents[i * k + c] = configurations[c];
                    weights[i * k + c] = w;
                    if (w > 0) entropy -= w * (log[c] - logEvidence);
                }
                entropies[i] = entropy;
                logLikelihood[i] = logEvidence;
            }
        });
        return new VariationalState(points, latents, weights, entropies, true, logLikelihood.Average());
    }
}
