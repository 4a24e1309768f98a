using System.CommandLine;
using System.Diagnostics;
using CriterionCheck.Cli.Reports;
using CriterionCheck.Cli.Watching;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check check PATH… [--junit FILE] [--watch]</c>: decides the criterion for every spec
/// (files, or directories searched recursively for <c>*.model</c>), reports each verdict with its
/// evidence, and exits 1 when a verdict differs from the spec's <c>expect</c> — an automated proof check
/// for CI, which <c>--junit</c> also hands to the CI's test view. <c>--watch</c> checks again on every save.
/// </summary>
public static class CheckCommand
{
    /// <summary>How long a burst of file-system events must be quiet before <c>--watch</c> checks again.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Spec files, or directories searched recursively for *.model.", Arity = ArgumentArity.OneOrMore };
        var junit = new Option<string?>("--junit") { Description = "Also write the result as JUnit XML to FILE (a test case per spec), for CI test views.", HelpName = "FILE" };
        var watch = new Option<bool>("--watch") { Description = "Check again on every save of a spec under PATH; Ctrl-C stops." };
        var options = new SpecOptions();
        var command = new Command("check", "Decide the parameterization criterion for each spec, with a kernel-checked certificate or witness.") { paths, junit, watch };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var given = parse.GetValue(paths)!;
            if (!parse.GetValue(watch)) return Run(parse, options, given, parse.GetValue(junit));
            return Watch(parse, options, given, parse.GetValue(junit));
        });
        return command;
    }

    // One pass: read and check every spec, print the reports, write the JUnit file; the exit code.
    private static int Run(ParseResult parse, SpecOptions options, string[] paths, string? junit)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var started = DateTime.Now;
        var total = Stopwatch.StartNew();
        var specs = new List<CheckedSpec>();
        foreach (var file in Files(paths))
        {
            var clock = Stopwatch.StartNew();
            try { specs.Add(new CheckedSpec(file, options.Check(parse, file), null, clock.Elapsed)); }
            catch (InputException e)
            {
                error.WriteLine(e.Message);
                specs.Add(new CheckedSpec(file, null, e.Message, clock.Elapsed));
            }
        }
        var checks = specs.Select(s => s.Check).OfType<ModelCheck>().ToList();
        if (parse.GetValue(options.Json)) output.Write(CheckJsonReport.Render(specs));
        else
        {
            var legend = new CriterionCheck.Presentation.Legend();
            foreach (var check in checks) output.Write(CheckTextReport.Render(check, legend) + "\n");
            if (specs.Count > 0) output.Write(CheckTextReport.Summary(specs));
        }
        if (junit is not null)
        {
            try { File.WriteAllText(junit, CheckJunitReport.Render(specs, total.Elapsed, started)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{junit}: cannot write the JUnit file: {e.Message}");
            }
        }
        return specs.Any(s => s.Check is null) ? ExitCodes.BadInput : checks.All(c => c.AsExpected) ? ExitCodes.Success : ExitCodes.VerdictMismatch;
    }

    // Check, then again after every settled change, until Ctrl-C; the exit code is the last pass's.
    private static int Watch(ParseResult parse, SpecOptions options, string[] paths, string? junit)
    {
        var error = parse.InvocationConfiguration.Error;
        Files(paths); // a path that does not exist is a usage error now, not a silent watch
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // end the loop below and exit normally, with the last pass's code
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var watcher = new SpecWatcher(paths, Debounce);
            var code = Pass(parse, options, paths, junit);
            while (true)
            {
                error.WriteLine($"criterion-check: watching {string.Join(", ", paths)} for changes; Ctrl-C stops");
                if (watcher.WaitForChange(stop.Token) is not { } changed) return code;
                error.WriteLine($"criterion-check: {Path.GetRelativePath(Environment.CurrentDirectory, changed)} changed; checking again");
                code = Pass(parse, options, paths, junit);
            }
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    // A pass in watch mode reports its usage problems (a folder emptied by the edit) and keeps watching.
    private static int Pass(ParseResult parse, SpecOptions options, string[] paths, string? junit)
    {
        try { return Run(parse, options, paths, junit); }
        catch (UsageException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"criterion-check: {e.Message}");
            return ExitCodes.BadInput;
        }
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
