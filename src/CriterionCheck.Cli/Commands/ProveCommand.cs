using System.CommandLine;
using CriterionCheck.Proofs;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check prove SPEC [--format markdown|latex] [-o FILE]</c>: a proof in the style of the
/// paper's — LaTeX output is a complete document for pdflatex.
/// </summary>
public static class ProveCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "A model spec file (.model)." };
        var format = new Option<string>("--format") { Description = "Output format; latex is a complete document for pdflatex.", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "latex");
        var output = new Option<string?>("--output", "-o") { Description = "Write the proof to this file instead of standard output.", HelpName = "FILE" };
        var options = new SpecOptions();
        var command = new Command("prove", "Write a proof that the spec satisfies (or violates) the parameterization criterion, with its entropy-sum result.") { spec, format, output };
        options.AddDimsTo(command);
        command.SetAction(parse =>
        {
            var check = options.Check(parse, parse.GetValue(spec)!);
            var document = ProofBuilder.Build(check);
            var latex = parse.GetValue(format) == "latex";
            var text = latex ? document.Latex() : document.Markdown();
            if (parse.GetValue(output) is { } file)
            {
                try { File.WriteAllText(file, text); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
                {
                    throw new UsageException($"{file}: cannot write the proof: {e.Message}");
                }
                // Say what happened: a silent success looks like a failure at a prompt.
                var lines = text.Count(c => c == '\n');
                parse.InvocationConfiguration.Output.WriteLine($"wrote the proof to {file} ({(latex ? "LaTeX" : "Markdown")}, {lines} line{(lines == 1 ? "" : "s")})");
            }
            else parse.InvocationConfiguration.Output.Write(text);
            return check.AsExpected ? ExitCodes.Success : ExitCodes.VerdictMismatch;
        });
        return command;
    }
}
