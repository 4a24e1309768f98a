using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// The genuine evidence behind the adversarial corpus is accepted: every catalog spec's certificate (and
/// that of each corpus pick) with every natural-parameter identity proved, group by group, and every
/// witness exactly — both as the engine made it and as read back from the file <c>check --json</c> writes.
/// </summary>
public class GenuineEvidenceTests
{
    public static TheoryData<string> Specs => [.. KernelSpecs.All];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Genuine_evidence_is_accepted_with_every_identity_proved(string spec)
    {
        var genuine = GenuineEvidence.Of(spec);
        var model = genuine.Model;
        Assert.Equal(model.ExpectSatisfied is true ? Verdict.Satisfied : Verdict.Violated, genuine.Check.Verdict);
        var (fromFile, witnessFromFile) = CertificateJson.Read(model, new SourceText("genuine.json", genuine.Json));
        if (genuine.Certificate is { } certificate)
        {
            Assert.NotNull(fromFile);
            foreach (var c in new[] { certificate, fromFile })
            {
                var result = CertificateKernel.Check(model, c);
                Assert.True(result.Accepted, $"{spec}: {string.Join("; ", result.Problems)}");
                Assert.Empty(result.Problems);
                Assert.Equal(c.Groups.Sum(g => GenuineEvidence.Identities(model, g.Factors)), result.Proofs.Total);
                foreach (var group in c.Groups)
                    Assert.Equal(GenuineEvidence.Identities(model, group.Factors), CertificateKernel.CheckGroup(model, group).Proofs.Total);
            }
            // Every factor's natural parameters are counted once.
            Assert.Equal(GenuineEvidence.Identities(model, model.Factors.Select(f => f.Variable)), CertificateKernel.Check(model, certificate).Proofs.Total);
        }
        else
        {
            Assert.NotNull(witnessFromFile);
            foreach (var w in new[] { genuine.Witness!, witnessFromFile })
            {
                var result = CertificateKernel.Check(model, w);
                Assert.True(result.Accepted, $"{spec}: {string.Join("; ", result.Problems)}");
                Assert.Empty(result.Problems);
                Assert.False(string.IsNullOrEmpty(result.Evidence));
            }
        }
    }

    [Fact]
    public void The_catalog_is_every_spec_of_model_specs()
    {
        Assert.Equal(20, KernelSpecs.CatalogSpecs.Length);
        var verdicts = KernelSpecs.CatalogSpecs.Select(GenuineEvidence.Of).GroupBy(g => g.Check.Verdict).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(KernelSpecs.CatalogSpecs.Length, verdicts.Values.Sum());
        Assert.True(verdicts[Verdict.Satisfied] > 0 && verdicts[Verdict.Violated] > 0);
    }
}
