using System.CommandLine;
using CriterionCheck.Cli.Reports;
using CriterionCheck.Numerics;
using CriterionCheck.Numerics.Em;
using CriterionCheck.Verification;
using Spectre.Console;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check numeric SPEC [--n N] [--seed S] [--max-iterations K] [--tolerance T] [--data FILE]
/// [--posterior optimal|frozen] [--train all|minimal] [--plot FILE.svg|FILE.png] [--json]</c>: trains the
/// spec's model and shows the ELBO meeting the entropy sum at the stationary point (or not, for a
/// counterexample).
/// </summary>
public static class NumericCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "A model spec file (.model)." };
        var n = new Option<int>("--n") { Description = "Synthetic data points to draw from the spec (ignored with --data).", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed for the true parameters, the data, the starting point and q's samples.", DefaultValueFactory = _ => 1 };
        var maxIterations = new Option<int>("--max-iterations") { Description = "Stop after this many iterations.", DefaultValueFactory = _ => 200 };
        var tolerance = NumericOptions.Tolerance();
        var data = new Option<string?>("--data") { Description = "Observations as CSV or NPY (one row per data point) instead of synthetic data." };
        var plot = new Option<string?>("--plot") { Description = "Draw the ELBO and the entropy sum against the iteration into FILE.svg or FILE.png." };
        var posterior = new Option<string>("--posterior")
        {
            Description = "optimal: the exact posterior where computable, else a Gaussian q refitted each iteration; frozen: q fitted at the start and held fixed.",
            DefaultValueFactory = _ => "optimal",
        };
        posterior.AcceptOnlyFromAmong("optimal", "frozen");
        var train = new Option<string>("--train")
        {
            Description = "all: optimise every parameter; minimal: only the minimal stationarity set, the others stay at their random start.",
            DefaultValueFactory = _ => "all",
        };
        train.AcceptOnlyFromAmong("all", "minimal");
        var options = new SpecOptions();
        var command = new Command("numeric", "Train the spec's model and compare the ELBO with the entropy sum at the stationary point.")
        {
            spec, n, seed, maxIterations, tolerance, data, posterior, train, plot,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(spec)!;
            var (count, s, k, tol) = (parse.GetValue(n), parse.GetValue(seed), parse.GetValue(maxIterations), parse.GetValue(tolerance));
            if (count < 1) throw new UsageException($"--n must be at least 1, got {count}");
            if (k < 0) throw new UsageException($"--max-iterations must not be negative, got {k}");
            NumericOptions.CheckedTolerance(tol);
            var plotPath = parse.GetValue(plot);
            if (plotPath is not null && !NumericPlot.Supports(plotPath)) throw new UsageException($"--plot writes .svg or .png files, not '{plotPath}'");
            // Before any work: a long run should not end in a plot it cannot save.
            if (plotPath is not null && NumericPlot.WriteProblem(plotPath) is { } problem) throw new InputException($"{plotPath}: cannot write the plot: {problem}");
            var check = ModelCheck.Run(options.Load(parse, path));
            var minimalOnly = parse.GetValue(train) == "minimal";
            if (minimalOnly && check.Verdict != Criterion.Verdict.Satisfied)
                throw new UsageException($"{path}: --train minimal needs a satisfied criterion (there is no minimal stationarity set)");
            var run = NumericOptions.Guard(path, () =>
            {
                var space = new ParameterSpace(check.Target);
                var layout = new LatentLayout(check.Target);
                // A model numeric cannot handle is refused before data are read or drawn.
                if (NumericModel.Unsupported(layout) is { } unsupported) throw new NumericException(unsupported);
                var dataPath = parse.GetValue(data);
                double[]? truth = null;
                DataSet dataSet;
                string source;
                if (dataPath is not null)
                {
                    dataSet = NumericOptions.ReadData(dataPath, check.Target, layout);
                    source = dataPath;
                }
                else
                {
                    truth = space.Random(new Random(s), scale: 3);
                    dataSet = ModelSampler.Sample(space, layout, truth, count, s + 1);
                    source = $"synthetic, drawn from random true parameters (seed {s})";
                }
                var model = new NumericModel(check, dataSet, s + 3);
                var trainBlocks = minimalOnly ? model.Certified!.StationaryIn : (IReadOnlyCollection<string>?)null;
                // A mixture starts from k-means++ clusters of the data (the trained blocks only); other models from random parameters.
                var start = MixtureStart.From(model, space.Random(new Random(s + 2)), s + 2, trainBlocks);
                var trainingOptions = new TrainingOptions(k, tol, parse.GetValue(posterior) == "frozen" ? PosteriorMode.Frozen : PosteriorMode.Optimal, trainBlocks);
                var result = Train(model, start, trainingOptions, parse.GetValue(options.Json), parse.InvocationConfiguration.Output);
                var method = result.Method + (minimalOnly ? $"; only {string.Join(", ", model.Certified!.StationaryIn)} trained, the rest left at random values" : "");
                return new NumericRun(model, source, truth, result, result.Theta, result.Final, method, tol);
            });
            if (plotPath is not null)
            {
                try { NumericPlot.Save(plotPath, check.Target.Title, run.Training!, tol); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"{plotPath}: cannot write the plot: {e.Message}"); }
            }
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(options.Json) ? NumericJsonReport.Render(run) : NumericTextReport.Render(run));
            return check.AsExpected && !run.Contradiction ? ExitCodes.Success : ExitCodes.VerdictMismatch;
        });
        return command;
    }

    // A progress bar on standard error when a person is watching a terminal; plain training otherwise.
    private static TrainingResult Train(NumericModel model, double[] start, TrainingOptions options, bool json, TextWriter output)
    {
        var watched = ReferenceEquals(output, Console.Out) && !Console.IsErrorRedirected && !Console.IsOutputRedirected && !json;
        if (!watched) return Trainer.Train(model, start, options);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        TrainingResult? result = null;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: Math.Max(1, options.MaxIterations));
                result = Trainer.Train(model, start, options, record =>
                {
                    task.Value = record.Iteration;
                    task.Description = $"iteration {record.Iteration}, gap {NumericTextReport.E(record.Point.Gap)}";
                });
                task.Value = task.MaxValue;
            });
        return result!;
    }
}
