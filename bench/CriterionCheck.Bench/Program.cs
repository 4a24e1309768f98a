// Benchmarks, each in its own process so that the peak memory (VmHWM from /proc/self/status) is that
// of one job: `check` as a whole process at growing sizes beside SymPy, the concrete check of the
// sigmoid belief net at growing sizes (what models without a proof for every size cost), the whole
// catalog, closed-form EM for a Gaussian mixture (N = 100,000, D = 16, C = 16), and `numeric` beside
// scikit-learn (`… -- numeric` runs only that part; `… -- numeric TEXT` only the tasks whose name contains TEXT).
// Run with: dotnet run -c Release --project bench/CriterionCheck.Bench
using System.Diagnostics;
using CriterionCheck.Cli;

var spec = Path.Combine(FindRoot(), "model-specs", "sigmoid-belief-net.model");
if (args is ["catalog"])
{
    var watch = Stopwatch.StartNew();
    var code = CommandLineApp.Run(["check", Path.Combine(FindRoot(), "model-specs")], TextWriter.Null, Console.Error);
    watch.Stop();
    Console.WriteLine($"{watch.Elapsed.TotalSeconds:F2} {PeakMegabytes()} {code}");
    return code;
}
if (args is ["warm", var warmSpec, var warmDims])
{
    for (var i = 0; i < 4; i++)
    {
        var watch = Stopwatch.StartNew();
        CommandLineApp.Run(["check", warmSpec, "--dims", warmDims], TextWriter.Null, Console.Error);
        Console.WriteLine($"run {i + 1}: {watch.Elapsed.TotalSeconds:F3} s");
    }
    return 0;
}
if (args is ["gmm"])
{
    GaussianMixtureBenchmark.Run(PeakMegabytes);
    return 0;
}
if (args is ["one", var hText, var dText])
{
    var watch = Stopwatch.StartNew();
    // The model at these sizes, checked element by element (not carried from the declared sizes).
    var model = CriterionCheck.Models.ModelLoader.Load(spec, new Dictionary<string, int> { ["H"] = int.Parse(hText), ["D"] = int.Parse(dText) });
    var check = CriterionCheck.Verification.ModelCheck.Run(model);
    var code = check.AsExpected ? 0 : 1;
    watch.Stop();
    Console.WriteLine($"{watch.Elapsed.TotalSeconds:F2} {PeakMegabytes()} {code}");
    return code;
}

var cli = Path.Combine(FindRoot(), "src", "CriterionCheck.Cli", "bin", "Release", "net10.0", "criterion-check.dll");
if (args is ["numeric", ..] && args.Length <= 2)
{
    NumericBenchmark.Run(FindRoot(), cli, args.Length == 2 ? args[1] : null);
    return 0;
}
if (args is ["sizes"] || args.Length == 0)
{
    CheckAtEverySizeBenchmark.Run(FindRoot(), cli);
    Console.WriteLine();
    if (args is ["sizes"]) return 0;
}

Console.WriteLine("the concrete check on model-specs/sigmoid-belief-net.model, element by element (Release, one process per size)");
Console.WriteLine($"{"H",5} {"D",5} {"parameters",11} {"time (s)",9} {"peak (MB)",10}  exit");
foreach (var (h, d) in new[] { (10, 50), (50, 200), (100, 400), (200, 784) })
{
    var fields = Child("one", h.ToString(), d.ToString());
    Console.WriteLine($"{h,5} {d,5} {h + d * h + d,11} {fields[0],9} {fields[1],10}  {fields[2]}");
}
var catalog = Child("catalog");
Console.WriteLine($"\ncheck model-specs (the whole catalog): {catalog[0]} s, peak {catalog[1]} MB, exit {catalog[2]}");
Console.WriteLine();
var gmm = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "gmm"]);
using (var child = Process.Start(gmm)!) child.WaitForExit();
Console.WriteLine();
NumericBenchmark.Run(FindRoot(), cli);
return 0;

static string[] Child(params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. arguments]) { RedirectStandardOutput = true };
    using var child = Process.Start(start)!;
    var fields = child.StandardOutput.ReadToEnd().Trim().Split(' ');
    child.WaitForExit();
    return fields;
}

static string PeakMegabytes()
{
    var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:")) : null;
    return line is null ? "n/a" : (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).ToString();
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "CriterionCheck.sln"))) return dir.FullName;
    throw new InvalidOperationException("run the benchmark inside the repository");
}
