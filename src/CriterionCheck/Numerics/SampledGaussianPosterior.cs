using CriterionCheck.Families;

namespace CriterionCheck.Numerics;

/// <summary>
/// A Gaussian q⁽ⁿ⁾ = N(m⁽ⁿ⁾, L⁽ⁿ⁾L⁽ⁿ⁾ᵀ) per data point over the continuous latents (log-normal for
/// positive ones: z = exp(u)), represented by K fixed standard-normal samples ε per point: z = m + Lε.
/// The ELBO is the sample average, for which the entropy-sum identity is exact (design §1: its proof
/// uses only linearity of the expectation). Each fit maximises the sample-average ELBO in (m, L) by
/// L-BFGS, starting from the previous fit.
/// </summary>
public sealed class SampledGaussianPosterior : IVariationalFamily
{
    private readonly LogJoint joint;
    private readonly DataSet data;
    private readonly double[][][] noise; // [point][sample][coordinate]
    private readonly bool[] positive;
    private readonly int size;

    /// <summary>A Gaussian q with <paramref name="samples"/> fixed samples per point, drawn with <paramref name="seed"/>.</summary>
    /// <exception cref="NumericException">A latent that is discrete or lives on (0, 1).</exception>
    public SampledGaussianPosterior(LogJoint joint, DataSet data, int samples, int seed)
    {
        this.joint = joint;
        this.data = data;
        var latents = joint.Layout.Latents;
        foreach (var l in latents)
            if (l.Support.Kind is not (SupportKind.Real or SupportKind.Positive))
                throw new NumericException($"a Gaussian q needs real or positive latents; {l.Symbol} lives on {l.Support.Keyword}, and mixing it with continuous latents is not supported");
        size = latents.Length;
        positive = [.. latents.Select(l => l.Support.Kind == SupportKind.Positive)];
        Samples = samples;
        var random = new Random(seed);
        noise = [.. Enumerable.Range(0, data.Count).Select(_ => Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, size).Select(_ => Gaussian(random)).ToArray()).ToArray())];
    }

    /// <summary>K, the samples per point.</summary>
    public int Samples { get; }

    /// <inheritdoc/>
    public string Description => $"Gaussian q{(positive.Any(p => p) ? " (log-normal for positive latents)" : "")} with {Samples} fixed samples per point";

    /// <inheritdoc/>
    public bool IsExact => false;

    /// <inheritdoc/>
    public VariationalState Fit(double[] theta, VariationalState? previous)
    {
        var n = data.Count;
        var parameters = new double[n][];
        Chunks.For(n, (start, end) =>
        {
            var slots = new double[joint.SlotCount];
            Array.Copy(theta, slots, theta.Length);
            var scratch = joint.NewScratch();
            for (var i = start; i < end; i++)
            {
                Array.Copy(data.Rows[i], 0, slots, joint.ObservedStart, data.Rows[i].Length);
                var initial = previous?.Parameters?[i] ?? Initial();
                var point = i;
                parameters[i] = Maximizer.Lbfgs(q => Elbo(point, q, slots, scratch), initial, 60);
            }
        });
        return State(parameters);
    }

    /// <summary>The state for given per-point parameters (means, then Cholesky entries row by row, log on the diagonal).</summary>
    public VariationalState State(double[][] parameters)
    {
        var n = data.Count;
        var points = new int[n * Samples];
        var latents = new double[n * Samples][];
        var weights = new double[n * Samples];
        var entropies = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < Samples; k++)
            {
                points[i * Samples + k] = i;
                latents[i * Samples + k] = Latent(parameters[i], noise[i][k], out _);
                weights[i * Samples + k] = 1.0 / Samples;
            }
            entropies[i] = Entropy(parameters[i]);
        }
        return new VariationalState(points, latents, weights, entropies, false, null, parameters);
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
        var gradLatent = new double[size];
        var value = 0.0;
        foreach (var epsilon in noise[point])
        {
            var z = Latent(q, epsilon, out var jacobian);
            Array.Copy(z, 0, slots, joint.LatentStart, size);
            Array.Clear(gradLatent);
            value += joint.Evaluate(slots, scratch, null, 1, gradLatent);
            var k = size;
            for (var r = 0; r < size; r++)
            {
                var du = gradLatent[r] * jacobian[r];
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
