using System.Runtime.CompilerServices;
using CriterionCheck.Families;
using CriterionCheck.Models;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// A data-driven starting point for a mixture (a categorical latent whose value indexes the observable's
/// parameters): k-means++ seeds one centre per latent configuration, a few Lloyd iterations sharpen the
/// clusters, and one M-step from those assignments — blended with a little of every other configuration,
/// so that no component starts empty or singular — gives θ. A random θ far from the data lets EM fall
/// into poor local optima (three Gaussians on iris: −1.2265 instead of −1.2012); this is the usual remedy.
/// </summary>
public static class MixtureStart
{
    private const int LloydIterations = 10;
    private const double Blend = 0.1;
    private const int Chunk = 4096;

    /// <summary>True when <paramref name="model"/> is a mixture this start applies to.</summary>
    public static bool Applies(NumericModel model) =>
        model.Em is { Source: EnumeratedEStep } em && em.Structure.Layout.Latents.Any(l => l.Support.Kind == SupportKind.Categorical && l.Factor.Role == FactorRole.Prior)
        && model.Data.Count >= em.Structure.Configurations;

    /// <summary>
    /// <paramref name="start"/> with the trained parameters (<paramref name="train"/> blocks, or all) replaced
    /// by the M-step from k-means++ clusters drawn with <paramref name="seed"/>; <paramref name="start"/> itself when
    /// the model is not a mixture or the clusters give no interior point.
    /// </summary>
    public static double[] From(NumericModel model, double[] start, int seed, IReadOnlyCollection<string>? train = null)
    {
        if (!Applies(model)) return start;
        var em = model.Em!;
        var step = (EnumeratedEStep)em.Source;
        var data = model.Data;
        var n = data.Count;
        var k = step.K;
        var columns = Enumerable.Range(0, data.Rows[0].Length).ToArray();
        // Standardised coordinates, so that no coordinate dominates the distances by its units.
        var mean = columns.Select(c => data.Rows.Average(r => r[c])).ToArray();
        var scale = columns.Select(c => Math.Sqrt(data.Rows.Average(r => (r[c] - mean[c]) * (r[c] - mean[c])))).Select(s => s > 0 ? 1 / s : 0).ToArray();
        var x = data.Rows.Select(r => columns.Select(c => (r[c] - mean[c]) * scale[c]).ToArray()).ToArray();
        var centres = Seeds(x, k, new Random(seed));
        var assignment = new int[n];
        for (var iteration = 0; iteration < LloydIterations; iteration++)
        {
            // Each point's nearest centre on its own (both cores); the means then in one pass in point order,
            // so the result does not depend on the threads.
            Parallel.For(0, (n + Chunk - 1) / Chunk, c => Assign(x, centres, assignment, c * Chunk, Math.Min(n, (c + 1) * Chunk)));
            var sums = new double[k][];
            var counts = new int[k];
            for (var j = 0; j < k; j++) sums[j] = new double[columns.Length];
            for (var i = 0; i < n; i++)
            {
                var (a, sum) = (assignment[i], sums[assignment[i]]);
                counts[a]++;
                for (var c = 0; c < sum.Length; c++) sum[c] += x[i][c];
            }
            for (var j = 0; j < k; j++)
                if (counts[j] > 0) centres[j] = [.. sums[j].Select(v => v / counts[j])];
        }
        var q = new double[n * k];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < k; j++) q[i * k + j] = (j == assignment[i] ? 1 - Blend : 0) + Blend / k;
        var trained = new bool[model.Space.Count];
        foreach (var t in train is null ? Enumerable.Range(0, trained.Length) : train.SelectMany(model.Positions)) trained[t] = true;
        var outcome = em.MStep.Maximize(start, step.FromWeights(q, start), trained, 1e-10);
        return outcome.Limits.IsEmpty && model.Space.DomainProblem(outcome.Theta) is null ? outcome.Theta : start;
    }

    // k-means++: the first centre uniformly, each next one with probability proportional to the squared distance to the nearest chosen.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[][] Seeds(double[][] x, int k, Random random)
    {
        var centres = new List<double[]> { x[random.Next(x.Length)] };
        var distance = x.Select(p => Squared(p, centres[0])).ToArray();
        while (centres.Count < k)
        {
            var total = distance.Sum();
            var u = random.NextDouble() * total;
            var pick = 0;
            for (; pick < x.Length - 1 && (u -= distance[pick]) > 0; pick++) { }
            centres.Add(x[pick]);
            for (var i = 0; i < x.Length; i++) distance[i] = Math.Min(distance[i], Squared(x[i], x[pick]));
        }
        return [.. centres.Select(c => (double[])c.Clone())];
    }

    // Hot loops are compiled optimised at once: a start runs once per process, and tier-0 code with a
    // delayed tier-up made 10 Lloyd iterations at N = 100,000 take 1.4 s instead of 0.2 s.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Assign(double[][] x, double[][] centres, int[] assignment, int from, int to)
    {
        for (var i = from; i < to; i++) assignment[i] = Nearest(x[i], centres);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Nearest(double[] p, double[][] centres)
    {
        var (best, nearest) = (0, Squared(p, centres[0]));
        for (var j = 1; j < centres.Length; j++)
        {
            var d = Squared(p, centres[j]);
            if (d < nearest) (best, nearest) = (j, d);
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Squared(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }
}
