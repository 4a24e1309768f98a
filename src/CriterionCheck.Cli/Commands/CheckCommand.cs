using System.CommandLine;
using CriterionCheck.Cli.Reports;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check check PATH…</c>: decides the criterion for every spec (files, or directories
/// searched recursively for <c>*.model</c>), reports each verdict with its evidence, and exits 1 when a
/// verdict differs from the spec's <c>expect</c> — an automated proof check for CI.
/// </summary>
public static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Spec files, or directories searched recursively for *.model.", Arity = ArgumentArity.OneOrMore };
        var options = new SpecOptions();
        var command = new Command("check", "Decide the parameterization criterion for each spec, with a kernel-checked certificate or witness.") { paths };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var files = Files(parse.GetValue(paths)!);
            var checks = new List<ModelCheck>();
            var badInput = false;
            foreach (var file in files)
            {
                try { checks.Add(ModelCheck.Run(options.Load(parse, file))); }
                catch (InputException e)
                {
                    error.WriteLine(e.Message);
                    badInput = true;
                }
            }
            if (parse.GetValue(options.Json)) output.Write(CheckJsonReport.Render(checks));
            else
            {
                foreach (var check in checks) output.Write(CheckTextReport.Render(check) + "\n");
                if (checks.Count > 0) output.Write(CheckTextReport.Summary(checks));
            }
            return badInput ? ExitCodes.BadInput : checks.All(c => c.AsExpected) ? ExitCodes.Success : ExitCodes.VerdictMismatch;
        });
        return command;
    }

    private static List<string> Files(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.model", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new UsageException($"{path}: no *.model files in this directory");
                files.AddRange(found);
            }
            else if (File.Exists(path)) files.Add(path);
            else throw new UsageException($"{path}: no such file or directory");
        }
        return files;
    }
}
