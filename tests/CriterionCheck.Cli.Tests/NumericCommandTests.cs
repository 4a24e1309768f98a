using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>numeric</c>: training catalog specs on small synthetic data (or a --data CSV) reaches a stationary
/// point where the ELBO meets the entropy sum (or, for a counterexample, does not); the JSON contract,
/// --train minimal, determinism, the text layout, --plot, and usage errors (exit 2, nothing on stdout).
/// </summary>
public class NumericCommandTests
{
    private static string Spec(string file) => Repository.CatalogPath(file);

    private static (int Code, string Out, string Err) Numeric(string file, params string[] args) =>
        CliRunner.Run(["numeric", Spec(file), .. args]);

    /// <summary>Runs with --json, asserting exit 0, an empty stderr and parseable output.</summary>
    private static JsonElement NumericJson(string file, params string[] args)
    {
        var (code, output, error) = Numeric(file, [.. args, "--json"]);
        Assert.True(code == 0, $"exit {code}; stderr: {error}");
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    private static bool IdentityHolds(JsonElement run) =>
        Math.Abs(run.GetProperty("gap").GetDouble()) <= 1e-6 * Math.Max(1, Math.Abs(run.GetProperty("elbo").GetDouble()));

    private static double[] Vector(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static double[][] Matrix(JsonElement array) => [.. array.EnumerateArray().Select(Vector)];

    private static void AssertShape(JsonElement block, params int[] shape)
    {
        if (shape.Length == 0)
        {
            Assert.Equal(JsonValueKind.Number, block.ValueKind);
            return;
        }
        Assert.Equal(JsonValueKind.Array, block.ValueKind);
        Assert.Equal(shape[0], block.GetArrayLength());
        foreach (var item in block.EnumerateArray()) AssertShape(item, shape[1..]);
    }

    private static void AssertConvergedWithIdentity(JsonElement run)
    {
        Assert.True(run.GetProperty("converged").GetBoolean());
        Assert.True(run.GetProperty("identityHolds").GetBoolean());
        Assert.True(IdentityHolds(run), $"gap {run.GetProperty("gap").GetDouble()} at ELBO {run.GetProperty("elbo").GetDouble()}");
        Assert.True(run.GetProperty("gradientNorm").GetDouble() <= 1e-8, $"gradient norm {run.GetProperty("gradientNorm").GetDouble()}");
        Assert.NotEqual(JsonValueKind.Null, run.GetProperty("logLikelihood").ValueKind);
        var history = run.GetProperty("history");
        Assert.True(history.GetArrayLength() > 0);
        Assert.Equal(run.GetProperty("elbo").GetDouble(), history[history.GetArrayLength() - 1].GetProperty("elbo").GetDouble());
        Assert.Equal(history.GetArrayLength(), run.GetProperty("iterations").GetInt32());
    }

    private static DirectoryInfo TempDir() => Directory.CreateTempSubdirectory("numeric-");

    // ---- 1, 2: satisfied catalog specs reach the identity -------------------------------------------------

    [Theory]
    [InlineData("probabilistic-pca.model")]
    [InlineData("factor-analysis.model")]
    public void Linear_gaussian_specs_converge_to_the_identity_and_match_the_closed_form(string file)
    {
        var run = NumericJson(file, "--n", "200");
        AssertConvergedWithIdentity(run);
        Assert.Equal("satisfied", run.GetProperty("verdict").GetString());
        Assert.Equal(200, run.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Number, run.GetProperty("closedForm").ValueKind);
        Assert.Equal(run.GetProperty("closedForm").GetDouble(), run.GetProperty("logLikelihood").GetDouble(), 1e-8);
        var parameters = run.GetProperty("params");
        AssertShape(parameters.GetProperty("lambda"), 2);
        AssertShape(parameters.GetProperty("W"), 3, 2);
        AssertShape(parameters.GetProperty("mu"), 3);
        if (file == "probabilistic-pca.model")
        {
            Assert.Equal(["lambda", "W", "mu", "sigma2"], parameters.EnumerateObject().Select(p => p.Name));
            AssertShape(parameters.GetProperty("sigma2"));
            Assert.True(parameters.GetProperty("sigma2").GetDouble() > 0);
        }
        else
        {
            Assert.Equal(["lambda", "W", "mu", "psi"], parameters.EnumerateObject().Select(p => p.Name));
            AssertShape(parameters.GetProperty("psi"), 3);
        }
        Assert.All(Vector(parameters.GetProperty("lambda")), l => Assert.True(l > 0));
        // The true parameters have the same blocks and shapes.
        Assert.Equal(parameters.EnumerateObject().Select(p => p.Name), run.GetProperty("trueParams").EnumerateObject().Select(p => p.Name));
        AssertShape(run.GetProperty("trueParams").GetProperty("W"), 3, 2);
    }

    [Fact]
    public void Gaussian_mixture_converges_with_symmetric_covariances_and_weights_on_the_simplex()
    {
        var run = NumericJson("gaussian-mixture.model", "--n", "200");
        AssertConvergedWithIdentity(run);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("closedForm").ValueKind);
        Assert.Equal(JsonValueKind.Number, run.GetProperty("logLikelihood").ValueKind);
        var parameters = run.GetProperty("params");
        AssertShape(parameters.GetProperty("pi"), 3);
        AssertShape(parameters.GetProperty("mu"), 3, 3);
        AssertShape(parameters.GetProperty("Sigma"), 3, 3, 3);
        var pi = Vector(parameters.GetProperty("pi"));
        Assert.All(pi, p => Assert.True(p > 0));
        Assert.Equal(1.0, pi.Sum(), 1e-12);
        foreach (var sigma in parameters.GetProperty("Sigma").EnumerateArray().Select(Matrix))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True(sigma[i][i] > 0);
                for (var j = 0; j < 3; j++) Assert.Equal(sigma[i][j], sigma[j][i]);
            }
        }
    }

    [Fact]
    public void Gaussian_mixture_above_the_written_out_dimension_keeps_its_inverses_whole_and_converges()
    {
        // D = 8 > 4: the model is built with Σ⁻¹ kept whole; the verdict comes from the check at D = 3 and
        // the proof for every size, the numbers from the structured EM at D = 8. Both figures are
        // recomputed here from the printed parameters with MathNet's Cholesky factor: the mean
        // log-likelihood and Theorem 1's entropy sum, (1/N) Σ_n H[q_n] − H[π] − Σ_c q̄_c·½ log det(2πeΣ_c).
        const int d = 8, n = 400;
        var random = new Random(11);
        var rows = new List<double[]>();
        for (var i = 0; i < n; i++)
            rows.Add([.. Enumerable.Range(0, d).Select(k => (i % 2 == 0 ? 2.0 : -2.0) * (k % 3 == 0 ? 1 : 0.5) + random.NextDouble() * 2 - 1 + (k > 0 ? 0.3 * (random.NextDouble() - 0.5) : 0))]);
        var directory = TempDir();
        try
        {
            var path = Path.Combine(directory.FullName, "points.csv");
            File.WriteAllLines(path, rows.Select(r => string.Join(",", r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
            var run = NumericJson("gaussian-mixture.model", "--dims", "C=2,D=8", "--data", path);
            Assert.Equal("satisfied", run.GetProperty("verdict").GetString());
            AssertConvergedWithIdentity(run);
            var parameters = run.GetProperty("params");
            AssertShape(parameters.GetProperty("Sigma"), 2, d, d);
            var pi = Vector(parameters.GetProperty("pi"));
            var mu = parameters.GetProperty("mu").EnumerateArray().Select(Vector).ToList();
            var sigma = parameters.GetProperty("Sigma").EnumerateArray().Select(m => MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(Matrix(m))).ToList();
            var logLikelihood = 0.0;
            var posteriorEntropy = 0.0;
            var aggregate = new double[2];
            foreach (var x in rows)
            {
                var log = new double[2];
                for (var c = 0; c < 2; c++)
                {
                    var cholesky = sigma[c].Cholesky();
                    var diff = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray([.. x.Select((v, k) => v - mu[c][k])]);
                    log[c] = Math.Log(pi[c]) - 0.5 * d * Math.Log(2 * Math.PI) - 0.5 * cholesky.DeterminantLn - 0.5 * diff.DotProduct(cholesky.Solve(diff));
                }
                var max = log.Max();
                var total = max + Math.Log(log.Sum(l => Math.Exp(l - max)));
                logLikelihood += total / n;
                for (var c = 0; c < 2; c++)
                {
                    var q = Math.Exp(log[c] - total);
                    aggregate[c] += q / n;
                    if (q > 0) posteriorEntropy -= q * Math.Log(q) / n;
                }
            }
            var entropySum = posteriorEntropy + pi.Sum(p => p * Math.Log(p))
                - Enumerable.Range(0, 2).Sum(c => aggregate[c] * 0.5 * (d * Math.Log(2 * Math.PI * Math.E) + sigma[c].Cholesky().DeterminantLn));
            Assert.Equal(logLikelihood, run.GetProperty("logLikelihood").GetDouble(), 1e-9);
            Assert.Equal(entropySum, run.GetProperty("entropySum").GetDouble(), 1e-9);
        }
        finally { directory.Delete(true); }
    }

    // ---- 3: a counterexample ------------------------------------------------------------------------------

    [Fact]
    public void Standard_pca_with_a_frozen_posterior_is_stationary_with_a_gap()
    {
        var (code, output, error) = Numeric("standard-pca.model", "--n", "200", "--posterior", "frozen", "--json");
        Assert.Equal(0, code); // the verdict is "violated", as the spec expects
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var run = json.RootElement;
        Assert.Equal("violated", run.GetProperty("verdict").GetString());
        Assert.True(run.GetProperty("converged").GetBoolean());
        Assert.True(Math.Abs(run.GetProperty("gap").GetDouble()) >= 1e-3, $"gap {run.GetProperty("gap").GetDouble()}");
        Assert.False(run.GetProperty("identityHolds").GetBoolean());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("gradientNormMinimal").ValueKind);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("stationaryIn").ValueKind);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("closedForm").ValueKind);
    }

    [Fact]
    public void A_spec_whose_expectation_differs_from_the_verdict_exits_1()
    {
        var directory = TempDir();
        try
        {
            var path = Path.Combine(directory.FullName, "claims-too-much.model");
            File.WriteAllText(path, File.ReadAllText(Spec("standard-pca.model")).Replace("expect violated", "expect satisfied"));
            var (code, output, _) = CliRunner.Run("numeric", path, "--n", "100", "--json");
            Assert.Equal(1, code);
            using var json = JsonDocument.Parse(output);
            Assert.Equal("violated", json.RootElement.GetProperty("verdict").GetString());
        }
        finally { directory.Delete(recursive: true); }
    }

    // ---- 4: --train minimal -------------------------------------------------------------------------------

    [Fact]
    public void Train_minimal_reaches_the_identity_and_leaves_the_other_parameters_at_their_start()
    {
        // Seed 8: the minimal set's optimum is interior. (With the default seed λ runs into its bound 0
        // and the run never becomes stationary; see the report.)
        var run = NumericJson("probabilistic-pca.model", "--n", "200", "--seed", "8", "--train", "minimal", "--max-iterations", "20");
        Assert.Equal(["lambda", "sigma2"], run.GetProperty("stationaryIn").EnumerateArray().Select(e => e.GetString()));
        Assert.True(run.GetProperty("converged").GetBoolean());
        Assert.True(run.GetProperty("identityHolds").GetBoolean());
        Assert.True(IdentityHolds(run), $"gap {run.GetProperty("gap").GetDouble()}");
        Assert.True(run.GetProperty("gradientNormMinimal").GetDouble() <= 1e-8);
        Assert.Contains("only lambda, sigma2 trained", run.GetProperty("method").GetString());

        // W and mu are never trained: a shorter run, and the untrained start (--max-iterations 0), have the same ones.
        var shorter = NumericJson("probabilistic-pca.model", "--n", "200", "--seed", "8", "--train", "minimal", "--max-iterations", "1");
        var start = NumericJson("probabilistic-pca.model", "--n", "200", "--seed", "8", "--max-iterations", "0");
        foreach (var block in new[] { "W", "mu" })
        {
            var trained = run.GetProperty("params").GetProperty(block).GetRawText();
            Assert.Equal(trained, shorter.GetProperty("params").GetProperty(block).GetRawText());
            Assert.Equal(trained, start.GetProperty("params").GetProperty(block).GetRawText());
        }
        // …whereas the minimal set did move from the start.
        Assert.NotEqual(start.GetProperty("params").GetProperty("lambda").GetRawText(), run.GetProperty("params").GetProperty("lambda").GetRawText());

        // Control: with --train all, W does move.
        var all = NumericJson("probabilistic-pca.model", "--n", "200", "--seed", "8", "--max-iterations", "20");
        Assert.NotEqual(start.GetProperty("params").GetProperty("W").GetRawText(), all.GetProperty("params").GetProperty("W").GetRawText());
    }

    [Fact]
    public void Train_minimal_on_a_violated_spec_is_a_usage_error()
    {
        var (code, output, error) = Numeric("standard-pca.model", "--n", "50", "--train", "minimal");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--train minimal", error);
        Assert.DoesNotContain("   at ", error);
    }

    // ---- 5: determinism -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_differs(bool json)
    {
        string[] Args(string seed) => json ? ["--n", "100", "--seed", seed, "--json"] : ["--n", "100", "--seed", seed];
        var first = Numeric("probabilistic-pca.model", Args("5"));
        var again = Numeric("probabilistic-pca.model", Args("5"));
        var other = Numeric("probabilistic-pca.model", Args("6"));
        Assert.Equal((0, 0, 0), (first.Code, again.Code, other.Code));
        Assert.NotEqual("", first.Out);
        Assert.Equal(Encoding.UTF8.GetBytes(first.Out), Encoding.UTF8.GetBytes(again.Out));
        Assert.NotEqual(first.Out, other.Out);
    }

    // ---- 6: text output -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("probabilistic-pca.model")]
    [InlineData("factor-analysis.model")]
    public void The_text_report_has_the_figures_the_table_and_fits_120_columns(string file)
    {
        var (code, output, error) = Numeric(file, "--n", "200");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        AssertTextReport(output);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 120, $"{line.Length} characters: {line}"));
        Assert.Contains(lines, l => l.StartsWith("  stationary ") && l.Contains("yes"));
        Assert.Contains("the ELBO equals the entropy sum", output);
    }

    [Theory]
    [InlineData("gaussian-mixture.model")]
    [InlineData("standard-pca.model", "--posterior", "frozen")]
    [InlineData("probabilistic-pca.model", "--train", "minimal")]
    public void The_text_report_of_other_specs_has_the_figures_and_a_table_within_120_columns(string file, params string[] args)
    {
        // Long parameter blocks, the method and the conclusion are wrapped too.
        var (code, output, error) = Numeric(file, ["--n", "200", .. args]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        AssertTextReport(output);
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, IsTableHeader);
        var end = Array.IndexOf(lines, "", header);
        Assert.True(end > header + 2);
        Assert.All(lines[header..end], line => Assert.True(line.Length <= 120, $"{line.Length} characters: {line}"));
        Assert.All(lines, line => Assert.True(line.Length <= 120, $"{line.Length} characters: {line}"));
    }

    private static bool IsTableHeader(string line) =>
        line.TrimStart().StartsWith("iter") && new[] { "step", "ELBO", "entropy sum", "gap", "|grad| min", "|grad| all", "log-lik" }.All(line.Contains);

    private static void AssertTextReport(string output)
    {
        foreach (var text in new[] { "ELBO", "entropy sum", "gap", "stationary", "iterations", "parameters:" })
            Assert.Contains(text, output);
        Assert.Single(output.Split('\n'), IsTableHeader);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\r', output);
        Assert.EndsWith("\n", output);
    }

    // ---- 7: --plot ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("elbo.svg")]
    [InlineData("elbo.png")]
    [InlineData("ELBO.SVG")]
    public void Plot_writes_an_svg_or_png_file(string name)
    {
        var directory = TempDir();
        try
        {
            var path = Path.Combine(directory.FullName, name);
            var (code, output, error) = Numeric("probabilistic-pca.model", "--n", "100", "--plot", path);
            Assert.Equal(0, code);
            Assert.Equal("", error);
            Assert.Contains("ELBO", output);
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 100, $"{bytes.Length} bytes");
            if (name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            }
            else
            {
                var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').TrimStart();
                Assert.True(text.StartsWith("<svg") || text.StartsWith("<?xml"), text[..Math.Min(40, text.Length)]);
                Assert.Contains("</svg>", text);
            }
        }
        finally { directory.Delete(recursive: true); }
    }

    [Fact]
    public void Plot_to_an_unsupported_extension_is_a_usage_error_and_writes_nothing()
    {
        var directory = TempDir();
        try
        {
            var path = Path.Combine(directory.FullName, "out.txt");
            var (code, output, error) = Numeric("probabilistic-pca.model", "--n", "50", "--plot", path);
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.True(error.Contains(".svg") || error.Contains(".png"), error);
            Assert.False(File.Exists(path));
        }
        finally { directory.Delete(recursive: true); }
    }

    // ---- 8: usage and input errors ------------------------------------------------------------------------

    // (message pattern, arguments)
    public static TheoryData<string, string[]> BadArguments => new()
    {
        { "--n must be at least 1", ["--n", "0"] },
        { "--n must be at least 1", ["--n", "-3"] },
        { "--tolerance must be (a )?positive", ["--n", "50", "--tolerance", "0"] },
        { "--tolerance must be (a )?positive", ["--n", "50", "--tolerance", "-1"] },
        { "--tolerance must be (a )?positive", ["--n", "50", "--tolerance", "NaN"] },
        { "--tolerance must be (a )?positive", ["--n", "50", "--tolerance", "Infinity"] },
        { "--max-iterations must not be negative", ["--n", "50", "--max-iterations", "-1"] },
        { "bogus", ["--n", "50", "--posterior", "bogus"] },
        { "bogus", ["--n", "50", "--train", "bogus"] },
        { "--dims", ["--n", "50", "--dims", "H=x"] },
        { "", ["--n", "abc"] },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_exit_2_with_a_message_and_no_output(string message, string[] args)
    {
        var (code, output, error) = Numeric("probabilistic-pca.model", args);
        AssertUsageError(code, output, error);
        Assert.Matches(message, error);
    }

    [Fact]
    public void A_missing_spec_file_exits_2()
    {
        var directory = TempDir();
        try
        {
            var (code, output, error) = CliRunner.Run("numeric", Path.Combine(directory.FullName, "no-such.model"), "--n", "50");
            AssertUsageError(code, output, error);
            Assert.Contains("no-such.model", error);
        }
        finally { directory.Delete(recursive: true); }
    }

    [Theory]
    [InlineData("header has too few columns", "x[1],x[2]\n1,2\n3,4\n", "column")]
    [InlineData("rows have too few columns", "1,2\n3,4\n", "expected 3 value(s) per row")]
    [InlineData("rows have too many columns", "x[1],x[2],x[3]\n1,2,3\n1,2,3,4\n", "expected 3 value(s) per row")]
    [InlineData("a NaN value", "x[1],x[2],x[3]\n1,2,3\nNaN,1,2\n", "NaN")]
    [InlineData("an infinite value", "x[1],x[2],x[3]\n1,2,3\n1,Infinity,2\n", "finite")]
    [InlineData("text that is not a number", "x[1],x[2],x[3]\n1,2,3\n1,two,2\n", "'two' is not a number")]
    [InlineData("no data rows", "x[1],x[2],x[3]\n", "no data rows")]
    public void Bad_data_files_exit_2(string what, string csv, string message)
    {
        var directory = TempDir();
        try
        {
            var path = Path.Combine(directory.FullName, "data.csv");
            File.WriteAllText(path, csv);
            var (code, output, error) = Numeric("probabilistic-pca.model", "--data", path);
            AssertUsageError(code, output, error);
            Assert.True(error.Contains(message), $"{what}: {error}");
            Assert.Contains("data.csv", error);
        }
        finally { directory.Delete(recursive: true); }
    }

    [Fact]
    public void A_missing_data_file_exits_2()
    {
        var directory = TempDir();
        try
        {
            var (code, output, error) = Numeric("probabilistic-pca.model", "--data", Path.Combine(directory.FullName, "absent.csv"));
            AssertUsageError(code, output, error);
            Assert.Contains("absent.csv", error);
        }
        finally { directory.Delete(recursive: true); }
    }

    private static void AssertUsageError(int code, string output, string error)
    {
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.NotEqual("", error.Trim());
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("   at ", error);
    }

    // ---- 9: --data ----------------------------------------------------------------------------------------

    [Fact]
    public void Data_from_a_csv_file_trains_to_the_identity_without_true_parameters()
    {
        var directory = TempDir();
        try
        {
            var path = Path.Combine(directory.FullName, "ppca.csv");
            File.WriteAllText(path, PpcaCsv(rows: 100, seed: 7));
            var run = NumericJson("probabilistic-pca.model", "--data", path);
            AssertConvergedWithIdentity(run);
            Assert.Equal(100, run.GetProperty("n").GetInt32());
            Assert.Equal(path, run.GetProperty("data").GetString());
            Assert.True(!run.TryGetProperty("trueParams", out var truth) || truth.ValueKind == JsonValueKind.Null);
            // Stationary in mu: the fitted mean is the sample mean.
            var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var mu = Vector(run.GetProperty("params").GetProperty("mu"));
            for (var d = 0; d < 3; d++) Assert.Equal(rows.Average(r => r[d]), mu[d], 1e-6);
        }
        finally { directory.Delete(recursive: true); }
    }

    // x = W z + mu + noise with z ~ N(0, diag(1.5, 0.7)), noise ~ N(0, 0.25 I).
    private static string PpcaCsv(int rows, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[,] w = { { 1.0, 0.5 }, { -0.7, 1.2 }, { 0.3, -0.9 } };
        double[] mu = [1, -2, 0.5];
        double[] lambda = [1.5, 0.7];
        var s = new StringBuilder("x[1],x[2],x[3]\n");
        for (var n = 0; n < rows; n++)
        {
            var z = lambda.Select(l => Math.Sqrt(l) * Normal()).ToArray();
            var x = Enumerable.Range(0, 3).Select(d => w[d, 0] * z[0] + w[d, 1] * z[1] + mu[d] + 0.5 * Normal());
            s.Append(string.Join(",", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }
        return s.ToString();
    }
}
