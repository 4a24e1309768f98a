using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>evaluate</c>: the log-likelihood and ELBO at given parameters against densities computed here
/// independently (Gaussian mixture, p-PCA, factor analysis; CSV and NPY data), and every kind of bad
/// parameter or data file rejected with exit code 2, a located message and no stack trace.
/// </summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

    public EvaluateCommandTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    // ---------------------------------------------------------------- log-likelihood reproduced

    [Theory]
    [InlineData("gaussian-mixture.model", "csv", 11)]
    [InlineData("gaussian-mixture.model", "npy", 12)]
    [InlineData("probabilistic-pca.model", "csv", 21)]
    [InlineData("probabilistic-pca.model", "npy", 22)]
    [InlineData("factor-analysis.model", "csv", 31)]
    public void Evaluate_reproduces_the_mean_log_likelihood_computed_from_the_densities(string spec, string format, int seed)
    {
        var random = new Random(seed);
        var problem = spec switch
        {
            "gaussian-mixture.model" => GaussianMixture(random, 50),
            "probabilistic-pca.model" => LinearGaussian(random, 50, perDimensionNoise: false),
            "factor-analysis.model" => LinearGaussian(random, 50, perDimensionNoise: true),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
        var paramsPath = Write("P.json", problem.Json);
        var dataPath = format == "npy" ? Write("D.npy", Npy(problem.Data)) : Write("D.csv", Csv(problem.Data, withHeader: true));

        var (code, output, error) = CliRunner.Run("evaluate", Repository.CatalogPath(spec), "--params", paramsPath, "--data", dataPath, "--json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var field in new[] { "elbo", "entropySum", "gap", "gradientNorm", "gradientNormMinimal", "logLikelihood", "closedForm", "iterations", "converged", "params" })
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(problem.Data.Length, root.GetProperty("n").GetInt32());
        Assert.Equal(0, root.GetProperty("iterations").GetInt32());
        // Random parameters are nowhere near a stationary point.
        Assert.False(root.GetProperty("converged").GetBoolean());

        var expected = problem.MeanLogLikelihood;
        var logLikelihood = root.GetProperty("logLikelihood").GetDouble();
        var elbo = root.GetProperty("elbo").GetDouble();
        AssertRelative(expected, logLikelihood, 1e-9, "logLikelihood");
        // The posterior is exact, so the ELBO is the log-likelihood.
        AssertRelative(logLikelihood, elbo, 1e-9, "elbo");
        AssertRelative(elbo - root.GetProperty("entropySum").GetDouble(), root.GetProperty("gap").GetDouble(), 1e-9, "gap");

        // The parameters are echoed in their shapes, as given.
        var echoed = root.GetProperty("params");
        foreach (var (name, values) in problem.Blocks)
        {
            var flat = Flatten(echoed.GetProperty(name)).ToArray();
            Assert.Equal(values.Length, flat.Length);
            for (var i = 0; i < values.Length; i++) AssertRelative(values[i], flat[i], 1e-12, $"{name} entry {i}");
        }
    }

    [Fact]
    public void Evaluate_without_json_prints_the_figures_as_a_table()
    {
        var problem = LinearGaussian(new Random(5), 20, perDimensionNoise: false);
        var paramsPath = Write("P.json", problem.Json);
        var dataPath = Write("D.csv", Csv(problem.Data, withHeader: false));

        var (code, output, error) = CliRunner.Run("evaluate", Repository.CatalogPath("probabilistic-pca.model"), "--params", paramsPath, "--data", dataPath);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("N = 20", output);
        var line = output.Split('\n').Single(l => l.TrimStart().StartsWith("log-likelihood", StringComparison.Ordinal));
        var shown = double.Parse(line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        AssertRelative(problem.MeanLogLikelihood, shown, 1e-8, "log-likelihood");
    }

    // ---------------------------------------------------------------- bad input

    private const string GmmParams = """
        {
          "pi": [0.2, 0.3, 0.5],
          "mu": [[0, 0, 0], [1, 1, 1], [-1, 0, 1]],
          "Sigma": [
            [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
            [[2, 0.5, 0], [0.5, 1, 0], [0, 0, 1]],
            [[1, 0, 0], [0, 1, 0], [0, 0, 3]]
          ]
        }
        """;

    private const string PpcaParams = """
        {
          "lambda": [1.5, 0.7],
          "W": [[1, 0.2], [0.3, -0.5], [0.1, 0.9]],
          "mu": [0.1, -0.2, 0.3],
          "sigma2": 0.4
        }
        """;

    private const string BernoulliParams = """
        {
          "pi": [0.2, 0.3, 0.5],
          "p": [[0.1, 0.5, 0.9], [0.2, 0.2, 0.2], [0.7, 0.6, 0.5]]
        }
        """;

    private const string PoissonParams = """
        {
          "pi": [0.2, 0.3, 0.5],
          "lambda": [[1, 2, 3], [0.5, 0.5, 0.5], [4, 1, 2]]
        }
        """;

    private const string GoodCsv = "x[1],x[2],x[3]\n0.1,0.2,0.3\n1,2,3\n-0.5,0,0.5\n";

    private const string CountCsv = "x[1],x[2],x[3]\n0,1,1\n1,0,1\n";

    /// <summary>
    /// One bad-input case: the spec, the parameter file (null: not written), the data file (name and
    /// bytes; null bytes: not written), the phrase stderr must contain, and for located JSON/CSV errors
    /// the file ("P" or "D"), line and column of the expected <c>file:line:column:</c> prefix (line -1: any place).
    /// </summary>
    private sealed record BadCase(string Spec, string? Params, string DataName, byte[]? Data, string Phrase,
        string? LocatedIn = null, int Line = 0, int Column = 0, string[]? Args = null);

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static BadCase Gmm(string? json, string phrase, int line = 0, int column = 0) =>
        new("gaussian-mixture.model", json, "D.csv", Text(GoodCsv), phrase, line != 0 ? "P" : null, line, column);

    private static BadCase Ppca(string? json, string phrase, int line = 0, int column = 0) =>
        new("probabilistic-pca.model", json, "D.csv", Text(GoodCsv), phrase, line != 0 ? "P" : null, line, column);

    private static BadCase PpcaCsv(string? csv, string phrase, int line = 0, int column = 0) =>
        new("probabilistic-pca.model", PpcaParams, "D.csv", csv is null ? null : Text(csv), phrase, line != 0 ? "D" : null, line, column);

    private static BadCase PpcaNpy(byte[] npy, string phrase) =>
        new("probabilistic-pca.model", PpcaParams, "D.npy", npy, phrase);

    private static readonly Dictionary<string, BadCase> BadCases = new()
    {
        // The parameter file.
        ["params file missing"] = Ppca(null, "no such file"),
        ["params file empty"] = Ppca("", "the file is empty", 1, 1),
        ["params not an object"] = Ppca("[1, 2, 3]\n", "expected a JSON object keyed by parameter name", 1, 1),
        ["params invalid JSON (missing comma)"] = Ppca(PpcaParams.Replace("0.3],\n", "0.3]\n"), "not valid JSON", 5, 3),
        ["params invalid JSON (unclosed object)"] = Ppca("{\"lambda\": [1.5, 0.7]\n", "not valid JSON", 2, 1),
        ["params text after the object"] = Ppca(PpcaParams + "\n{}\n", "not valid JSON: '{' is invalid after a single JSON value", 7, 1),
        ["missing block"] = Ppca(PpcaParams.Replace(",\n  \"sigma2\": 0.4", ""), "missing parameter sigma2", 1, 1),
        ["missing blocks"] = Gmm("{\"pi\": [0.2, 0.3, 0.5]}", "missing parameters mu[C, D], Sigma[C, D, D]", 1, 1),
        ["unknown key"] = Ppca(PpcaParams.Replace("\"sigma2\": 0.4", "\"sigma2\": 0.4,\n  \"tau\": 1"), "'tau' is not a parameter of the model", 6, 3),
        ["key given twice"] = Ppca(PpcaParams.Replace("\"sigma2\": 0.4", "\"sigma2\": 0.4,\n  \"mu\": [0, 0, 0]"), "\"mu\" appears twice in this object", 6, 3),
        ["wrong length at depth 1"] = Ppca(PpcaParams.Replace("[0.1, -0.2, 0.3]", "[0.1, -0.2]"), "mu[D] has shape [3]; expected 3 entries at depth 1, found 2", 4, 9),
        ["wrong length at depth 2"] = Ppca(PpcaParams.Replace("[0.3, -0.5]", "[0.3, -0.5, 7]"), "W[D, H] has shape [3, 2]; expected 2 entries at depth 2, found 3", 3, 19),
        ["wrong length at depth 3"] = Gmm(GmmParams.Replace("[0, 0, 3]", "[0, 0]"), "Sigma[C, D, D] has shape [3, 3, 3]; expected 3 entries at depth 3, found 2", 7, 28),
        ["number where an array is expected"] = Ppca(PpcaParams.Replace("[0.1, -0.2, 0.3]", "5"), "mu[D] has shape [3]; expected an array of 3 at depth 1, found a number", 4, 9),
        ["array where a number is expected"] = Ppca(PpcaParams.Replace("\"sigma2\": 0.4", "\"sigma2\": [0.4]"), "expected a number for an entry of sigma2, found an array of 1", 5, 13),
        ["string where a number is expected"] = Ppca(PpcaParams.Replace("-0.5]", "\"-0.5\"]"), "expected a number for an entry of W[D, H], found a string", 3, 25),
        ["negative mixture weight"] = Gmm(GmmParams.Replace("[0.2, 0.3, 0.5]", "[-0.2, 0.7, 0.5]"), "pi[1] = -0.2 is outside (0, 1)", 2, 10),
        ["mixture weight of 1"] = Gmm(GmmParams.Replace("[0.2, 0.3, 0.5]", "[1, 0, 0]"), "pi[1] = 1 is outside (0, 1)", 2, 10),
        ["mixture weights not summing to 1"] = Gmm(GmmParams.Replace("[0.2, 0.3, 0.5]", "[0.2, 0.3, 0.6]"), "the weights of pi sum to 1.1, not 1", 2, 9),
        ["covariance not symmetric"] = Gmm(GmmParams.Replace("[[2, 0.5, 0], [0.5, 1, 0]", "[[2, 0.5, 0], [0.4, 1, 0]"), "Sigma[2] is not symmetric: entry [1,2] = 0.5 but [2,1] = 0.4", 6, 5),
        ["covariance not positive definite"] = Gmm(GmmParams.Replace("[[1, 0, 0], [0, 1, 0], [0, 0, 3]]", "[[1, 2, 0], [2, 1, 0], [0, 0, 3]]"), "Sigma[3] is not positive definite", 7, 5),
        // Rank 2: the eigenvalue check may see a tiny positive eigenvalue, and the later check of the whole θ
        // then reports it (at the start of the object), so only "located somewhere" is asserted.
        ["covariance singular"] = Gmm(GmmParams.Replace("[[1, 0, 0], [0, 1, 0], [0, 0, 3]]", "[[1, 1, 0], [1, 1, 0], [0, 0, 3]]"), "is not positive definite", -1),
        ["sigma2 zero"] = Ppca(PpcaParams.Replace("\"sigma2\": 0.4", "\"sigma2\": 0"), "sigma2 = 0 is not positive", 5, 13),
        ["sigma2 negative"] = Ppca(PpcaParams.Replace("\"sigma2\": 0.4", "\"sigma2\": -1.5"), "sigma2 = -1.5 is not positive", 5, 13),
        ["lambda negative"] = Ppca(PpcaParams.Replace("[1.5, 0.7]", "[1.5, -0.7]"), "lambda[2] = -0.7 is not positive", 2, 19),
        ["Bernoulli probability of 1"] = new("bernoulli-mixture.model", BernoulliParams.Replace("0.9]", "1]"), "D.csv", Text(CountCsv), "p[1,3] = 1 is outside (0, 1)", "P", 3, 20),

        // The data file.
        ["data file missing"] = PpcaCsv(null, "no such file"),
        ["data file without rows"] = PpcaCsv("x[1],x[2],x[3]\n", "no data rows"),
        ["NaN in CSV"] = PpcaCsv("x[1],x[2],x[3]\n0.1,0.2,0.3\n1,NaN,3\n", "NaN is not a finite value", 3, 3),
        ["Infinity in CSV"] = PpcaCsv("x[1],x[2],x[3]\n0.1,0.2,0.3\n1,2,-Infinity\n", "-Infinity is not a finite value", 3, 5),
        ["inf in CSV"] = PpcaCsv("x[1],x[2],x[3]\n0.1,0.2,0.3\ninf,2,3\n", "'inf' is not a number", 3, 1),
        ["non-number in CSV"] = PpcaCsv("x[1],x[2],x[3]\n0.1,0.2,0.3\n1, abc ,3\n", "'abc' is not a number", 3, 4),
        ["empty field in CSV"] = PpcaCsv("0.1,,0.3\n", "'' is not a number", 1, 5),
        ["too few columns in CSV"] = PpcaCsv("x[1],x[2],x[3]\n0.1,0.2,0.3\n1,2\n", "expected 3 value(s) per row (x[1], x[2], x[3]), found 2", 3, 1),
        ["too many columns in CSV"] = PpcaCsv("0.1,0.2,0.3\n1,2,3,4\n", "expected 3 value(s) per row (x[1], x[2], x[3]), found 4", 2, 1),
        ["header with wrong names"] = PpcaCsv("x[1],y[2],x[3]\n0.1,0.2,0.3\n", "column 2 is named 'y[2]', but the observable's coordinate 2 is x[2]", 1, 6),
        ["header with wrong count"] = PpcaCsv("x[1],x[2]\n0.1,0.2,0.3\n", "the header names 2 column(s); x has 3: x[1], x[2], x[3]", 1, 1),
        ["NPY with wrong number of columns"] = PpcaNpy(Npy([[0.1, 0.2], [1, 2]]), "the array has 2 column(s); x has 3: x[1], x[2], x[3]"),
        ["NPY with NaN"] = PpcaNpy(Npy([[0.1, 0.2, 0.3], [1, double.NaN, 3]]), "row 2, column 2 (x[2]) is NaN; the data must not contain NaN or infinity"),
        ["NPY with infinity"] = PpcaNpy(Npy([[double.PositiveInfinity, 0.2, 0.3]]), "row 1, column 1 (x[1]) is Infinity; the data must not contain NaN or infinity"),
        ["NPY without magic"] = PpcaNpy(Text("0.1,0.2,0.3\n"), "not an NPY file"),
        ["NPY cut short"] = PpcaNpy(Npy([[0.1, 0.2, 0.3], [1, 2, 3]])[..^8], "the header promises 2×3 values of 8 bytes, but the file holds 40 bytes of data"),
        ["Bernoulli data 0.5 (CSV)"] = new("bernoulli-mixture.model", BernoulliParams, "D.csv", Text("x[1],x[2],x[3]\n0,1,1\n1,0.5,1\n"), "x[2] = 0.5 is not 0 or 1", "D", 3, 3),
        ["Bernoulli data 0.5 (NPY)"] = new("bernoulli-mixture.model", BernoulliParams, "D.npy", Npy([[0, 1, 1], [1, 0.5, 1]]), "row 2: x[2] = 0.5 is not 0 or 1"),
        ["Poisson data -1"] = new("poisson-mixture.model", PoissonParams, "D.csv", Text("x[1],x[2],x[3]\n0,1,1\n-1,0,1\n"), "x[1] = -1 is not a count (0, 1, 2, …)", "D", 3, 1),
        ["Poisson data 1.5"] = new("poisson-mixture.model", PoissonParams, "D.csv", Text("0,1,1\n1,0,1.5\n"), "x[3] = 1.5 is not a count (0, 1, 2, …)", "D", 2, 5),

        // The command line.
        ["--params missing"] = new("probabilistic-pca.model", PpcaParams, "D.csv", Text(GoodCsv), "evaluate needs the option --params", Args: ["--data", "{D}"]),
        ["--data missing"] = new("probabilistic-pca.model", PpcaParams, "D.csv", Text(GoodCsv), "evaluate needs the option --data", Args: ["--params", "{P}"]),
    };

    public static TheoryData<string> BadCaseNames() => [.. BadCases.Keys];

    [Theory]
    [MemberData(nameof(BadCaseNames))]
    public void Bad_input_exits_2_with_a_message_and_nothing_on_stdout(string name)
    {
        var c = BadCases[name];
        var paramsPath = Path.Combine(directory, "P.json");
        var dataPath = Path.Combine(directory, c.DataName);
        if (c.Params is not null) File.WriteAllText(paramsPath, c.Params);
        if (c.Data is not null) File.WriteAllBytes(dataPath, c.Data);
        var rest = c.Args?.Select(a => a.Replace("{P}", paramsPath).Replace("{D}", dataPath))
            ?? ["--params", paramsPath, "--data", dataPath, "--json"];

        var (code, output, error) = CliRunner.Run(["evaluate", Repository.CatalogPath(c.Spec), .. rest]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(c.Phrase, error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("internal error", error);
        Assert.DoesNotContain("Exception", error);
        if (c.Args is not null)
        {
            Assert.Contains("needs the option", error);
            Assert.Contains("Try 'criterion-check evaluate --help'.", error);
        }
        else if (c.LocatedIn is not null)
        {
            var file = c.LocatedIn == "P" ? paramsPath : dataPath;
            var prefix = Regex.Match(error, $@"^{Regex.Escape(file)}:(\d+):(\d+): ");
            Assert.True(prefix.Success, $"no file:line:column: prefix in: {error}");
            var (line, column) = (int.Parse(prefix.Groups[1].Value), int.Parse(prefix.Groups[2].Value));
            if (c.Line > 0) Assert.Equal((c.Line, c.Column), (line, column));
            var lines = error.TrimEnd('\n').Split('\n');
            Assert.Equal(3, lines.Length);
            // The offending source line, then a caret under the column named in the prefix.
            var sourceLine = (c.LocatedIn == "P" ? c.Params! : Encoding.UTF8.GetString(c.Data!)).Split('\n')[line - 1].TrimEnd('\r');
            Assert.Equal("  " + sourceLine, lines[1]);
            Assert.Matches(new Regex(@"^  \s*\^~*$"), lines[2]);
            Assert.Equal(column - 1, lines[2].IndexOf('^') - 2);
        }
        else
        {
            // Not about a place in the file, but still about the file.
            var file = c.Params is null ? paramsPath : dataPath;
            Assert.StartsWith($"{file}: ", error);
            Assert.DoesNotContain("^", error);
        }
    }

    // ---------------------------------------------------------------- helpers

    private sealed record Problem(string Json, double[][] Data, double MeanLogLikelihood, (string Name, double[] Values)[] Blocks);

    private const int C = 3, D = 3, H = 2;

    private static Problem GaussianMixture(Random random, int n)
    {
        var pi = Enumerable.Range(0, C).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var total = pi.Sum();
        for (var c = 0; c < C; c++) pi[c] /= total;
        var mu = new double[C][];
        var sigma = new double[C][,];
        for (var c = 0; c < C; c++)
        {
            mu[c] = Enumerable.Range(0, D).Select(_ => 3 * Normal(random)).ToArray();
            var a = new double[D, D];
            for (var i = 0; i < D; i++)
                for (var j = 0; j < D; j++) a[i, j] = Normal(random);
            sigma[c] = new double[D, D];
            for (var i = 0; i < D; i++)
                for (var j = 0; j <= i; j++)
                {
                    var s = i == j ? 0.3 : 0.0;
                    for (var k = 0; k < D; k++) s += a[i, k] * a[j, k];
                    sigma[c][i, j] = sigma[c][j, i] = s;
                }
        }
        var chol = sigma.Select(Cholesky).ToArray();
        var data = new double[n][];
        for (var t = 0; t < n; t++)
        {
            var u = random.NextDouble();
            var c = 0;
            while (c < C - 1 && u > pi[c]) u -= pi[c++];
            var z = Enumerable.Range(0, D).Select(_ => Normal(random)).ToArray();
            data[t] = new double[D];
            for (var i = 0; i < D; i++)
            {
                data[t][i] = mu[c][i];
                for (var k = 0; k <= i; k++) data[t][i] += chol[c][i, k] * z[k];
            }
        }
        var meanLogLikelihood = data.Average(x =>
        {
            var terms = Enumerable.Range(0, C).Select(c => Math.Log(pi[c]) + LogNormalDensity(x, mu[c], sigma[c])).ToArray();
            var max = terms.Max();
            return max + Math.Log(terms.Sum(v => Math.Exp(v - max)));
        });
        var json = $$"""
            {
              "pi": {{Array1(pi)}},
              "mu": [{{string.Join(", ", mu.Select(Array1))}}],
              "Sigma": [{{string.Join(",\n    ", sigma.Select(Array2))}}]
            }
            """;
        return new Problem(json, data, meanLogLikelihood,
            [("pi", pi), ("mu", [.. mu.SelectMany(m => m)]), ("Sigma", [.. sigma.SelectMany(s => s.Cast<double>())])]);
    }

    // p-PCA (noise sigma2 I) or factor analysis (noise diag(psi)): x ~ N(mu, W diag(lambda) W' + noise).
    private static Problem LinearGaussian(Random random, int n, bool perDimensionNoise)
    {
        var lambda = Enumerable.Range(0, H).Select(_ => 0.5 + 2 * random.NextDouble()).ToArray();
        var w = new double[D, H];
        for (var d = 0; d < D; d++)
            for (var h = 0; h < H; h++) w[d, h] = Normal(random);
        var mu = Enumerable.Range(0, D).Select(_ => 2 * Normal(random)).ToArray();
        var noise = perDimensionNoise
            ? Enumerable.Range(0, D).Select(_ => 0.2 + random.NextDouble()).ToArray()
            : Enumerable.Repeat(0.2 + random.NextDouble(), D).ToArray();
        var covariance = new double[D, D];
        for (var i = 0; i < D; i++)
            for (var j = 0; j < D; j++)
            {
                var s = i == j ? noise[i] : 0.0;
                for (var h = 0; h < H; h++) s += w[i, h] * lambda[h] * w[j, h];
                covariance[i, j] = s;
            }
        var data = new double[n][];
        for (var t = 0; t < n; t++)
        {
            var z = lambda.Select(l => Math.Sqrt(l) * Normal(random)).ToArray();
            data[t] = new double[D];
            for (var d = 0; d < D; d++)
            {
                data[t][d] = mu[d] + Math.Sqrt(noise[d]) * Normal(random);
                for (var h = 0; h < H; h++) data[t][d] += w[d, h] * z[h];
            }
        }
        var meanLogLikelihood = data.Average(x => LogNormalDensity(x, mu, covariance));
        var noiseBlock = perDimensionNoise ? ("psi", noise) : ("sigma2", new[] { noise[0] });
        var noiseJson = perDimensionNoise ? Array1(noise) : Number(noise[0]);
        var json = $$"""
            {
              "lambda": {{Array1(lambda)}},
              "W": {{Array2(w)}},
              "mu": {{Array1(mu)}},
              "{{noiseBlock.Item1}}": {{noiseJson}}
            }
            """;
        return new Problem(json, data, meanLogLikelihood,
            [("lambda", lambda), ("W", [.. w.Cast<double>()]), ("mu", mu), noiseBlock]);
    }

    // Box–Muller.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[,] Cholesky(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    Assert.True(s > 0, "test covariance is not positive definite");
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        return l;
    }

    // log N(x; mu, sigma) through the Cholesky factor: forward substitution for L⁻¹(x − μ), log|Σ| = 2 Σ log L_ii.
    private static double LogNormalDensity(double[] x, double[] mu, double[,] sigma)
    {
        var l = Cholesky(sigma);
        var n = x.Length;
        var y = new double[n];
        double quadratic = 0, logDet = 0;
        for (var i = 0; i < n; i++)
        {
            var s = x[i] - mu[i];
            for (var k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
            quadratic += y[i] * y[i];
            logDet += 2 * Math.Log(l[i, i]);
        }
        return -0.5 * (n * Math.Log(2 * Math.PI) + logDet + quadratic);
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Array1(double[] v) => $"[{string.Join(", ", v.Select(Number))}]";

    private static string Array2(double[,] m) =>
        $"[{string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(i => Array1([.. Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j])])))}]";

    private static IEnumerable<double> Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e.GetDouble()];

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {Number(expected)}, got {Number(actual)} (relative tolerance {tolerance})");

    private static string Csv(double[][] rows, bool withHeader)
    {
        var text = new StringBuilder();
        if (withHeader) text.Append(string.Join(",", Enumerable.Range(1, rows[0].Length).Select(i => $"x[{i}]"))).Append('\n');
        foreach (var row in rows) text.Append(string.Join(",", row.Select(Number))).Append('\n');
        return text.ToString();
    }

    // NPY version 1.0, '<f8', C order, shape (N, D); the header is padded so data start at a multiple of 64.
    private static byte[] Npy(double[][] rows)
    {
        var dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows.Length}, {rows[0].Length}), }}";
        var headerLength = dict.Length + 1;
        headerLength += (64 - (10 + headerLength) % 64) % 64;
        var header = dict.PadRight(headerLength - 1) + "\n";
        Assert.True(BitConverter.IsLittleEndian, "the NPY writer assumes a little-endian machine");
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0]);
        bytes.AddRange(BitConverter.GetBytes((ushort)headerLength));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        Assert.Equal(0, bytes.Count % 64);
        foreach (var row in rows)
            foreach (var v in row) bytes.AddRange(BitConverter.GetBytes(v));
        return [.. bytes];
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
