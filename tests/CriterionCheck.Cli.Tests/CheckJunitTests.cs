using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// <c>check --junit FILE</c>: the file has the JUnit schema's structure (element names and order,
/// required and allowed attributes, their types) and its counts equal what the summary line says.
/// </summary>
public class CheckJunitTests
{
    [Fact]
    public void Junit_of_the_catalog_has_a_passing_test_case_per_spec()
    {
        var temp = Directory.CreateTempSubdirectory("criterion-check-junit-");
        try
        {
            var file = Path.Combine(temp.FullName, "catalog.xml");
            var (code, output, _) = CliRunner.Run("check", Repository.ModelSpecs, "--junit", file);
            Assert.Equal(0, code);
            var suite = JunitStructure.Validate(XDocument.Load(file));
            var specs = Directory.GetFiles(Repository.ModelSpecs, "*.model", SearchOption.AllDirectories);
            Assert.Equal(specs.Length, Int(suite, "tests"));
            Assert.Equal(0, Int(suite, "failures") + Int(suite, "errors") + Int(suite, "skipped"));
            Assert.Equal($"{specs.Length} specs checked, {specs.Length} as expected, 0 differ", CliRunner.LastLine(output));
            var paths = suite.Elements("testcase").Select(c => Path.Combine((string)c.Attribute("classname")!, (string)c.Attribute("name")!)).ToList();
            Assert.Equal(specs.Order(StringComparer.Ordinal), paths.Select(Path.GetFullPath));
        }
        finally { temp.Delete(recursive: true); }
    }

    [Fact]
    public void A_differing_verdict_is_a_failure_and_an_unreadable_spec_an_error()
    {
        var temp = Directory.CreateTempSubdirectory("criterion-check-junit-");
        try
        {
            var specs = Directory.CreateDirectory(Path.Combine(temp.FullName, "specs")).FullName;
            File.Copy(Repository.CatalogPath("probabilistic-pca.model"), Path.Combine(specs, "a-ppca.model"));
            File.WriteAllText(Path.Combine(specs, "b-claims-too-much.model"),
                File.ReadAllText(Repository.CatalogPath("standard-pca.model")).Replace("expect violated", "expect satisfied"));
            File.WriteAllText(Path.Combine(specs, "c-claims-too-little.model"),
                File.ReadAllText(Repository.CatalogPath("sigmoid-belief-net.model")).Replace("expect satisfied", "expect violated"));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "MalformedSpecs", "unknown-family.model"), Path.Combine(specs, "d-unknown-family.model"));
            var file = Path.Combine(temp.FullName, "result.xml");

            var (code, output, error) = CliRunner.Run("check", specs, "--junit", file);
            Assert.Equal(2, code); // an unreadable spec is bad input, even with the others checked
            var suite = JunitStructure.Validate(XDocument.Load(file));

            // The counts against the summary line: tests = checked + unreadable, failures = differing.
            var summary = Regex.Match(CliRunner.LastLine(output), @"^(\d+) specs? checked, (\d+) as expected, (\d+) differs?; (\d+) could not be read$");
            Assert.True(summary.Success, CliRunner.LastLine(output));
            var (checkedCount, differing) = (int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[3].Value));
            Assert.Equal((3, 2), (checkedCount, differing));
            Assert.Equal(1, int.Parse(summary.Groups[4].Value));
            Assert.Equal(checkedCount + 1, Int(suite, "tests"));
            Assert.Equal(differing, Int(suite, "failures"));
            Assert.Equal(1, Int(suite, "errors"));
            Assert.Equal(0, Int(suite, "skipped"));

            var cases = suite.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
            Assert.Equal(["a-ppca.model", "b-claims-too-much.model", "c-claims-too-little.model", "d-unknown-family.model"], cases.Keys);
            Assert.All(cases.Values, c => Assert.Equal(specs, (string)c.Attribute("classname")!));
            Assert.Empty(cases["a-ppca.model"].Elements());

            var tooMuch = Assert.Single(cases["b-claims-too-much.model"].Elements("failure"));
            Assert.Equal("expected satisfied, got violated: z: a natural parameter is nonzero but depends on no parameter of the factor, so no coefficients can reproduce it",
                (string)tooMuch.Attribute("message")!);
            Assert.Contains("<- differs from expect", tooMuch.Value); // the full report, for the CI's detail view
            var tooLittle = Assert.Single(cases["c-claims-too-little.model"].Elements("failure"));
            Assert.Equal("expected violated, got satisfied: the criterion holds: ELBO = entropy sum at every point where F is stationary with respect to pi, W, mu",
                (string)tooLittle.Attribute("message")!);

            var unreadable = Assert.Single(cases["d-unknown-family.model"].Elements("error"));
            var located = Path.Combine(specs, "d-unknown-family.model") + ":10:21: unknown family 'Gaussian'";
            Assert.StartsWith(located, (string)unreadable.Attribute("message")!);
            Assert.DoesNotContain("\n", (string)unreadable.Attribute("message")!);
            Assert.EndsWith("^~~~~~~~", unreadable.Value.TrimEnd()); // source line and caret, as on stderr
            Assert.StartsWith(located, error);
        }
        finally { temp.Delete(recursive: true); }
    }

    [Fact]
    public void An_unwritable_junit_file_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("check", Repository.CatalogPath("gamma-mixture.model"), "--junit", Path.Combine("no-such-dir", "x", "result.xml"));
        Assert.Equal(2, code);
        Assert.StartsWith("criterion-check: " + Path.Combine("no-such-dir", "x", "result.xml") + ": cannot write the JUnit file", error);
    }

    private static int Int(XElement e, string attribute) => int.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
