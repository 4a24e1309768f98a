using System.CommandLine;
using CriterionCheck.Cli.Templates;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check new [--prior FAMILY] [--observable FAMILY] [--plates]</c>: prints a commented spec to
/// start from, e.g. <c>criterion-check new --plates &gt; model.model</c>. Every template passes <c>check</c>.
/// </summary>
public static class NewCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var prior = new Option<string>("--prior")
        {
            Description = $"The prior's family: {string.Join(", ", SpecTemplate.Priors)}.",
            HelpName = "FAMILY",
            DefaultValueFactory = _ => "Normal",
        };
        var observable = new Option<string>("--observable")
        {
            Description = $"The observable's family: {string.Join(", ", SpecTemplate.Observables)}.",
            HelpName = "FAMILY",
            DefaultValueFactory = _ => "Normal",
        };
        var plates = new Option<bool>("--plates") { Description = "Vectors of latents and observed coordinates (plates) instead of scalars." };
        var command = new Command("new", "Print a commented spec to start from; redirect it into a .model file.") { prior, observable, plates };
        command.SetAction(parse =>
        {
            var p = Family("--prior", SpecTemplate.Priors, parse.GetValue(prior)!);
            var o = Family("--observable", SpecTemplate.Observables, parse.GetValue(observable)!);
            parse.InvocationConfiguration.Output.Write(SpecTemplate.Render(p, o, parse.GetValue(plates)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Family(string option, IReadOnlyList<string> families, string given) =>
        SpecTemplate.Find(families, given) ?? throw new UsageException($"{option} expects one of {string.Join(", ", families)}; got '{given}'");
}
