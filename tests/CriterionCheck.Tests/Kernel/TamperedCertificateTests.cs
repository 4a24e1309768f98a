using CriterionCheck.Kernel;
using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// Every tampered "satisfied" certificate of the adversarial corpus (<see cref="TamperedCorpus"/>) is
/// rejected by the kernel, with a problem that names what is wrong: one row per operator and spec.
/// </summary>
public class TamperedCertificateTests
{
    public static IEnumerable<object[]> Certificates => TamperedCorpus.Rows(certificates: true);

    [Theory]
    [MemberData(nameof(Certificates))]
    public void Kernel_rejects_the_tampered_certificate(string id)
    {
        var mutant = TamperedCorpus.Get(id);
        var genuine = GenuineEvidence.Of(mutant.Spec);
        Assert.NotNull(mutant.Certificate);
        var result = CertificateKernel.Check(genuine.Model, mutant.Certificate);
        Assert.False(result.Accepted, $"{id}: the kernel accepted a tampered certificate ({result.Proofs.Describe()})");
        Assert.NotEmpty(result.Problems);
        Assert.True(result.Problems.Any(p => p.Contains(mutant.Expected, StringComparison.Ordinal)),
            $"{id}: expected a problem containing '{mutant.Expected}', got:\n  {string.Join("\n  ", result.Problems)}");
    }
}
