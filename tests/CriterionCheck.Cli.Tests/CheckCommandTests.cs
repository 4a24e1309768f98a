using System.Text.Json;
using Snapshooter;
using Snapshooter.Xunit;

namespace CriterionCheck.Cli.Tests;

/// <summary><c>check</c>: the catalog report (snapshot), the JSON contract, and the exit codes CI relies on.</summary>
public class CheckCommandTests
{
    [Fact]
    public void Check_of_the_catalog_exits_0_and_its_report_is_approved()
    {
        var (code, output, error) = CliRunner.Run("check", Repository.ModelSpecs);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("20 specs checked, 20 as expected, 0 differ", output);
        Snapshot.Match(Repository.Relative(output), new SnapshotFullName("catalog.txt", Repository.Snapshots("check")));
    }

    [Fact]
    public void Check_json_has_the_documented_fields_for_every_spec()
    {
        var (code, output, _) = CliRunner.Run("check", Repository.ModelSpecs, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var specs = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(20, specs.Count);
        foreach (var spec in specs)
        {
            foreach (var field in new[] { "file", "model", "verdict", "expected", "theorem", "stationaryIn", "factors", "certificate", "kernel", "evidence", "rejected" })
                Assert.True(spec.TryGetProperty(field, out _), $"missing {field}");
            Assert.Equal(spec.GetProperty("expected").GetString(), spec.GetProperty("verdict").GetString());
            Assert.True(spec.GetProperty("kernel").GetBoolean());
            var violated = spec.GetProperty("verdict").GetString() == "violated";
            var certificate = spec.GetProperty("certificate");
            Assert.Equal(violated, certificate.TryGetProperty("witness", out _));
            Assert.Equal(!violated, certificate.TryGetProperty("groups", out _));
            Assert.Equal(violated, spec.GetProperty("theorem").ValueKind == JsonValueKind.Null);
        }
        var sbn = specs.Single(s => s.GetProperty("file").GetString()!.EndsWith("sigmoid-belief-net.model"));
        Assert.Equal(1, sbn.GetProperty("theorem").GetInt32());
        Assert.Equal("pi W mu", string.Join(" ", sbn.GetProperty("stationaryIn").EnumerateArray().Select(e => e.GetString())));
        var x = sbn.GetProperty("factors")[1];
        Assert.Equal("x", x.GetProperty("variable").GetString());
        Assert.Equal("observable", x.GetProperty("role").GetString());
        Assert.True(x.GetProperty("satisfied").GetBoolean());
        Assert.Equal("W[2,1]", x.GetProperty("solution").GetProperty("W[2,1]").GetString());
        Assert.Equal("mu[3]", x.GetProperty("solution").GetProperty("mu[3]").GetString());
        var poisson = specs.Single(s => s.GetProperty("file").GetString()!.EndsWith("poisson-mixture.model"));
        Assert.Equal(2, poisson.GetProperty("theorem").GetInt32());
    }

    [Fact]
    public void A_verdict_that_differs_from_expect_exits_1()
    {
        var directory = Directory.CreateTempSubdirectory("check-");
        try
        {
            var path = Path.Combine(directory.FullName, "claims-too-much.model");
            File.WriteAllText(path, File.ReadAllText(Repository.CatalogPath("standard-pca.model")).Replace("expect violated", "expect satisfied"));
            var (code, output, _) = CliRunner.Run("check", path);
            Assert.Equal(1, code);
            Assert.Contains("<- differs from expect", output);
            Assert.Contains("1 spec checked, 0 as expected, 1 differs", output);
        }
        finally { directory.Delete(true); }
    }

    [Fact]
    public void Bad_input_exits_2_and_still_checks_the_other_specs()
    {
        var malformed = Path.Combine(AppContext.BaseDirectory, "MalformedSpecs", "unknown-family.model");
        var (code, output, error) = CliRunner.Run("check", malformed, Repository.CatalogPath("probabilistic-pca.model"));
        Assert.Equal(2, code);
        Assert.Contains("unknown-family.model:", error);
        Assert.Contains("probabilistic-pca.model", output);
        Assert.Equal(2, CliRunner.Run("check", "no-such-dir").Code);
    }

    [Fact]
    public void Dims_override_applies_to_check()
    {
        var (code, output, _) = CliRunner.Run("check", Repository.CatalogPath("sigmoid-belief-net.model"), "--dims", "H=20,D=50", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var solution = json.RootElement[0].GetProperty("factors")[1].GetProperty("solution");
        Assert.Equal("W[50,20]", solution.GetProperty("W[50,20]").GetString());
    }
}
