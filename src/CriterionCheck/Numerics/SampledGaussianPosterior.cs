using CriterionCheck.Families;

namespace CriterionCheck.Numerics;

/// <summary>
/// A Gaussian q⁽ⁿ⁾ = N(m⁽ⁿ⁾, L⁽ⁿ⁾L⁽ⁿ⁾ᵀ) per data point over the continuous latents (log-normal for
/// positive ones: z = exp(u)), represented by K fixed standard-normal samples ε per point: z = m + Lε.
/// The ELBO is the sample average, for which the entropy-sum identity is exact (design §1: its proof
/// uses only linearity of the expectation). Each fit maximises the sample-average ELBO in (m, L) by
/// L-BFGS, starting from the previous fit. When some latents are discrete with finitely many values (a
/// class c above a Gaussian code z), q⁽ⁿ⁾(d, z) = q⁽ⁿ⁾(d)·N(z; m⁽ⁿ'ᵈ⁾, L⁽ⁿ'ᵈ⁾L⁽ⁿ'ᵈ⁾ᵀ): one Gaussian per
/// configuration d of the discrete latents, each fitted to its conditional sample-average ELBO F_d, and
/// q⁽ⁿ⁾(d) ∝ exp F_d, the best weights for those Gaussians; then F = log Σ_d exp F_d per point.
/// </summary>
public sealed class SampledGaussianPosterior : IVariationalFamily
{
    private readonly LogJoint joint;
    private readonly DataSet data;
    private readonly double[][][] noise; // [point][sample][continuous coordinate]
    private readonly bool[] positive;
    private readonly int size;               // continuous coordinates
    private readonly int[] continuous;       // their positions among the latents
    private readonly int[] discrete;         // the discrete latents' positions
    private readonly double[][] configurations; // the discrete latents' joint values (one empty one when there are none)

    /// <summary>The most joint configurations of the discrete latents enumerated beside a Gaussian q.</summary>
    public const int MaxConfigurations = 4096;

    /// <summary>A Gaussian q with <paramref name="samples"/> fixed samples per point, drawn with <paramref name="seed"/>.</summary>
    /// <exception cref="NumericException">A latent that lives on (0, 1) or is an unbounded count, or too many discrete configurations.</exception>
    public SampledGaussianPosterior(LogJoint joint, DataSet data, int samples, int seed)
    {
        this.joint = joint;
        this.data = data;
        var latents = joint.Layout.Latents;
        var finite = latents.Select(l => l.Support.Kind is SupportKind.Binary or SupportKind.Categorical or SupportKind.BoundedCount).ToArray();
        for (var i = 0; i < latents.Length; i++)
            if (!finite[i] && latents[i].Support.Kind is not (SupportKind.Real or SupportKind.Positive))
                throw new NumericException($"a Gaussian q needs real or positive latents beside finitely many discrete values; {latents[i].Symbol} lives on {latents[i].Support.Keyword}");
        continuous = [.. Enumerable.Range(0, latents.Length).Where(i => !finite[i])];
        discrete = [.. Enumerable.Range(0, latents.Length).Where(i => finite[i])];
        var count = discrete.Aggregate(1.0, (a, i) => a * latents[i].Values.Count);
        if (count > MaxConfigurations)
            throw new NumericException($"the discrete latents have {count} joint configurations; beside a Gaussian q enumeration stops at {MaxConfigurations:N0}");
        var result = new List<double[]> { Array.Empty<double>() };
        foreach (var i in discrete) result = [.. result.SelectMany(prefix => latents[i].Values.Select(v => (double[])[.. prefix, v]))];
        configurations = [.. result];
        size = continuous.Length;
        positive = [.. continuous.Select(i => latents[i].Support.Kind == SupportKind.Positive)];
        Samples = samples;
        var random = new Random(seed);
        noise = [.. Enumerable.Range(0, data.Count).Select(_ => Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, size).Select(_ => Gaussian(random)).ToArray()).ToArray())];
    }

    /// <summary>K, the samples per point.</summary>
    public int Samples { get; }

    /// <inheritdoc/>
    public string Description => $"Gaussian q{(positive.Any(p => p) ? " (log-normal for positive latents)" : "")} with {Samples} fixed samples per point"
        + (discrete.Length > 0 ? $", one per configuration of the discrete latents ({configurations.Length}), weighted by their conditional ELBOs" : "");

    /// <inheritdoc/>
    public bool IsExact => false;

    /// <inheritdoc/>
    public VariationalState Fit(double[] theta, VariationalState? previous)
    {
        var n = data.Count;
        var configs = configurations.Length;
        var parameters = new double[n * configs][];
        var conditional = new double[n * configs];
        Chunks.For(n, (start, end) =>
        {
            var slots = new double[joint.SlotCount];
            Array.Copy(theta, slots, theta.Length);
            var scratch = joint.NewScratch();
            for (var i = start; i < end; i++)
            {
                Array.Copy(data.Rows[i], 0, slots, joint.ObservedStart, data.Rows[i].Length);
                for (var d = 0; d < configs; d++)
                {
                    for (var j = 0; j < discrete.Length; j++) slots[joint.LatentStart + discrete[j]] = configurations[d][j];
                    var initial = previous?.Parameters?[i * configs + d] ?? Initial();
                    var point = i;
                    parameters[i * configs + d] = Maximizer.Lbfgs(q => Elbo(point, q, slots, scratch), initial, 60);
                    conditional[i * configs + d] = Elbo(point, parameters[i * configs + d], slots, scratch).Item1;
                }
            }
        });
        return State(parameters, conditional);
    }

    /// <summary>
    /// The state for given parameters per point and discrete configuration (means, then Cholesky entries row by
    /// row, log on the diagonal) and each one's conditional ELBO F_d, which sets q(d) ∝ exp F_d.
    /// </summary>
    public VariationalState State(double[][] parameters, double[] conditional)
    {
        var n = data.Count;
        var configs = configurations.Length;
        var per = configs * Samples;
        var points = new int[n * per];
        var latents = new double[n * per][];
        var weights = new double[n * per];
        var entropies = new double[n];
        for (var i = 0; i < n; i++)
        {
            // q(d) = softmax F_d by log-sum-exp, and H[q] = H[q(d)] + Σ_d q(d) H[q(z | d)].
            var max = double.NegativeInfinity;
            for (var d = 0; d < configs; d++) max = Math.Max(max, conditional[i * configs + d]);
            var total = 0.0;
            for (var d = 0; d < configs; d++) total += Math.Exp(conditional[i * configs + d] - max);
            var entropy = 0.0;
            for (var d = 0; d < configs; d++)
            {
                var logWeight = conditional[i * configs + d] - max - Math.Log(total);
                var weight = Math.Exp(logWeight);
                var q = parameters[i * configs + d];
                if (weight > 0) entropy += weight * (Entropy(q) - logWeight);
                for (var k = 0; k < Samples; k++)
                {
                    var c = i * per + d * Samples + k;
                    points[c] = i;
                    latents[c] = Full(configurations[d], Latent(q, noise[i][k], out _));
                    weights[c] = weight / Samples;
                }
            }
            entropies[i] = entropy;
        }
        return new VariationalState(points, latents, weights, entropies, false, null, parameters);
    }

    // The latent vector in the layout's order from a discrete configuration and the continuous coordinates.
    private double[] Full(double[] configuration, double[] z)
    {
        if (discrete.Length == 0) return z;
        var full = new double[discrete.Length + continuous.Length];
        for (var j = 0; j < discrete.Length; j++) full[discrete[j]] = configuration[j];
        for (var j = 0; j < continuous.Length; j++) full[continuous[j]] = z[j];
        return full;
    }

    private double[] Initial()
    {
        var q = new double[size + size * (size + 1) / 2];
        var k = size;
        for (var r = 0; r < size; r++)
            for (var c = 0; c <= r; c++, k++)
                q[k] = r == c ? Math.Log(0.5) : 0;
        return q;
    }

    // z = T(m + Lε) with T = exp on positive coordinates; jacobian holds dz/du.
    private double[] Latent(double[] q, double[] epsilon, out double[] jacobian)
    {
        var z = new double[size];
        jacobian = new double[size];
        var k = size;
        for (var r = 0; r < size; r++)
        {
            var u = q[r];
            for (var c = 0; c <= r; c++, k++) u += (r == c ? Math.Exp(q[k]) : q[k]) * epsilon[c];
            z[r] = positive[r] ? Math.Exp(u) : u;
            jacobian[r] = positive[r] ? z[r] : 1;
        }
        return z;
    }

    private double Entropy(double[] q)
    {
        var h = 0.5 * size * Math.Log(2 * Math.PI * Math.E);
        var k = size;
        for (var r = 0; r < size; r++)
            for (var c = 0; c <= r; c++, k++)
                if (r == c) h += q[k];
        for (var r = 0; r < size; r++) if (positive[r]) h += q[r]; // H[exp(u)] = H[u] + E[u]
        return h;
    }

    private (double, double[]) Elbo(int point, double[] q, double[] slots, LogJoint.Scratch scratch)
    {
        var gradient = new double[q.Length];
        var gradLatent = new double[discrete.Length + continuous.Length];
        var value = 0.0;
        foreach (var epsilon in noise[point])
        {
            // The discrete latents' values are already in the slots; only the continuous ones move.
            var z = Latent(q, epsilon, out var jacobian);
            for (var j = 0; j < size; j++) slots[joint.LatentStart + continuous[j]] = z[j];
            Array.Clear(gradLatent);
            value += joint.Evaluate(slots, scratch, null, 1, gradLatent);
            var k = size;
            for (var r = 0; r < size; r++)
            {
                var du = gradLatent[continuous[r]] * jacobian[r];
                gradient[r] += du;
                for (var c = 0; c <= r; c++, k++) gradient[k] += du * epsilon[c] * (r == c ? Math.Exp(q[k]) : 1);
            }
        }
        value /= Samples;
        for (var i = 0; i < gradient.Length; i++) gradient[i] /= Samples;
        value += Entropy(q);
        var diagonal = size;
        for (var r = 0; r < size; r++)
        {
            if (positive[r]) gradient[r] += 1;
            diagonal += r;
            gradient[diagonal] += 1; // ∂ log L_rr / ∂(log L_rr)
            diagonal++;
        }
        return (value, gradient);
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; deterministic for a seeded Random.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
