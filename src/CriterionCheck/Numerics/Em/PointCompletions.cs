namespace CriterionCheck.Numerics.Em;

/// <summary>
/// <see cref="ExpectedStatistics"/> from per-point variational distributions (fixed samples of a
/// Gaussian q, sigma points of an exact Gaussian posterior, or any frozen q): one configuration per
/// completion of a point, weighted as q weighs it, with that point's statistics.
/// </summary>
public static class PointCompletions
{
    /// <summary>The statistics of <paramref name="q"/> on <paramref name="data"/>.</summary>
    public static ExpectedStatistics From(EmStructure structure, DataSet data, VariationalState q)
    {
        var count = q.Weights.Length;
        var l = structure.Layout.Latents.Length;
        var m = structure.StatisticWidth;
        var result = new ExpectedStatistics(count, l, m, data.Count);
        var plan = structure.Observable;
        // T(x) once per point, then weighted per completion.
        var perPoint = new double[data.Count * m];
        var logBase = new double[data.Count];
        if (plan is not null)
            Chunks.For(data.Count, (start, end) =>
            {
                var buffers = plan.Kernel.NewBuffers();
                var value = new double[plan.Variable.Max(v => v.Length)];
                for (var i = start; i < end; i++)
                    for (var e = 0; e < plan.Elements; e++)
                    {
                        var cells = plan.Variable[e];
                        for (var c = 0; c < cells.Length; c++) value[c] = data.Rows[i][cells[c]];
                        logBase[i] += plan.Kernel.Statistics(value.AsSpan(0, cells.Length), perPoint.AsSpan(i * m + structure.StatisticOffset[e], plan.Natural), buffers);
                    }
            });
        for (var j = 0; j < count; j++)
        {
            var w = q.Weights[j];
            result.Weights[j] = w;
            q.Latents[j].CopyTo(result.Latents, j * l);
            var point = q.Point[j];
            for (var i = 0; i < m; i++) result.Observed[j * m + i] = w * perPoint[point * m + i];
        }
        result.Entropy = q.Entropies.Sum();
        result.DataLogBase = logBase.Sum();
        result.IsExactPosterior = q.IsExactPosterior;
        result.LogLikelihood = q.LogLikelihood * data.Count;
        return result;
    }
}
