using System.CommandLine;
using CriterionCheck.Cli.Reports;
using CriterionCheck.EntropySum;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check formula SPEC [--format text|latex|json] [--posterior exact]</c>: the entropy-sum
/// form of the ELBO at stationary points, general and with the model's entropies substituted.
/// </summary>
public static class FormulaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "A model spec file (.model)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "latex", "json");
        var posterior = new Option<string?>("--posterior") { Description = "exact: with exact posteriors, the closed form in the parameters alone (linear-Gaussian models)." };
        posterior.AcceptOnlyFromAmong("exact");
        var options = new SpecOptions();
        var command = new Command("formula", "Print the entropy-sum form of the ELBO at stationary points.") { spec, format, posterior };
        options.AddDimsTo(command);
        command.SetAction(parse =>
        {
            var check = options.Check(parse, parse.GetValue(spec)!);
            var formula = EntropySumBuilder.Build(check);
            var exact = parse.GetValue(posterior) == "exact";
            if (exact && formula is not null && formula.ExactPosterior is null)
                throw new UsageException($"{check.Model.SourceName}: --posterior exact needs a linear-Gaussian model (a Normal prior, and a Normal observable whose mean is linear in the latents and whose variance does not depend on them)");
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(format) switch
            {
                "latex" => FormulaLatexReport.Render(check, formula, exact),
                "json" => FormulaJsonReport.Render(check, formula, exact),
                _ => FormulaTextReport.Render(check, formula, exact),
            });
            return check.AsExpected ? ExitCodes.Success : ExitCodes.VerdictMismatch;
        });
        return command;
    }
}
