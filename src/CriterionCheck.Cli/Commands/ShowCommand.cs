using System.CommandLine;
using CriterionCheck.Cli.Reports;

namespace CriterionCheck.Cli.Commands;

/// <summary><c>criterion-check show SPEC</c>: the parsed model, as text or JSON.</summary>
public static class ShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "A model spec file (.model)." };
        var options = new SpecOptions();
        var command = new Command("show", "Print the parsed model: sizes, parameters with domains, factors in dependency order, natural parameters.") { spec };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var model = options.Load(parse, parse.GetValue(spec)!);
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(options.Json) ? ModelJsonReport.Render(model) : ModelTextReport.Render(model));
            return ExitCodes.Success;
        });
        return command;
    }
}
