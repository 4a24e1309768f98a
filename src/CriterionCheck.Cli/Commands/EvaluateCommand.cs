using System.CommandLine;
using CriterionCheck.Cli.Reports;
using CriterionCheck.Numerics;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check evaluate SPEC --params P.json --data D.csv|D.npy [--json]</c>: the figures of
/// <c>numeric</c> for parameters trained elsewhere — ELBO, entropy sum, gap, gradient norms and, where
/// the posterior is exact, the log-likelihood.
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "A model spec file (.model)." };
        var parameters = new Option<string>("--params") { Description = "The parameters: a JSON object keyed by parameter name, nested arrays in each parameter's shape.", Required = true };
        var data = new Option<string>("--data") { Description = "The observations as CSV or NPY, one row per data point.", Required = true };
        var tolerance = NumericOptions.Tolerance();
        var seed = new Option<int>("--seed") { Description = "Seed for a Gaussian q's fixed samples (models without an exact posterior).", DefaultValueFactory = _ => 1 };
        var options = new SpecOptions();
        var command = new Command("evaluate", "Evaluate the ELBO and the entropy sum at parameters trained elsewhere.") { spec, parameters, data, tolerance, seed };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(spec)!;
            var check = ModelCheck.Run(options.Load(parse, path));
            var tol = NumericOptions.CheckedTolerance(parse.GetValue(tolerance));
            var run = NumericOptions.Guard(path, () =>
            {
                var space = new ParameterSpace(check.Target);
                var layout = new LatentLayout(check.Target);
                var paramsPath = parse.GetValue(parameters)!;
                var theta = NumericOptions.ReadParameters(paramsPath, space);
                var dataPath = parse.GetValue(data)!;
                var dataSet = NumericOptions.ReadData(dataPath, check.Target, layout);
                var model = new NumericModel(check, dataSet, parse.GetValue(seed));
                var report = model.Evaluate(theta);
                return new NumericRun(model, dataPath, null, null, theta, report, $"{model.Description}, at the given parameters", tol);
            });
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(options.Json) ? NumericJsonReport.Render(run) : NumericTextReport.Render(run));
            return check.AsExpected && !run.Contradiction ? ExitCodes.Success : ExitCodes.VerdictMismatch;
        });
        return command;
    }
}
