using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Cli.Tests.Verify;

/// <summary>
/// A certificate file that is not a certificate (<see cref="MalformedCertificates"/>: not JSON, truncated, wrong
/// member types, unknown names, expressions that do not parse) makes <c>verify</c> exit 2 with nothing on standard
/// output and, on standard error, <c>file:line:column: message</c>, the line and a caret under the column.
/// </summary>
public class VerifyMalformedTests(VerifyFiles files) : IClassFixture<VerifyFiles>
{
    public static IEnumerable<object[]> Cases => MalformedCertificates.Rows;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_exits_2_with_a_located_message(string name)
    {
        var c = MalformedCertificates.Get(name);
        var file = files.Write(name, c.Json);
        var (code, output, error) = CliRunner.Run("verify", Path.Combine(Repository.Root, c.Spec), file);
        Assert.True(code == 2, $"exit {code}\nstdout:\n{output}stderr:\n{error}");
        Assert.Equal("", output);
        Assert.DoesNotContain("Exception", error);
        var (line, column) = c.Position;
        char? under = c.Offset < c.Json.Length && !char.IsControl(c.Json[c.Offset]) ? c.Json[c.Offset] : null;
        VerifyFiles.AssertLocated(error, file, c.Fragment, line, column, under);
    }

    [Fact]
    public void A_missing_certificate_file_is_bad_input()
    {
        var (code, output, error) = CliRunner.Run("verify", Repository.CatalogPath("probabilistic-pca.model"), Path.Combine(Path.GetTempPath(), "no-such-certificate.json"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("cannot read the file", error);
    }
}
