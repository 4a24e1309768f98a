using System.CommandLine;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Cli.Commands;

/// <summary><c>criterion-check simplify EXPR</c>: canonical, domain-normalised form.</summary>
public static class SimplifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var expression = new Argument<string>("EXPR") { Description = "The expression to simplify." };
        var options = new ExpressionOptions();
        var command = new Command("simplify", "Print EXPR in canonical, domain-normalised form (0 when it is provably zero).") { expression };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var e = ExpressionOptions.Parse(parse.GetValue(expression)!, "EXPR", options.Context(parse));
            options.WriteResult(parse, Simplifier.Simplify(e, options.Assumptions(parse)));
            return ExitCodes.Success;
        });
        return command;
    }
}
