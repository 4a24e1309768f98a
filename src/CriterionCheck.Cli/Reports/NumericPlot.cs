using System.Globalization;
using CriterionCheck.Numerics;
using ScottPlot;

namespace CriterionCheck.Cli.Reports;

/// <summary>
/// The training run as SVG or PNG (ScottPlot), in two panels over the iterations: the ELBO and the
/// entropy sum, and below them |gap| and ‖∂F/∂θ‖ on a log scale, so that convergence to 1e-10 is visible
/// where the top panel's two lines have long become one. Legends sit beside the panels, never on a line.
/// </summary>
public static class NumericPlot
{
    private const int Width = 900;
    private const int TopHeight = 420;
    private const int BottomHeight = 320;

    /// <summary>True when <paramref name="path"/> names a format the plot can be saved in.</summary>
    public static bool Supports(string path) =>
        path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why the plot could not be written to <paramref name="path"/> (a missing directory, no permission), or null:
    /// checked before training, so that a long run does not end in a failed save.
    /// </summary>
    public static string? WriteProblem(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full);
            if (directory is not null && !Directory.Exists(directory)) return $"the directory {directory} does not exist";
            if (Directory.Exists(full)) return "it is a directory";
            var existed = File.Exists(full);
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write)) { }
            if (!existed) File.Delete(full);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }

    /// <summary>Saves the plot of <paramref name="training"/> to <paramref name="path"/> (.svg or .png).</summary>
    public static void Save(string path, string title, TrainingResult training, double tolerance)
    {
        var (top, bottom) = (Values(title, training), Convergence(training, tolerance));
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            // Two SVG documents, the second shifted below the first, inside one.
            var upper = Body(top.GetSvgHtml(Width, TopHeight));
            var lower = Body(bottom.GetSvgHtml(Width, BottomHeight)).Replace("<svg ", $"<svg y=\"{TopHeight}\" ", StringComparison.Ordinal);
            File.WriteAllText(path, $"<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{Width}\" height=\"{TopHeight + BottomHeight}\">\n{upper}\n{lower}\n</svg>\n");
        }
        else
        {
            var multiplot = new Multiplot();
            multiplot.Reset(top);
            multiplot.AddPlot(bottom);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
            multiplot.SavePng(path, Width, TopHeight + BottomHeight);
        }
    }

    private static Plot Values(string title, TrainingResult training)
    {
        var plot = new Plot();
        var x = training.History.Select(r => (double)r.Iteration).ToArray();
        Line(plot, x, [.. training.History.Select(r => r.Point.Elbo)], "ELBO");
        Line(plot, x, [.. training.History.Select(r => r.Point.EntropySum)], "entropy sum");
        plot.Title(title);
        plot.YLabel("per data point (nats)");
        Frame(plot);
        return plot;
    }

    private static Plot Convergence(TrainingResult training, double tolerance)
    {
        var plot = new Plot();
        // log10 of the positive finite values; a gap of exactly 0 has no place on a log scale and is left out.
        Log(plot, training, r => Math.Abs(r.Point.Gap), "|ELBO - entropy sum|");
        Log(plot, training, r => r.Point.GradientNorm, "|dF/dtheta|");
        var line = plot.Add.HorizontalLine(Math.Log10(tolerance));
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = $"tolerance {tolerance.ToString("0.##E+0", CultureInfo.InvariantCulture)}";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => "1e" + Math.Round(y).ToString(CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };
        plot.XLabel("iteration");
        plot.YLabel("log scale");
        Frame(plot);
        return plot;
    }

    private static void Log(Plot plot, TrainingResult training, Func<IterationRecord, double> value, string label)
    {
        var points = training.History.Select(r => (X: (double)r.Iteration, Y: value(r))).Where(p => p.Y > 0 && double.IsFinite(p.Y)).ToArray();
        if (points.Length == 0) return;
        Line(plot, [.. points.Select(p => p.X)], [.. points.Select(p => Math.Log10(p.Y))], label);
    }

    private static void Line(Plot plot, double[] x, double[] y, string label)
    {
        // A non-finite value has no place on the plot either.
        var keep = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(y[i])).ToArray();
        var scatter = plot.Add.Scatter(keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
        scatter.LegendText = label;
        scatter.MarkerSize = 3;
    }

    // Legend in a margin to the right of the data, and the same margins in both panels so their iterations line up.
    private static void Frame(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Layout.Fixed(new PixelPadding(80, 210, 50, 40));
    }

    // An SVG document without its XML declaration.
    private static string Body(string svg) => svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].Trim() : svg;
}
