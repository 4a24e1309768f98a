using System.Text.Json;
using System.Text.Json.Nodes;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// Proofs for every size on the command line: what <c>check --json</c> says about sizes (allSizes,
/// sizes, witnessAtLargerSizes and the template certificate), <c>check --dims</c> with sizes larger than
/// a model the concrete check could build quickly, and <c>verify</c> of template certificates — the
/// genuine ones (exit 0, at the declared and at other sizes) and forged ones (exit 1, with the reason).
/// </summary>
public class TemplateCheckAndVerifyTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("template-verify-");

    public void Dispose()
    {
        directory.Delete(true);
        GC.SuppressFinalize(this);
    }

    // The catalog's declared sizes (README: H = 2, D = 3, C = 3, I = 2, K = 2, H1 = H2 = H3 = 2), per spec.
    public static readonly Dictionary<string, string> Sizes = new()
    {
        ["bernoulli-mixture.model"] = "C=3 D=3", ["binary-sparse-coding.model"] = "H=2 D=3", ["factor-analysis.model"] = "H=2 D=3",
        ["fixed-variance-gaussian.model"] = "H=2 D=3", ["gamma-mixture.model"] = "C=3", ["gaussian-decoder-diagonal.model"] = "H=2 D=3",
        ["gaussian-decoder.model"] = "H=2 D=3", ["gaussian-mixture.model"] = "C=3 D=3", ["laplace-sparse-coding.model"] = "H=2 D=3",
        ["mixture-prior.model"] = "C=3 H=2 D=3", ["poisson-factorization.model"] = "H=2 D=3", ["poisson-glm.model"] = "H=2 D=3",
        ["poisson-mixture.model"] = "C=3 D=3", ["probabilistic-pca.model"] = "H=2 D=3", ["sigmoid-belief-net-2layer.model"] = "H=2 I=2 D=3",
        ["sigmoid-belief-net-3layer.model"] = "H1=2 H2=2 H3=2 D=3", ["sigmoid-belief-net.model"] = "H=2 D=3", ["standard-pca.model"] = "H=2 D=3",
        ["vae-bernoulli-linear.model"] = "H=2 K=2 D=3", ["vae-bernoulli.model"] = "H=2 D=3",
    };

    // Violated specs, and whether their witness holds at larger sizes: its rows must not sum over a size.
    // poisson-factorization's rows are log(Σ_h W[d,h] z[h]), a sum over H.
    public static readonly Dictionary<string, bool> Violated = new()
    {
        ["fixed-variance-gaussian.model"] = true, ["standard-pca.model"] = true, ["vae-bernoulli.model"] = true, ["poisson-factorization.model"] = false,
    };

    private static readonly Lazy<List<JsonElement>> Catalog = new(() =>
    {
        var (code, output, error) = CliRunner.Run("check", Repository.ModelSpecs, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        return [.. JsonDocument.Parse(output).RootElement.EnumerateArray()];
    });

    private static JsonElement Entry(string file) => Catalog.Value.Single(e => Path.GetFileName(e.GetProperty("file").GetString()) == file);

    private static string SizesOf(JsonElement entry) => string.Join(" ", entry.GetProperty("sizes").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt32()}"));

    public static TheoryData<string> SatisfiedSpecs => [.. Sizes.Keys.Where(k => !Violated.ContainsKey(k)).Order()];

    public static TheoryData<string> ViolatedSpecs => [.. Violated.Keys.Order()];

    [Fact]
    public void Check_json_covers_the_whole_catalog()
    {
        Assert.Equal(Sizes.Keys.Order(), Catalog.Value.Select(e => Path.GetFileName(e.GetProperty("file").GetString()!)).Order());
    }

    [Theory]
    [MemberData(nameof(SatisfiedSpecs))]
    public void A_satisfied_catalog_spec_is_proved_for_every_size_and_its_certificate_is_a_template(string file)
    {
        var entry = Entry(file);
        Assert.Equal("satisfied", entry.GetProperty("verdict").GetString());
        Assert.True(entry.GetProperty("allSizes").GetBoolean());
        Assert.False(entry.TryGetProperty("witnessAtLargerSizes", out _));
        Assert.Equal(Sizes[file], SizesOf(entry));
        var certificate = entry.GetProperty("certificate");
        Assert.True(certificate.GetProperty("allSizes").GetBoolean());
        // Keys name indices (W[d,h]) or are scalar blocks; never elements such as W[2,1].
        var keys = certificate.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("coefficients").EnumerateObject().Select(c => c.Name)).ToList();
        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.Contains('[') && k[(k.IndexOf('[') + 1)..^1].Split(',').Any(i => char.IsDigit(i.Trim()[0])));
    }

    [Theory]
    [MemberData(nameof(ViolatedSpecs))]
    public void A_violated_catalog_spec_is_not_claimed_for_every_size_and_says_whether_its_witness_holds_at_larger_ones(string file)
    {
        var entry = Entry(file);
        Assert.Equal("violated", entry.GetProperty("verdict").GetString());
        Assert.False(entry.GetProperty("allSizes").GetBoolean());
        Assert.Equal(Violated[file], entry.GetProperty("witnessAtLargerSizes").GetBoolean());
        Assert.Equal(Sizes[file], SizesOf(entry));
        Assert.True(entry.GetProperty("certificate").TryGetProperty("witness", out _));
        var (code, output, _) = CliRunner.Run("check", Repository.CatalogPath(file));
        Assert.Equal(0, code);
        var sizes = output.Split('\n').Single(l => l.StartsWith("sizes", StringComparison.Ordinal));
        Assert.Contains(Violated[file] ? "and at every larger size" : "only", sizes);
    }

    // The text report prints, per factor, α (prior) or β with the template's keys: the same coefficients as the
    // JSON certificate, except the categorical α, which it shows in the paper's form π_c(log π_c + H[π]) (Eq. 45).
    [Theory]
    [MemberData(nameof(SatisfiedSpecs))]
    public void The_text_report_prints_the_template_coefficients_of_the_json_certificate(string file)
    {
        var entry = Entry(file);
        var roles = entry.GetProperty("factors").EnumerateArray().ToDictionary(f => f.GetProperty("variable").GetString()!, f => f.GetProperty("role").GetString()!);
        var (code, output, _) = CliRunner.Run("check", Repository.CatalogPath(file));
        Assert.Equal(0, code);
        Assert.Contains("proved for every size, by index templates", output);
        foreach (var group in entry.GetProperty("certificate").GetProperty("groups").EnumerateArray())
        {
            var letter = roles[group.GetProperty("factors")[0].GetString()!] == "prior" ? "α" : "β";
            foreach (var c in group.GetProperty("coefficients").EnumerateObject())
                if (group.GetProperty("factors")[0].GetString() == "c" && c.Name == "pi[c]")
                {
                    Assert.Contains("    α[pi[c]] = pi[c]*(H[pi] + log(pi[c]))\n", output);
                    Assert.Contains("where H[pi] = -sum(c in C, pi[c]*log(pi[c])), the entropy of pi", output);
                }
                else Assert.Contains($"    {letter}[{c.Name}] = {c.Value.GetString()}\n", output);
        }
        Assert.Contains("for every size\n", output);
    }

    [Fact]
    public void Check_at_mnist_sizes_reports_the_requested_sizes_as_covered_by_the_proof_for_every_size()
    {
        var (code, output, error) = CliRunner.Run("check", Repository.CatalogPath("sigmoid-belief-net.model"), "--dims", "H=200,D=784");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var sizes = output.Split('\n').Single(l => l.StartsWith("sizes", StringComparison.Ordinal));
        Assert.Contains("proved for every size", sizes);
        Assert.Contains("cross-checked at H = 2, D = 3", sizes);
        Assert.EndsWith("so also at the sizes asked for, H = 200, D = 784", sizes);
        Assert.Contains("β[W[d,h]] = W[d,h]", output);
        // The 156,800 weights are never built: the proof for every size carries the verdict (bench/ times it).

        var (jsonCode, json, _) = CliRunner.Run("check", Repository.CatalogPath("sigmoid-belief-net.model"), "--dims", "H=200,D=784", "--json");
        Assert.Equal(0, jsonCode);
        var entry = JsonDocument.Parse(json).RootElement[0];
        Assert.True(entry.GetProperty("allSizes").GetBoolean());
        // sizes are the ones the concrete check used; requestedSizes the ones asked for, which the proof covers.
        Assert.Equal("H=2 D=3", SizesOf(entry));
        var requested = entry.GetProperty("requestedSizes");
        Assert.Equal(200, requested.GetProperty("H").GetInt32());
        Assert.Equal(784, requested.GetProperty("D").GetInt32());
    }

    [Fact]
    public void Check_at_small_requested_sizes_checks_those_sizes_and_still_proves_every_size()
    {
        var (code, json, _) = CliRunner.Run("check", Repository.CatalogPath("sigmoid-belief-net.model"), "--dims", "H=3,D=4", "--json");
        Assert.Equal(0, code);
        var entry = JsonDocument.Parse(json).RootElement[0];
        Assert.True(entry.GetProperty("allSizes").GetBoolean());
        Assert.Equal("H=3 D=4", SizesOf(entry));
    }

    [Fact]
    public void A_size_independent_witness_carries_the_violation_to_larger_requested_sizes()
    {
        var (code, output, _) = CliRunner.Run("check", Repository.CatalogPath("fixed-variance-gaussian.model"), "--dims", "H=200,D=784");
        Assert.Equal(0, code);
        var sizes = output.Split('\n').Single(l => l.StartsWith("sizes", StringComparison.Ordinal));
        Assert.Contains("the witness holds at H = 2, D = 3 and at every larger size", sizes);
        Assert.EndsWith("so also at the sizes asked for, H = 200, D = 784", sizes);
    }

    private string CheckJson(string file, params string[] dims)
    {
        var (code, output, _) = CliRunner.Run(["check", Repository.CatalogPath(file), "--json", .. dims]);
        Assert.Equal(0, code);
        var path = Path.Combine(directory.FullName, Path.ChangeExtension(file, ".json"));
        File.WriteAllText(path, output);
        return path;
    }

    [Theory]
    [MemberData(nameof(SatisfiedSpecs))]
    public void Verify_accepts_the_template_certificate_of_check_json_for_every_size(string file)
    {
        var path = CheckJson(file);
        var (code, output, error) = CliRunner.Run("verify", Repository.CatalogPath(file), path);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith($"accepted: {Repository.CatalogPath(file)} is satisfied for every size, by the kernel alone", output);

        var (jsonCode, json, _) = CliRunner.Run("verify", Repository.CatalogPath(file), path, "--json");
        Assert.Equal(0, jsonCode);
        var result = JsonDocument.Parse(json).RootElement;
        Assert.Equal("satisfied for every size", result.GetProperty("claim").GetString());
        Assert.True(result.GetProperty("accepted").GetBoolean());
        Assert.True(result.GetProperty("proved").GetInt32() > 0);
        Assert.Equal(0, result.GetProperty("problems").GetArrayLength());
    }

    // A certificate for every size holds at sizes other than those it was found at; the concrete one does not travel.
    [Theory]
    [InlineData("sigmoid-belief-net.model", "H=5,D=7")]
    [InlineData("probabilistic-pca.model", "H=1,D=9")]
    [InlineData("gaussian-mixture.model", "C=6,D=2")]
    [InlineData("mixture-prior.model", "C=2,H=4,D=1")]
    public void Verify_accepts_a_template_certificate_at_other_sizes(string file, string dims)
    {
        var path = CheckJson(file);
        var (code, output, _) = CliRunner.Run("verify", Repository.CatalogPath(file), path, "--dims", dims);
        Assert.Equal(0, code);
        Assert.StartsWith("accepted:", output);
        Assert.Contains("for every size", output);
    }

    private static JsonObject Coefficients(JsonObject certificate, string factor) =>
        certificate["groups"]!.AsArray().Single(g => g!["factors"]!.AsArray().Any(f => f!.GetValue<string>() == factor))!["coefficients"]!.AsObject();

    // Forged template certificates as files: (spec, factor, key, new value or null to drop it, a fragment of the reason verify prints).
    public static TheoryData<string, string, string, string?, string> Forgeries => new()
    {
        { "sigmoid-belief-net.model", "x", "W[d,h]", "W[h,d]", "reads W[h,d], whose index h runs over 1..H but indexes an axis of W over 1..D" },
        { "sigmoid-belief-net.model", "x", "mu[d]", "mu[d]*(D - 2)", "is not proved zero for every size" },
        { "sigmoid-belief-net.model", "x", "mu[d]", null, "x[d in 1..D], natural parameter 1: η − Jβ = mu[d]" },
        { "sigmoid-belief-net.model", "x", "mu[d]", "mu[d]*z[d]", "depends on the latent variable z[d]" },
        { "sigmoid-belief-net.model", "z", "pi[h]", "pi[h]*logit(pi[h])", "z[h in 1..H], natural parameter 1" },
        { "probabilistic-pca.model", "x", "sigma2", "-sigma2/2", "x[d in 1..D], natural parameter 2" },
        { "probabilistic-pca.model", "x", "sigma2", "-sigma2*(H - 1)", "is not proved zero for every size" },
        { "probabilistic-pca.model", "x", "sigma2", "-sigma2 + d", "uses d, which is neither a parameter, a size nor an index its key binds" },
        { "factor-analysis.model", "x", "psi[d]", "psi[d]", "x[d in 1..D], natural parameter 2" },
        { "gaussian-mixture.model", "x", "Sigma[c,d,d2]", "-2*Sigma[c,d,d2]", "is not proved zero for every dimension" },
        { "gaussian-mixture.model", "c", "pi[c]", "pi[c]*(log(pi[c]) - sum(j in C - 1, pi[j]*log(pi[j])))", "c[k in 1..C - 1], natural parameter 1" },
        { "gamma-mixture.model", "x", "alpha[c]", "alpha[c]", "x[c in 1..C], natural parameter 1" },
        { "poisson-mixture.model", "x", "lambda[c,d]", "lambda[c,d]", "natural parameter 1" },
        { "sigmoid-belief-net.model", "x", "q[d]", "q[d]", "a coefficient for q[d], which is not a parameter block" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void Verify_rejects_a_forged_template_certificate_with_exit_1(string file, string factor, string key, string? value, string reason)
    {
        var path = CheckJson(file);
        // The genuine file is accepted first, so the rejection below is the forgery's.
        Assert.Equal(0, CliRunner.Run("verify", Repository.CatalogPath(file), path).Code);
        var entry = JsonNode.Parse(File.ReadAllText(path))!.AsArray()[0]!.AsObject();
        var coefficients = Coefficients(entry["certificate"]!.AsObject(), factor);
        if (value is null) Assert.True(coefficients.Remove(key));
        else
        {
            Assert.NotEqual(value, coefficients[key]?.GetValue<string>());
            coefficients[key] = value;
        }
        var forged = Path.Combine(directory.FullName, "forged.json");
        File.WriteAllText(forged, entry["certificate"]!.ToJsonString());

        var (code, output, error) = CliRunner.Run("verify", Repository.CatalogPath(file), forged);
        Assert.Equal("", error);
        Assert.Equal(1, code);
        Assert.StartsWith($"rejected: the certificate in {forged} does not show that {Repository.CatalogPath(file)} is satisfied for every size:", output);
        Assert.Contains(reason, output);

        var (jsonCode, json, _) = CliRunner.Run("verify", Repository.CatalogPath(file), forged, "--json");
        Assert.Equal(1, jsonCode);
        var result = JsonDocument.Parse(json).RootElement;
        Assert.False(result.GetProperty("accepted").GetBoolean());
        Assert.Contains(result.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_of_a_template_key_with_the_wrong_number_of_indices_is_bad_input()
    {
        var path = CheckJson("sigmoid-belief-net.model");
        var forged = Path.Combine(directory.FullName, "arity.json");
        File.WriteAllText(forged, File.ReadAllText(path).Replace("\"mu[d]\": \"mu[d]\"", "\"mu[d,h]\": \"mu[d]\"", StringComparison.Ordinal));
        Assert.NotEqual(File.ReadAllText(path), File.ReadAllText(forged));
        var (code, output, error) = CliRunner.Run("verify", Repository.CatalogPath("sigmoid-belief-net.model"), forged);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("arity.json:", error);
        Assert.Contains("needs 1 indices, not 2", error);
    }
}
