using System.Diagnostics;

/// <summary>
/// `check` as a user runs it — one whole process, start-up included — on the sigmoid belief net and the
/// Gaussian mixture at growing sizes. A verdict proved for every size is checked at the spec's declared
/// sizes and carried to the sizes asked for, so the time should not grow with them. Beside it, SymPy
/// checking the same identity (η − Jβ = 0 for β = (W, μ)) element by element at concrete sizes, which is
/// what a researcher would otherwise do; SymPy's time grows with the sizes.
/// </summary>
internal static class CheckAtEverySizeBenchmark
{
    private const int Runs = 5;

    public static void Run(string root, string cli)
    {
        Console.WriteLine($"check, whole process (dotnet criterion-check.dll …), median of {Runs} runs");
        Console.WriteLine($"{"spec",-26} {"sizes",-16} {"time (s)",9}  exit");
        var startup = Median(() => Time(cli, ["--version"]));
        Console.WriteLine($"{"(start-up: --version)",-26} {"",-16} {startup.Seconds,9:F2}  {startup.Exit}");
        var sbn = Path.Combine(root, "model-specs", "sigmoid-belief-net.model");
        var gmm = Path.Combine(root, "model-specs", "gaussian-mixture.model");
        foreach (var (spec, dims) in new[]
                 {
                     (sbn, "H=2,D=3"), (sbn, "H=200,D=784"), (sbn, "H=2000,D=7840"),
                     (gmm, "C=3,D=3"), (gmm, "C=16,D=16"), (gmm, "C=16,D=64"),
                 })
        {
            var (seconds, exit) = Median(() => Time(cli, ["check", spec, "--dims", dims]));
            Console.WriteLine($"{Path.GetFileName(spec),-26} {dims,-16} {seconds,9:F2}  {exit}");
        }
        Console.WriteLine();
        SymPy(root);
    }

    // SymPy's element-by-element check; it is skipped (and says so) where python3 or SymPy is missing.
    private static void SymPy(string root)
    {
        var script = Path.Combine(root, "bench", "sympy", "sbn_identity.py");
        Console.WriteLine("SymPy 1.x, the same identity for the sigmoid belief net element by element (bench/sympy/sbn_identity.py)");
        var start = new ProcessStartInfo("python3", [script, "2,3", "20,78", "50,200"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var child = Process.Start(start)!;
            var output = child.StandardOutput.ReadToEnd();
            var error = child.StandardError.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0) { Console.WriteLine($"  SymPy did not run: {error.Trim().Split('\n').LastOrDefault()}"); return; }
            Console.WriteLine($"{"H",5} {"D",5} {"time (s)",9}");
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split(' ');
                Console.WriteLine($"{f[0],5} {f[1],5} {f[2],9}");
            }
        }
        catch (System.ComponentModel.Win32Exception) { Console.WriteLine("  python3 is not installed; SymPy was not run"); }
    }

    private static (double Seconds, int Exit) Median(Func<(double, int)> run)
    {
        var results = Enumerable.Range(0, Runs).Select(_ => run()).OrderBy(r => r.Item1).ToList();
        return results[Runs / 2];
    }

    private static (double, int) Time(string cli, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [cli, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var watch = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        child.StandardOutput.ReadToEnd();
        child.StandardError.ReadToEnd();
        child.WaitForExit();
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, child.ExitCode);
    }
}
