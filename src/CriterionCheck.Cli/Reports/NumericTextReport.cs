using System.Globalization;
using System.Text;
using CriterionCheck.Numerics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CriterionCheck.Cli.Reports;

/// <summary>
/// The text form of <c>numeric</c> and <c>evaluate</c>: how the point was reached, a table of the
/// iterations, the final figures and what they mean. Rendered at a fixed width without colour, so the
/// same run gives the same bytes on a terminal, in a pipe and in CI.
/// </summary>
public static class NumericTextReport
{
    private const int Width = 120;
    private const int Shown = 12; // iterations shown at each end of a long history

    /// <summary>The report, ending with a newline.</summary>
    public static string Render(NumericRun run)
    {
        var model = run.Model;
        var check = model.Check;
        var s = new StringBuilder();
        s.Append($"{check.Model.SourceName}: {check.Model.Title}\n");
        s.Append($"  criterion: {CheckTextReport.Name(check.Verdict)}");
        s.Append(model.Certified is { } f ? $" (Theorem {f.Theorem}; stationary in {string.Join(", ", f.StationaryIn)})\n" : "; the entropy sum below is the candidate the theorems would give\n");
        s.Append(Wrap($"  data: {run.DataSource}, N = {model.Data.Count}", "    "));
        s.Append(Wrap($"  method: {run.Method}", "    "));
        if (run.Training is { History.Length: > 0 } training) s.Append('\n').Append(Table(training));
        var p = run.Final;
        s.Append('\n');
        Line(s, "ELBO", Finite(p.Elbo, G));
        Line(s, "entropy sum", Finite(p.EntropySum, G));
        Line(s, "gap (ELBO - entropy sum)", Finite(p.Gap, E));
        if (p.GradientNormMinimal is { } m) Line(s, "|dF/dtheta| (minimal set)", E(m));
        Line(s, "|dF/dtheta| (all parameters)", E(p.GradientNorm));
        Line(s, "log-likelihood", p.LogLikelihood is { } ll ? G(ll) : "not exact for this q");
        if (p.ClosedForm is { } cf) Line(s, "closed form (if stationary)", G(cf));
        if (run.Training is { } t) Line(s, "iterations", t.History.Length.ToString(CultureInfo.InvariantCulture));
        Line(s, "stationary", run.Training?.Boundary is not null ? "no (the likelihood's supremum is on the boundary)"
            : run.Stationary ? $"yes (gradient norm <= {E(run.Tolerance)})" : $"no (gradient norm above {E(run.Tolerance)})");
        s.Append('\n').Append(Wrap(Conclusion(run), ""));
        s.Append("\nparameters:\n");
        foreach (var range in model.Space.Blocks)
            s.Append(Wrap($"  {range.Block.Declaration} = {Nested(model.Space.FullBlock(range, run.Theta), [.. range.Block.Shape.Select(d => d.Size)])}", "      "));
        return s.ToString();
    }

    /// <summary>What the figures show, in a sentence; advice only where following it would change the outcome.</summary>
    public static string Conclusion(NumericRun run)
    {
        var p = run.Final;
        var relative = E(Math.Abs(p.Gap) / Math.Max(1, Math.Abs(p.Elbo)));
        if (run.Training?.Boundary is { } boundary)
            return $"No stationary point: {boundary}. The figures above are at the last point inside the domain, where the theorems say nothing about the gap.";
        if (run.Diagnosis is { } diagnosis) return $"No result: {diagnosis}.";
        // Training judges stationarity over the parameters it trained (the minimal set with --train minimal).
        var norm = run.Training?.TrainedGradientNorm ?? p.GradientNorm;
        if (!run.Stationary)
            return run.Training switch
            {
                null => $"The given point is not stationary (gradient norm {E(p.GradientNorm)} above {E(run.Tolerance)}), so the theorems say nothing about the gap ({E(p.Gap)}).",
                { Stop: StopReason.IterationLimit } => $"The point is not stationary yet (gradient norm {E(norm)}, still shrinking when the iterations ran out), so the theorems say nothing about the gap ({E(p.Gap)}); more iterations (--max-iterations) would get there.",
                _ when norm <= 1e-5 => $"Training stalled at gradient norm {E(norm)}, where round-off in the gradient outweighs any step, above the tolerance {E(run.Tolerance)}; the theorems say nothing about the gap ({E(p.Gap)}) until the point is stationary, and --tolerance {E(norm * 1.01)} would count this one as such.",
                _ => $"Training stalled at gradient norm {E(norm)}: no step improves F from here, so this is not a stationary point and the theorems say nothing about the gap ({E(p.Gap)}).",
            };
        if (run.Model.Certified is not null)
            return run.IdentityHolds
                ? $"At this stationary point the ELBO equals the entropy sum (relative gap {relative}), as the criterion promises."
                : $"CONTRADICTION: the criterion holds, the point is stationary, yet the ELBO and the entropy sum differ (relative gap {relative}).";
        return run.IdentityHolds
            ? $"The gap is small here (relative {relative}) although the criterion fails: nothing guarantees it, and other stationary points differ (try --posterior frozen)."
            : $"At this stationary point the ELBO and the candidate entropy sum differ by {E(p.Gap)}: the criterion fails, and so does the identity.";
    }

    private static string Finite(double v, Func<double, string> show) => double.IsFinite(v) ? show(v) : "not finite (see below)";

    private static string Table(TrainingResult training)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("iter", "step", "ELBO", "entropy sum", "gap", "|grad| min", "|grad| all", "log-lik");
        foreach (var c in table.Columns.Skip(2)) c.RightAligned();
        var history = training.History;
        for (var i = 0; i < history.Length; i++)
        {
            if (history.Length > 2 * Shown + 1 && i == Shown)
            {
                table.AddRow("…", "", "", "", "", "", "", "");
                i = history.Length - Shown;
            }
            var r = history[i];
            var p = r.Point;
            table.AddRow(r.Iteration.ToString(CultureInfo.InvariantCulture), r.Step, Cell(p.Elbo, G), Cell(p.EntropySum, G), Cell(p.Gap, E),
                p.GradientNormMinimal is { } m ? E(m) : "-", E(p.GradientNorm), p.LogLikelihood is { } ll ? G(ll) : "-");
        }
        return Render(table);
    }

    private static string Cell(double v, Func<double, string> show) => double.IsFinite(v) ? show(v) : "-";

    /// <summary>Renders a Spectre widget as plain text at a fixed width.</summary>
    public static string Render(IRenderable widget)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = Width;
        console.Write(widget);
        return string.Join("\n", writer.ToString().Split('\n').Select(l => l.TrimEnd())).Trim('\n') + "\n";
    }

    // Breaks at spaces so that no line is longer than the report's width.
    private static string Wrap(string text, string indent)
    {
        var lead = text[..(text.Length - text.TrimStart(' ').Length)];
        var result = new StringBuilder();
        var line = new StringBuilder(lead);
        var empty = true;
        foreach (var word in text.TrimStart(' ').Split(' '))
        {
            if (!empty && line.Length + 1 + word.Length > Width)
            {
                result.Append(line).Append('\n');
                line.Clear().Append(indent);
                empty = true;
            }
            if (!empty) line.Append(' ');
            line.Append(word);
            empty = false;
        }
        return result.Append(line).Append('\n').ToString();
    }

    private static void Line(StringBuilder s, string name, string value) => s.Append($"  {name,-32}{value}\n");

    private static string Nested(double[] values, int[] shape)
    {
        var at = 0;
        return Build(0);

        string Build(int depth)
        {
            if (depth == shape.Length) return G(values[at++]);
            var parts = new List<string>();
            for (var i = 0; i < shape[depth]; i++) parts.Add(Build(depth + 1));
            return "[" + string.Join(", ", parts) + "]";
        }
    }

    /// <summary>A value with ten significant digits.</summary>
    public static string G(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>A small quantity in scientific notation.</summary>
    public static string E(double v) => v.ToString("0.00E+00", CultureInfo.InvariantCulture);
}
