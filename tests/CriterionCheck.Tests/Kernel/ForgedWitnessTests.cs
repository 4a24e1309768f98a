using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// Hand-forged witnesses (<see cref="ForgedWitnesses"/>) are refused: a witness's parameter point must lie in the
/// declared domains — a real parameter is a real number, not sqrt(-1) or log(-2) — its latent points on the
/// supports (a real latent is real), and an opaque function has one value per input, however the input is
/// written. Otherwise the kernel certifies "violated" for a model it also certifies "satisfied".
/// </summary>
public class ForgedWitnessTests
{
    public static IEnumerable<object[]> Forged => ForgedWitnesses.Rows;

    [Theory]
    [MemberData(nameof(Forged))]
    public void Kernel_refuses_the_forged_witness(string name)
    {
        var forged = ForgedWitnesses.Get(name);
        var model = GenuineEvidence.Of(forged.Spec).Model;
        var (_, witness) = CertificateJson.Read(model, new SourceText("forged.json", forged.Json));
        var result = CertificateKernel.Check(model, witness!);
        Assert.False(result.Accepted, $"{name}: the kernel accepted a forged witness ({result.Evidence})");
        Assert.True(result.Problems.Any(p => p.Contains(forged.Mentions, StringComparison.Ordinal)),
            $"{name}: expected a problem mentioning '{forged.Mentions}', got:\n  {string.Join("\n  ", result.Problems)}");
    }

    [Fact]
    public void Kernel_never_accepts_both_a_certificate_and_a_witness_for_one_model()
    {
        var genuine = GenuineEvidence.Of(ForgedWitnesses.CubicWeight);
        Assert.Equal(Verdict.Satisfied, genuine.Check.Verdict);
        Assert.True(CertificateKernel.Check(genuine.Model, genuine.Certificate!).Accepted);
        var (_, witness) = CertificateJson.Read(genuine.Model, new SourceText("forged.json", ForgedWitnesses.All[0].Json));
        Assert.False(CertificateKernel.Check(genuine.Model, witness!).Accepted, "the kernel accepted a certificate and a witness for one model");
    }
}
