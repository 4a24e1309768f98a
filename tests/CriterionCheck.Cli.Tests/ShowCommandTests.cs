using System.Text.Json;
using Snapshooter;
using Snapshooter.Xunit;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>show</c> on every catalog spec, text and JSON, locked by approved snapshots under
/// <c>snapshots/show/</c> (README: "Snapshots" says how to review and update them).
/// </summary>
public class ShowCommandTests
{
    public static TheoryData<string> CatalogFiles =>
        [.. Directory.GetFiles(Repository.ModelSpecs, "*.model").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Show_prints_the_parsed_model(string file)
    {
        var (code, output, error) = CliRunner.Run("show", Repository.CatalogPath(file));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Snapshot.Match(Repository.Relative(output), new SnapshotFullName($"{file}.txt", Repository.Snapshots("show")));
    }

    [Theory]
    [MemberData(nameof(CatalogFiles))]
    public void Show_json_is_one_object_with_the_same_content(string file)
    {
        var (code, output, error) = CliRunner.Run("show", Repository.CatalogPath(file), "--json");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("observable", root.GetProperty("factors").EnumerateArray().Last().GetProperty("role").GetString());
        Snapshot.Match(Repository.Relative(output), new SnapshotFullName($"{file}.json", Repository.Snapshots("show")));
    }

    [Fact]
    public void Show_with_dims_resizes_and_lists_every_element_in_json()
    {
        var (code, output, _) = CliRunner.Run("show", Repository.CatalogPath("sigmoid-belief-net.model"), "--dims", "H=4,D=20", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var observable = json.RootElement.GetProperty("factors")[1];
        Assert.Equal(20, observable.GetProperty("elements").GetArrayLength());
        Assert.Equal("mu[20] + W[20,1]*z[1] + W[20,2]*z[2] + W[20,3]*z[3] + W[20,4]*z[4]",
            observable.GetProperty("elements")[19].GetProperty("naturalParameters")[0].GetString());
        // Text output shows the first elements and counts the rest.
        var (_, text, _) = CliRunner.Run("show", Repository.CatalogPath("sigmoid-belief-net.model"), "--dims", "H=4,D=20");
        Assert.Contains("… and 8 more elements (--json lists all)", text);
    }

    [Theory]
    [InlineData("--dims", "K=3", "no size named K")]
    [InlineData("--dims", "H", "--dims expects NAME=SIZE")]
    [InlineData("--dims", "H=0", "sizes run from 1 to 1,000,000")]
    [InlineData("--dims", "H=2,H=3", "gives H twice")]
    public void Bad_dims_are_usage_errors(string option, string value, string message)
    {
        var (code, output, error) = CliRunner.Run("show", Repository.CatalogPath("sigmoid-belief-net.model"), option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Missing_file_is_bad_input()
    {
        var (code, _, error) = CliRunner.Run("show", "no-such-file.model");
        Assert.Equal(2, code);
        Assert.StartsWith("no-such-file.model: cannot read the file", error);
    }
}
