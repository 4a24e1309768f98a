using CriterionCheck.Kernel;
using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// Every tampered "violated" witness of the adversarial corpus (<see cref="TamperedCorpus"/>) that the API can
/// express is rejected by the kernel, with a problem that names what is wrong: one row per operator and spec.
/// (The file-only ones — <c>"1/0"</c>, <c>""</c> — are for <c>verify</c>; the reader rejects them.)
/// </summary>
public class TamperedWitnessTests
{
    public static IEnumerable<object[]> Witnesses => TamperedCorpus.Rows(certificates: false);

    [Theory]
    [MemberData(nameof(Witnesses))]
    public void Kernel_rejects_the_tampered_witness(string id)
    {
        var mutant = TamperedCorpus.Get(id);
        var genuine = GenuineEvidence.Of(mutant.Spec);
        if (mutant.Witness is null)
        {
            // Only a file can say it: reading it must fail with a located error.
            Assert.NotNull(mutant.FileJson);
            var e = Assert.Throws<CriterionCheck.Spec.SpecException>(() => CertificateJson.Read(genuine.Model, new("tampered.json", mutant.FileJson)));
            Assert.NotNull(e.SourceText);
            Assert.Contains(mutant.FileExpected ?? mutant.Expected, e.Message, StringComparison.Ordinal);
            return;
        }
        var result = CertificateKernel.Check(genuine.Model, mutant.Witness);
        Assert.False(result.Accepted, $"{id}: the kernel accepted a tampered witness ({result.Evidence})");
        Assert.NotEmpty(result.Problems);
        Assert.True(result.Problems.Any(p => p.Contains(mutant.Expected, StringComparison.Ordinal)),
            $"{id}: expected a problem containing '{mutant.Expected}', got:\n  {string.Join("\n  ", result.Problems)}");
    }
}
