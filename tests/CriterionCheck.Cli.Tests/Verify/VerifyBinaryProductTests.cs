using System.Text.Json;

namespace CriterionCheck.Cli.Tests.Verify;

/// <summary>
/// The binary-product spec of the issue, through the command line: <c>check</c> finds it violated, <c>verify</c>
/// accepts the witness it writes and rejects a hand-made certificate β_b = b (z₁⋯z₈ is left over).
/// </summary>
public class VerifyBinaryProductTests(VerifyFiles files) : IClassFixture<VerifyFiles>
{
    private const string Spec = """
        model "binary product"
        dims H = 8, D = 1
        param pi[H] unit
        param b[D] real
        latent z[h in H] ~ Bernoulli(pi[h])
        observe x[d in D] ~ Bernoulli(sigmoid(b[d] + z[1]*z[2]*z[3]*z[4]*z[5]*z[6]*z[7]*z[8]))
        expect violated

        """;

    [Fact]
    public void Check_finds_a_witness_verify_accepts_and_verify_rejects_beta_b_equals_b()
    {
        var spec = files.Write("binary-product.model", Spec);
        var (code, output, error) = CliRunner.Run("check", spec, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var entry = json.RootElement[0];
        Assert.Equal("violated", entry.GetProperty("verdict").GetString());
        var witness = files.Write("binary-product-witness", entry.GetProperty("certificate").GetRawText());
        var (verifyCode, verifyOutput, _) = CliRunner.Run("verify", spec, witness);
        Assert.True(verifyCode == 0, verifyOutput);

        var alpha = string.Join(", ", Enumerable.Range(1, 8).Select(h => $"\"pi[{h}]\": \"pi[{h}]*(1 - pi[{h}])*logit(pi[{h}])\""));
        var certificate = files.Write("binary-product-beta-b",
            """{"groups": [{"factors": ["z"], "theta": ["pi"], "coefficients": {""" + alpha + """}}, {"factors": ["x"], "theta": ["b"], "coefficients": {"b[1]": "b[1]"}}]}""");
        var (rejectCode, rejectOutput, _) = CliRunner.Run("verify", spec, certificate);
        Assert.Equal(1, rejectCode);
        Assert.Contains("x[1], natural parameter 1: η − Jβ = z[1]*z[2]*z[3]*z[4]*z[5]*z[6]*z[7]*z[8] is not proved zero", rejectOutput);
    }
}
