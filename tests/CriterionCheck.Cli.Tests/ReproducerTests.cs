namespace CriterionCheck.Cli.Tests;

/// <summary>
/// Models a new user brought that the engine once got wrong or crashed on: each now gets its right
/// verdict (derived in the comment) or a located message with exit code 2.
/// </summary>
public sealed class ReproducerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("criterion-check-reproducers-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Spec(string name, string text)
    {
        var path = Path.Combine(folder, name + ".model");
        File.WriteAllText(path, text);
        return path;
    }

    // η_d = w_d² z + μ_d; J = (2 w_d z, 1): β_w = w/2 gives w² z, β_μ = μ gives μ — for every z, so satisfied.
    [Fact]
    public void A_squared_weight_is_satisfied_with_half_the_weight()
    {
        var path = Spec("squared", """
            model "w squared"
            dims D = 3
            param pi unit
            param w[D] real
            param mu[D] real
            latent z ~ Bernoulli(pi)
            observe x[d in D] ~ Bernoulli(sigmoid(w[d]^2 * z + mu[d]))
            expect satisfied
            """);
        var (code, output, error) = CliRunner.Run("check", path);
        Assert.True(code == 0, error + output);
        Assert.Contains("β[w[d]] = w[d]/2", output);
        Assert.Contains("β[mu[d]] = mu[d]", output);
    }

    // Three layers of logistic units: each layer's η is linear in its own weights and biases, so
    // β = (W, b) per layer (Euler, degree 1) and the prior's α = π(1 − π) logit π, at these sizes too.
    [Fact]
    public void A_three_layer_sigmoid_belief_net_is_satisfied_at_sizes_2_2_2_3()
    {
        var (code, output, error) = CliRunner.Run("check", Repository.CatalogPath("sigmoid-belief-net-3layer.model"), "--dims", "H1=2,H2=2,H3=2,D=3");
        Assert.True(code == 0, error + output);
        Assert.Contains("ELBO = entropy sum at every point where F is stationary with respect to pi, W1, b1, W2, b2, W, mu", output);
    }

    // η_d = f_d(z; w): J_w = ∂f_d/∂w, and f_d(z) = ∂f_d/∂w(z)·β fails for a decoder whose value changes
    // between two latent points while its derivative does not: violated, for every size.
    [Theory]
    [InlineData("H = 2, D = 3")]
    [InlineData("H = 1, D = 1")]
    public void An_opaque_bernoulli_decoder_is_violated_with_a_witness_in_the_decoders_values(string dims)
    {
        var path = Spec("vae", $$"""
            model "VAE"
            dims {{dims}}
            param lambda[H] positive
            param w[D, H] real
            function f[d in D](z; w)
            latent z[h in H] ~ Normal(0, lambda[h])
            observe x[d in D] ~ Bernoulli(sigmoid(f[d](z; w)))
            expect violated
            """);
        var (code, output, error) = CliRunner.Run("check", path);
        Assert.True(code == 0, error + output);
        Assert.Contains("not implied for an arbitrary f", output);
        Assert.Contains("f[1](z; w) = ", output);
        Assert.Contains("latent point 2", output);
    }

    [Theory]
    [InlineData("Normal(0, 0)", "variance must be positive, but 0 is not", 30)]
    [InlineData("Normal(1, -1)", "variance must be positive, but -1 is not", 30)]
    [InlineData("Bernoulli(1.5)", "p must be in (0, 1), but 3/2 is not", 30)]
    [InlineData("Normal(0, -lambda[h])", "variance must be positive, but -lambda[1] never is", 30)]
    public void A_constant_argument_outside_its_familys_domain_is_a_located_error(string distribution, string message, int column)
    {
        var path = Spec("domain", $"""
            model "t"
            dims H = 2, D = 2
            param lambda[H] positive
            param s positive
            latent z[h in H] ~ {distribution}
            observe x[d in D] ~ Normal(z[1], s)
            """);
        var (code, _, error) = CliRunner.Run("check", path);
        Assert.Equal(2, code);
        Assert.StartsWith($"{path}:5:{column}: {message}", error);
        Assert.Contains("^", error);
        Assert.DoesNotContain("division by zero", error);
    }

    // No expect line: the spec claims nothing; the verdict is reported and nothing differs.
    [Fact]
    public void A_spec_without_expect_makes_no_claim()
    {
        var path = Spec("noclaim", """
            model "no claim"
            dims D = 2
            param s positive
            param mu[D] real
            latent z ~ Normal(0, s)
            observe x[d in D] ~ Normal(z + mu[d], 1)
            """);
        var (code, output, _) = CliRunner.Run("check", path);
        Assert.Equal(0, code);
        Assert.Contains("verdict     violated (the spec makes no claim)", output);
        Assert.Contains("1 spec checked, 0 as expected, 0 differ, 1 with no claim", output);
        var (_, json, _) = CliRunner.Run("check", path, "--json");
        Assert.Contains("\"expected\": null", json);
    }

    // lgamma(w + 1) − lgamma(w) − log w is 0, but not by the normal form: undecided, named, never "fails".
    [Fact]
    public void An_undecided_spec_names_what_it_could_not_decide_and_is_not_called_a_failure()
    {
        var path = Spec("undecided", """
            model "an identity beyond the normal form"
            dims D = 2
            param s positive
            param b[D] real
            param w positive
            latent z ~ Normal(0, s)
            observe x[d in D] ~ Bernoulli(sigmoid(b[d]*z + (lgamma(w + 1) - lgamma(w) - log(w))*z^2))
            """);
        var (code, output, _) = CliRunner.Run("check", path);
        Assert.Equal(0, code);
        Assert.Contains("undecided   x: no proposal was proved", output);
        Assert.Contains("lgamma(w + 1)", output);
        var (_, proof, _) = CliRunner.Run("prove", path);
        Assert.Contains("## The criterion is undecided", proof);
        Assert.DoesNotContain("fails", proof);
    }

    [Fact]
    public void Check_counts_specs_it_could_not_read_and_lists_them_in_json()
    {
        var good = Spec("good", File.ReadAllText(Repository.CatalogPath("sigmoid-belief-net.model")));
        var bad = Spec("bad", "model \"broken\"\nobserve x ~ Normal(0, )\n");
        var (code, output, error) = CliRunner.Run("check", good, bad);
        Assert.Equal(2, code);
        Assert.Contains("bad.model:2:", error);
        Assert.Contains("1 spec checked, 1 as expected, 0 differ; 1 could not be read", output);
        var (_, json, _) = CliRunner.Run("check", good, bad, "--json");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var entries = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.StartsWith($"{bad}:2:", entries[1].GetProperty("error").GetString());
    }
}
