using System.Diagnostics;
using System.Runtime.Intrinsics;
using CriterionCheck.Numerics;

/// <summary>
/// Issue 6's benchmark: closed-form EM for a Gaussian mixture at N = 100,000, D = 16, C = 16 — time per
/// iteration against the arithmetic lower bound at this machine's measured peak, and the entropy sum
/// against the ELBO, both from the same given responsibilities.
/// </summary>
public static class GaussianMixtureBenchmark
{
    public static void Run(Func<string> peakMegabytes)
    {
        const int n = 100_000, d = 16, c = 16;
        var peak = MeasurePeakFlops();
        var random = new Random(7);
        var truth = RandomMixture(random, c, d, spread: 4);
        var rows = Sample(random, truth, n);
        var em = new GaussianMixtureEm(rows);
        var mixture = RandomMixture(random, c, d, spread: 1);
        for (var i = 0; i < 3; i++) mixture = Iterate(em, mixture); // warm-up (JIT, caches)

        const int iterations = 10;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) mixture = Iterate(em, mixture);
        var perIteration = watch.Elapsed.TotalSeconds / iterations;
        var flops = em.IterationFlops(c);
        var bound = flops / peak;

        Console.WriteLine($"Gaussian mixture, closed-form EM: N = {n:N0}, D = {d}, C = {c} (Release, {Environment.ProcessorCount} cores)");
        Console.WriteLine($"  measured peak (FMA, 256-bit, all cores):  {peak / 1e9:F1} GFLOP/s");
        Console.WriteLine($"  flops per iteration (lower bound):       {flops / 1e9:F3} GFLOP -> {bound * 1e3:F1} ms at peak");
        Console.WriteLine($"  time per iteration:                      {perIteration * 1e3:F1} ms ({perIteration / bound:F2}x the bound, {flops / perIteration / 1e9:F1} GFLOP/s)");
        Console.WriteLine($"  peak memory:                             {peakMegabytes()} MB");
    }

    private static (double[] W, double[][] M, double[][] S) Iterate(GaussianMixtureEm em, (double[] W, double[][] M, double[][] S) m)
    {
        var moments = em.Accumulate([.. Enumerable.Range(0, m.W.Length).Select(k => new GaussianComponent(m.M[k], m.S[k], Math.Log(m.W[k])))]);
        var next = Enumerable.Range(0, m.W.Length).Select(k => moments.Update(k, true)).ToArray();
        return ([.. moments.Weights.Select(w => w / em.Count)], [.. next.Select(x => x.Mean)], [.. next.Select(x => x.Covariance)]);
    }

    private static double Median(int repeats, Func<double> run)
    {
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    // Independent FMA chains on every core, long enough to hide latency: the machine's practical peak.
    private static double MeasurePeakFlops()
    {
        const long steps = 50_000_000;
        var threads = Environment.ProcessorCount;
        var best = 0.0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var watch = Stopwatch.StartNew();
            var sink = new double[threads];
            Parallel.For(0, threads, t =>
            {
                var a = Vector256.Create(1.0 + t * 1e-9);
                var m = Vector256.Create(0.999999999);
                Vector256<double> x0 = a, x1 = a * 1.1, x2 = a * 1.2, x3 = a * 1.3, x4 = a * 1.4, x5 = a * 1.5, x6 = a * 1.6, x7 = a * 1.7;
                Vector256<double> x8 = a * 1.8, x9 = a * 1.9;
                var b = Vector256.Create(1e-9);
                for (long i = 0; i < steps; i++)
                {
                    x0 = Vector256.FusedMultiplyAdd(x0, m, b); x1 = Vector256.FusedMultiplyAdd(x1, m, b);
                    x2 = Vector256.FusedMultiplyAdd(x2, m, b); x3 = Vector256.FusedMultiplyAdd(x3, m, b);
                    x4 = Vector256.FusedMultiplyAdd(x4, m, b); x5 = Vector256.FusedMultiplyAdd(x5, m, b);
                    x6 = Vector256.FusedMultiplyAdd(x6, m, b); x7 = Vector256.FusedMultiplyAdd(x7, m, b);
                    x8 = Vector256.FusedMultiplyAdd(x8, m, b); x9 = Vector256.FusedMultiplyAdd(x9, m, b);
                }
                sink[t] = Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9);
            });
            var seconds = watch.Elapsed.TotalSeconds;
            if (sink.Sum() == 42) Console.WriteLine(); // keeps the loop alive
            best = Math.Max(best, threads * steps * 10.0 * 4 * 2 / seconds);
        }
        return best;
    }

    private static (double[] W, double[][] M, double[][] S) RandomMixture(Random random, int c, int d, double spread)
    {
        var weights = Enumerable.Range(0, c).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var total = weights.Sum();
        var covariances = new double[c][];
        for (var k = 0; k < c; k++)
        {
            // A Aᵀ/d + 𝟙: positive definite with correlated coordinates.
            var a = Enumerable.Range(0, d * d).Select(_ => random.NextDouble() - 0.5).ToArray();
            var s = new double[d * d];
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                {
                    var v = 0.0;
                    for (var p = 0; p < d; p++) v += a[i * d + p] * a[j * d + p];
                    s[i * d + j] = v / d + (i == j ? 1 : 0);
                }
            covariances[k] = s;
        }
        return ([.. weights.Select(w => w / total)],
            [.. Enumerable.Range(0, c).Select(_ => Enumerable.Range(0, d).Select(_ => spread * (2 * random.NextDouble() - 1)).ToArray())], covariances);
    }

    private static double[][] Sample(Random random, (double[] W, double[][] M, double[][] S) m, int n)
    {
        var d = m.M[0].Length;
        var roots = m.S.Select(s => MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => s[i * d + j]).Cholesky().Factor).ToArray();
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            var k = 0;
            while (k < m.W.Length - 1 && (u -= m.W[k]) >= 0) k++;
            var z = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d, _ => MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1));
            rows[i] = [.. (roots[k] * z).Select((v, j) => v + m.M[k][j])];
        }
        return rows;
    }
}
