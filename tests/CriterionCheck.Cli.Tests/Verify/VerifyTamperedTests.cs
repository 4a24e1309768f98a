using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Cli.Tests.Verify;

/// <summary>
/// Every tampered certificate and witness of the kernel's adversarial corpus (<see cref="TamperedCorpus"/>),
/// written as a file, is refused by <c>verify</c>: exit 1 with the kernel's reasons on standard output, or — for
/// a file the reader cannot take (an unknown name, <c>"1/0"</c>, a row outside the model) — exit 2 with a
/// located message. One row per operator and spec; certificates and witnesses are two classes, so that
/// they run in parallel.
/// </summary>
public class VerifyTamperedCertificateTests(VerifyFiles files) : IClassFixture<VerifyFiles>
{
    public static IEnumerable<object[]> Certificates => TamperedCorpus.Rows(certificates: true);

    [Theory]
    [MemberData(nameof(Certificates))]
    public void Verify_refuses_the_tampered_certificate(string id) => VerifyTampered.AssertRefused(files, id);
}

/// <summary>The witness half of <see cref="VerifyTamperedCertificateTests"/>.</summary>
public class VerifyTamperedWitnessTests(VerifyFiles files) : IClassFixture<VerifyFiles>
{
    public static IEnumerable<object[]> Witnesses => TamperedCorpus.Rows(certificates: false);

    [Theory]
    [MemberData(nameof(Witnesses))]
    public void Verify_refuses_the_tampered_witness(string id) => VerifyTampered.AssertRefused(files, id);
}

/// <summary>The check both halves make.</summary>
public static class VerifyTampered
{
    /// <summary>Writes the tampered item <paramref name="id"/> to a file and asserts that <c>verify</c> refuses it as expected.</summary>
    public static void AssertRefused(VerifyFiles files, string id)
    {
        var mutant = TamperedCorpus.Get(id);
        var genuine = GenuineEvidence.Of(mutant.Spec);
        var text = mutant.FileJson ?? GenuineEvidence.Serialize(genuine.Model, mutant.Certificate, mutant.Witness);
        var file = files.Write(id, text);
        var (code, output, error) = CliRunner.Run("verify", genuine.Path, file);
        var expected = mutant.FileExpected ?? mutant.Expected;
        var shown = $"{id}: exit {code}\nstdout:\n{output}stderr:\n{error}\nfile:\n{text}";
        Assert.True(code == mutant.FileExit, shown);
        if (code == 1)
        {
            Assert.Equal("", error);
            Assert.StartsWith($"rejected: the {(genuine.Certificate is not null ? "certificate" : "witness")} in {file} does not show", output);
            Assert.True(output.Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in the reasons\n{shown}");
        }
        else
        {
            Assert.Equal("", output);
            VerifyFiles.AssertLocated(error, file, expected);
        }
    }
}
