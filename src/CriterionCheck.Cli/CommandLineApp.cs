using System.CommandLine;
using System.CommandLine.Invocation;
using CriterionCheck.Cli.Commands;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Cli;

/// <summary>
/// The <c>criterion-check</c> command tree and its error policy: usage errors and bad input print a
/// short message on standard error and exit 2; nothing ever prints a stack trace.
/// </summary>
public static class CommandLineApp
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("CriterionCheck: verify the parameterization criterion of exponential-family generative models.")
        {
            HelpName = "criterion-check",
        };
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(SimplifyCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(FormulaCommand.Create());
        root.Subcommands.Add(ProveCommand.Create());
        root.Subcommands.Add(NumericCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(NewCommand.Create());
        return root;
    }

    /// <summary>Runs the command line <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // Expressions such as "@x" or "-x^2" are values, not response files or bundled flags.
        var parserConfiguration = new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false };
        var parse = Build().Parse(args, parserConfiguration);
        // Parse errors, and arguments that are mistyped options, in plain words (CommandLineErrors).
        var mistakes = CommandLineErrors.Describe(parse, args);
        if (mistakes.Count > 0)
        {
            foreach (var m in mistakes) error.WriteLine($"criterion-check: {m}");
            error.WriteLine($"Try '{CommandLineErrors.HelpCommand(parse)}'.");
            return ExitCodes.BadInput;
        }
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error };
        try
        {
            return parse.Invoke(invocation);
        }
        catch (InputException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            error.WriteLine($"criterion-check: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (SymbolicException e)
        {
            error.WriteLine($"criterion-check: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            // A bug of ours, not the user's: say so plainly, still without a stack trace.
            error.WriteLine($"criterion-check: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
