using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

/// <summary>
/// `numeric` as a user runs it — one whole process, start-up, data and report included — beside
/// scikit-learn on the same task (bench/sklearn/compare.py, run with Debian's python3-sklearn, whole
/// process too, import included): Gaussian mixtures with full and diagonal covariances at N = 100,000,
/// C = D = 16 for 30 EM iterations (synthetic data of the same shape on both sides), three Gaussians on
/// iris, p-PCA and factor analysis with H = 10 on digits (the same files), and, where scikit-learn has
/// nothing to compare with, the sigmoid belief net and the Binomial mixture on digits. One run each,
/// side by side, since this machine is noisy: the ratio is the figure to read.
/// </summary>
internal static class NumericBenchmark
{
    private sealed record Task(string Name, string[] Numeric, string[]? SkLearn);

    public static void Run(string root, string cli, string? only = null)
    {
        string Spec(string path) => Path.Combine(root, path);
        var tasks = new Task[]
        {
            new("GMM full, N=1e5, C=D=16, 30 it.", ["numeric", Spec("model-specs/gaussian-mixture.model"), "--dims", "C=16,D=16", "--n", "100000", "--max-iterations", "30"],
                ["gmm", "100000", "16", "16", "full", "30"]),
            new("GMM diag, N=1e5, C=D=16, 30 it.", ["numeric", Spec("examples/gaussian-mixture-diagonal.model"), "--dims", "C=16,D=16", "--n", "100000", "--max-iterations", "30"],
                ["gmm", "100000", "16", "16", "diag", "30"]),
            new("GMM full on iris, C=3", ["numeric", Spec("model-specs/gaussian-mixture.model"), "--data", Spec("data/iris.csv"), "--dims", "C=3,D=4"],
                ["iris", Spec("data/iris.csv"), "3"]),
            new("p-PCA H=10 on digits", ["numeric", Spec("model-specs/probabilistic-pca.model"), "--data", Spec("data/digits.csv"), "--dims", "H=10,D=64"],
                ["pca", Spec("data/digits.csv"), "10"]),
            new("FA H=10 on digits (61 px)", ["numeric", Spec("model-specs/factor-analysis.model"), "--data", Spec("data/digits-nonconstant.csv"), "--dims", "H=10,D=61"],
                ["fa", Spec("data/digits-nonconstant.csv"), "10"]),
            new("SBN H=10 on binary digits", ["numeric", Spec("model-specs/sigmoid-belief-net.model"), "--data", Spec("data/digits-binary.csv"), "--dims", "H=10,D=64", "--max-iterations", "2000"], null),
            new("Binomial(16) mixture, C=4, digits", ["numeric", Spec("examples/binomial-mixture.model"), "--data", Spec("data/digits.csv"), "--dims", "C=4,D=64"], null),
        };
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(root, "bench", "sklearn", "compare.py");
        Console.WriteLine("numeric, whole process, beside scikit-learn (bench/sklearn/compare.py), whole process; one run each");
        Console.WriteLine($"{"task",-34} {"ours (s)",8} {"mean log-lik",14} {"|dF/dθ|",9} {"stop",14} {"sklearn (s)",11} {"mean log-lik",14} {"ratio",6}");
        foreach (var task in tasks.Where(t => only is null || t.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var (seconds, output, error) = Time("dotnet", [cli, .. task.Numeric, "--json"]);
            string logLik = "-", gradient = "-", stop = "-";
            try
            {
                using var json = JsonDocument.Parse(output);
                var r = json.RootElement;
                logLik = r.GetProperty("logLikelihood").ValueKind == JsonValueKind.Number ? r.GetProperty("logLikelihood").GetDouble().ToString("F6", CultureInfo.InvariantCulture) : "-";
                gradient = r.GetProperty("gradientNorm").GetDouble().ToString("E1", CultureInfo.InvariantCulture);
                stop = r.GetProperty("stop").GetString() ?? "-";
            }
            catch (JsonException) { logLik = "(refused)"; }
            var sk = "-";
            var skLik = "-";
            var ratio = "-";
            if (task.SkLearn is { } args)
            {
                try
                {
                    var (skSeconds, skOutput, _) = Time(python, [script, .. args]);
                    var fields = skOutput.Trim().Split(' ');
                    if (fields.Length == 3 && double.TryParse(fields[1], CultureInfo.InvariantCulture, out var ll))
                    {
                        sk = skSeconds.ToString("F2", CultureInfo.InvariantCulture);
                        skLik = ll.ToString("F6", CultureInfo.InvariantCulture);
                        // A refusal is not a time to compare.
                        if (logLik != "(refused)") ratio = (seconds / skSeconds).ToString("F2", CultureInfo.InvariantCulture);
                    }
                    else sk = "(failed)";
                }
                catch (System.ComponentModel.Win32Exception) { sk = "(no python)"; }
            }
            Console.WriteLine($"{task.Name,-34} {seconds,8:F2} {logLik,14} {gradient,9} {stop,14} {sk,11} {skLik,14} {ratio,6}");
            if (logLik == "(refused)") Console.WriteLine($"  numeric: {error.Trim().Split('\n')[0]}");
        }
    }

    private static (double Seconds, string Output, string Error) Time(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        var watch = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var errorTask = child.StandardError.ReadToEndAsync();
        var output = child.StandardOutput.ReadToEnd();
        errorTask.Wait();
        child.WaitForExit();
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, output, errorTask.Result);
    }
}
