using System.CommandLine;
using System.Globalization;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Symbolics.Printing;
using Symbol = CriterionCheck.Symbolics.Core.Symbol;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check eval EXPR NAME=VALUE…</c>: the value, exact when the expression and values are
/// rational, otherwise in double precision (printed to round-trip).
/// </summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var expression = new Argument<string>("EXPR") { Description = "The expression to evaluate." };
        var bindings = new Argument<string[]>("NAME=VALUE")
        {
            Description = "Values of the variables, e.g. x=0.5 W[2,1]=-3 s=1/3 (values may be constant expressions).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var options = new ExpressionOptions();
        var command = new Command("eval", "Evaluate EXPR at the given values.") { expression, bindings };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var context = options.Context(parse);
            var e = ExpressionOptions.Parse(parse.GetValue(expression)!, "EXPR", context);
            var exact = new Dictionary<Expr, Rational>();
            var approximate = new Dictionary<Expr, double>();
            foreach (var binding in parse.GetValue(bindings) ?? [])
            {
                var (symbol, value) = ParseBinding(binding, context);
                if (!approximate.TryAdd(symbol, Evaluator.Evaluate(value, NoValues)))
                    throw new UsageException($"{symbol} is given a value twice");
                if (value is Number exactValue) exact[symbol] = exactValue.Value;
            }
            var missing = e.Symbols().Where(s => !approximate.ContainsKey(s)).ToList();
            if (missing.Count > 0)
                throw new UsageException($"no value given for {string.Join(", ", missing)}; pass NAME=VALUE for each");
            var output = parse.InvocationConfiguration.Output;
            var latex = parse.GetValue(options.Latex);
            if (exact.Count == approximate.Count && ExactEvaluator.TryEvaluate(e, exact) is { } r)
            {
                output.WriteLine(latex ? LatexPrinter.Print(Number.Of(r)) : r.ToString());
                return ExitCodes.Success;
            }
            var x = Evaluator.Evaluate(e, approximate);
            if (!double.IsFinite(x))
                throw new UsageException($"the expression has no finite real value at this point ({x.ToString(CultureInfo.InvariantCulture)})");
            output.WriteLine(x.ToString("R", CultureInfo.InvariantCulture));
            return ExitCodes.Success;
        });
        return command;
    }

    // Binding values are constant expressions: they evaluate without any variable values.
    private static readonly Dictionary<Expr, double> NoValues = [];

    private static (Symbol Symbol, Expr Value) ParseBinding(string binding, ExpressionContext context)
    {
        var eq = binding.IndexOf('=');
        if (eq <= 0) throw new UsageException($"expected NAME=VALUE, got '{binding}'");
        var name = ExpressionOptions.Parse(binding[..eq], "NAME", context);
        if (name is not Symbol symbol) throw new UsageException($"'{binding[..eq]}' is not a variable name");
        var value = ExpressionOptions.Parse(binding[(eq + 1)..], "VALUE", context);
        if (value.Symbols().Count > 0) throw new UsageException($"the value of {symbol} must be a constant, got '{binding[(eq + 1)..]}'");
        return (symbol, value);
    }
}
