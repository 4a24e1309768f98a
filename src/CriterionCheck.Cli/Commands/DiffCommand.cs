using System.CommandLine;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;
using Symbol = CriterionCheck.Symbolics.Core.Symbol;

namespace CriterionCheck.Cli.Commands;

/// <summary><c>criterion-check diff EXPR VAR</c>: the simplified derivative.</summary>
public static class DiffCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var expression = new Argument<string>("EXPR") { Description = "The expression to differentiate." };
        var variable = new Argument<string>("VAR") { Description = "The variable, e.g. x or W[2,1]." };
        var options = new ExpressionOptions();
        var command = new Command("diff", "Differentiate EXPR with respect to VAR and print the simplified derivative.") { expression, variable };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var context = options.Context(parse);
            var e = ExpressionOptions.Parse(parse.GetValue(expression)!, "EXPR", context);
            var varText = parse.GetValue(variable)!;
            var v = ExpressionOptions.Parse(varText, "VAR", context);
            if (v is not Symbol)
            {
                var source = new SourceText("<VAR>", varText);
                throw InputException.From(new ExpressionException("can only differentiate with respect to a variable such as x or W[2,1]", new TextSpan(0, varText.Length)), source);
            }
            var assumptions = options.Assumptions(parse);
            // Normalising first is sound (same function on the domains) and gives simpler derivatives:
            // log(p/(1 − p)) becomes log p − log(1 − p) for p in (0, 1).
            var normal = Normalizer.Normalize(e, assumptions);
            options.WriteResult(parse, Simplifier.Simplify(Differentiator.Differentiate(normal, v), assumptions));
            return ExitCodes.Success;
        });
        return command;
    }
}
