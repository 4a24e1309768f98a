using System.Diagnostics;
using System.Text;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// Runs a real process with a time limit and captures both streams. A process that overruns is killed
/// (with its children) and the test fails with what it had printed, so a hang never stalls the suite.
/// </summary>
public static class ProcessRunner
{
    /// <summary>The result of a finished process.</summary>
    public sealed record Result(int Code, string Out, string Err);

    public static Result Run(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var process = Start(file, arguments, environment, workingDirectory);
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s\nstdout:\n{output}\nstderr:\n{error}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        return new Result(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Starts <paramref name="file"/> with redirected streams; the caller reads them.</summary>
    public static Process Start(string file, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
    }
}
