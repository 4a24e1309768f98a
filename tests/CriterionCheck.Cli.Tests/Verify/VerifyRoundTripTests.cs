using System.Text.Json;
using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Cli.Tests.Verify;

/// <summary>
/// <c>check --json</c> → file → <c>verify</c> round-trips every catalog spec: the whole entry, or only its
/// <c>certificate</c> member, is accepted (exit 0) by the kernel alone, and the concrete certificate as
/// <see cref="Kernel.CertificateJson"/> writes it with every identity proved; the whole multi-spec array passed as
/// CERT.json is accepted for each spec, which shows that the spec's own entry is taken. (A certificate that claims
/// every size, <c>"allSizes": true</c>, is proved by another kernel over index templates, with its own count.)
/// </summary>
public class VerifyRoundTripTests(VerifyFiles files) : IClassFixture<VerifyFiles>
{
    public static TheoryData<string> Catalog => [.. KernelSpecs.CatalogSpecs];

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Check_json_entry_and_its_certificate_member_verify(string spec)
    {
        var path = Path.Combine(Repository.Root, spec);
        var (code, output, error) = CliRunner.Run("check", path, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var entry = Assert.Single(json.RootElement.EnumerateArray().ToList());
        var verdict = entry.GetProperty("verdict").GetString()!;
        var genuine = GenuineEvidence.Of(spec);
        var identities = genuine.Certificate?.Groups.Sum(g => GenuineEvidence.Identities(genuine.Model, g.Factors));

        var forms = new[] { ("entry", entry.GetRawText()), ("certificate", entry.GetProperty("certificate").GetRawText()), ("concrete", genuine.Json) };
        foreach (var (what, text) in forms)
        {
            var file = files.Write($"{Path.GetFileNameWithoutExtension(spec)}-{what}", text);
            var (verifyCode, verifyOutput, verifyError) = CliRunner.Run("verify", path, file);
            Assert.True(verifyCode == 0, $"{what}: exit {verifyCode}\n{verifyOutput}{verifyError}");
            Assert.Equal("", verifyError);
            Assert.StartsWith($"accepted: {path} is {verdict}", verifyOutput);
            Assert.Contains("by the kernel alone", verifyOutput);

            var (jsonCode, jsonOutput, _) = CliRunner.Run("verify", path, file, "--json");
            Assert.Equal(0, jsonCode);
            using var report = JsonDocument.Parse(jsonOutput);
            var root = report.RootElement;
            Assert.True(root.GetProperty("accepted").GetBoolean());
            var claim = root.GetProperty("claim").GetString()!;
            Assert.StartsWith(verdict, claim);
            Assert.Equal(0, root.GetProperty("problems").GetArrayLength());
            if (identities is { } n)
            {
                // The concrete certificate proves every natural-parameter identity of every group.
                if (claim == verdict) Assert.Equal(n, root.GetProperty("proved").GetInt32());
                else Assert.True(root.GetProperty("proved").GetInt32() > 0, $"{what}: nothing proved for '{claim}'");
                if (what == "concrete") Assert.Equal(verdict, claim);
            }
            else Assert.Equal(JsonValueKind.String, root.GetProperty("evidence").ValueKind);
        }
    }

    [Fact]
    public void The_whole_catalog_array_verifies_each_spec_by_its_own_entry()
    {
        var (code, output, _) = CliRunner.Run("check", Repository.ModelSpecs, "--json");
        Assert.Equal(0, code);
        var all = files.Write("catalog", output);
        using var json = JsonDocument.Parse(output);
        var verdicts = json.RootElement.EnumerateArray().ToDictionary(e => Path.GetFileName(e.GetProperty("file").GetString()!), e => e.GetProperty("verdict").GetString());
        Assert.Equal(20, verdicts.Count);
        foreach (var spec in KernelSpecs.CatalogSpecs)
        {
            var path = Path.Combine(Repository.Root, spec);
            var (verifyCode, verifyOutput, verifyError) = CliRunner.Run("verify", path, all);
            Assert.True(verifyCode == 0, $"{spec}: exit {verifyCode}\n{verifyOutput}{verifyError}");
            Assert.StartsWith($"accepted: {path} is {verdicts[Path.GetFileName(spec)]}", verifyOutput);
            // Relative spec paths find the entry by file name too.
            var (relativeCode, _, relativeError) = CliRunner.Run("verify", Path.GetRelativePath(Environment.CurrentDirectory, path), all);
            Assert.True(relativeCode == 0, relativeError);
        }
        // A spec with no entry in the array is bad input, located at the array.
        var other = Path.Combine(Repository.Root, KernelSpecs.SatisfiedCorpusSpecs[0]);
        var (missingCode, _, missingError) = CliRunner.Run("verify", other, all);
        Assert.Equal(2, missingCode);
        VerifyFiles.AssertLocated(missingError, all, $"no entry of this array is for {Path.GetFileName(other)}", 1, 1);
    }

    [Fact]
    public void One_specs_entry_does_not_verify_another_spec()
    {
        // The certificate of probabilistic PCA names factors and blocks factor analysis has too, but its
        // coefficients are for another model: the kernel rejects it (exit 1), it does not pick it up blindly.
        var pca = GenuineEvidence.Of("model-specs/probabilistic-pca.model");
        var file = files.Write("pca-for-factor-analysis", pca.Json);
        var (code, output, _) = CliRunner.Run("verify", Path.Combine(Repository.Root, "model-specs/factor-analysis.model"), file);
        Assert.True(code is 1 or 2, output);
    }
}
