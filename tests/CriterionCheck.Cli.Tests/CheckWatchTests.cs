using System.Diagnostics;
using System.Text;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>check --watch</c> as a person uses it: the real process checks a folder, checks again after a real
/// edit (once per save) and after a new spec appears, and ends on Ctrl-C (SIGINT) with the last pass's
/// exit code. Every wait has a deadline, so a watcher that never fires fails instead of hanging.
/// </summary>
public class CheckWatchTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void Watch_checks_again_after_each_save_and_stops_on_ctrl_c()
    {
        var folder = Directory.CreateTempSubdirectory("criterion-check-watch-");
        Process? process = null;
        try
        {
            var spec = Path.Combine(folder.FullName, "pca.model");
            File.WriteAllText(spec, File.ReadAllText(Repository.CatalogPath("standard-pca.model")));
            var output = new StringBuilder();
            var errors = new StringBuilder();
            process = ProcessRunner.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "criterion-check.dll"), "check", "--watch", folder.FullName]);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.Append(e.Data).Append('\n'); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            WaitFor(() => Count(errors, "for changes; Ctrl-C stops") == 1, output, errors, "the first pass");
            Assert.Equal(1, Count(output, "1 spec checked, 1 as expected, 0 differ"));

            // A real save that changes the claim: exactly one fresh report, now with the verdict differing.
            File.WriteAllText(spec, File.ReadAllText(spec).Replace("expect violated", "expect satisfied"));
            WaitFor(() => Count(errors, "for changes; Ctrl-C stops") == 2, output, errors, "the pass after the edit");
            Assert.Equal(1, Count(output, "1 spec checked, 0 as expected, 1 differs"));
            Assert.Contains("pca.model changed; checking again", errors.ToString());

            // A new spec in the folder is checked with the others.
            File.Copy(Repository.CatalogPath("sigmoid-belief-net.model"), Path.Combine(folder.FullName, "sbn.model"));
            WaitFor(() => Count(errors, "for changes; Ctrl-C stops") == 3, output, errors, "the pass after the new spec");
            Assert.Equal(1, Count(output, "2 specs checked, 1 as expected, 1 differs"));

            SendInterrupt(process.Id);
            Assert.True(process.WaitForExit(Deadline), $"the watch did not stop on SIGINT\nstdout:\n{output}\nstderr:\n{errors}");
            process.WaitForExit();
            Assert.Equal(1, process.ExitCode); // the last pass found a verdict differing from expect
            Assert.Equal(3, Count(output, " checked, ")); // one report per save, none doubled by the editor's events
            Assert.DoesNotContain("   at ", errors.ToString());
        }
        finally
        {
            if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
            process?.Dispose();
            folder.Delete(recursive: true);
        }
    }

    private static void WaitFor(Func<bool> condition, StringBuilder output, StringBuilder errors, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!Locked(condition, output, errors))
        {
            if (clock.Elapsed > Deadline) Assert.Fail($"no {what} within {Deadline.TotalSeconds} s\nstdout:\n{output}\nstderr:\n{errors}");
            Thread.Sleep(50);
        }
    }

    private static bool Locked(Func<bool> condition, StringBuilder output, StringBuilder errors)
    {
        lock (output) lock (errors) return condition();
    }

    private static int Count(StringBuilder text, string line)
    {
        string s;
        lock (text) s = text.ToString();
        var count = 0;
        for (var at = s.IndexOf(line, StringComparison.Ordinal); at >= 0; at = s.IndexOf(line, at + line.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    // What a terminal sends on Ctrl-C.
    private static void SendInterrupt(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
