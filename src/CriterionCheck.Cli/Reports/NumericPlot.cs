using CriterionCheck.Numerics;

namespace CriterionCheck.Cli.Reports;

/// <summary>The ELBO and the entropy sum against the iteration, as SVG or PNG (ScottPlot).</summary>
public static class NumericPlot
{
    /// <summary>True when <paramref name="path"/> names a format the plot can be saved in.</summary>
    public static bool Supports(string path) =>
        path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>Saves the plot of <paramref name="training"/> to <paramref name="path"/> (.svg or .png).</summary>
    public static void Save(string path, string title, TrainingResult training)
    {
        var plot = new ScottPlot.Plot();
        var x = training.History.Select(r => (double)r.Iteration).ToArray();
        var elbo = plot.Add.Scatter(x, [.. training.History.Select(r => r.Point.Elbo)]);
        elbo.LegendText = "ELBO";
        elbo.MarkerSize = 4;
        var sum = plot.Add.Scatter(x, [.. training.History.Select(r => r.Point.EntropySum)]);
        sum.LegendText = "entropy sum";
        sum.MarkerSize = 4;
        plot.Title(title);
        plot.XLabel("iteration");
        plot.YLabel("per data point (nats)");
        plot.ShowLegend();
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) plot.SaveSvg(path, 800, 500);
        else plot.SavePng(path, 800, 500);
    }
}
