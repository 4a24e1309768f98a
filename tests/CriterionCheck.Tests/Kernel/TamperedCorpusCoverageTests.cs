using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// The adversarial corpus is as large and as broad as promised: at least 250 tampered items, made from every
/// catalog spec and the corpus picks, by every operator family, with unique readable names.
/// </summary>
public class TamperedCorpusCoverageTests
{
    private static readonly string[] CertificateFamilies =
        ["perturb", "move", "drop", "latent-dependent", "split-tied", "coverage", "theta", "key-not-free", "pole", "swap", "sign-flip", "scale", "categorical-entropy", "unknown-name"];

    private static readonly string[] WitnessFamilies =
        ["weight", "rows", "latent-off-support", "latent-points", "parameter-off-domain", "parameters", "not-a-number", "opaque", "rows-outside", "factors"];

    [Fact]
    public void Corpus_has_at_least_250_tampered_items_with_unique_names()
    {
        Assert.True(TamperedCorpus.All.Length >= 250, $"only {TamperedCorpus.All.Length} tampered items");
        Assert.Equal(TamperedCorpus.All.Length, TamperedCorpus.All.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_operator_family_is_used()
    {
        var families = TamperedCorpus.All.Select(m => m.Family).ToHashSet();
        var unused = CertificateFamilies.Concat(WitnessFamilies).Where(f => !families.Contains(f)).ToList();
        Assert.True(unused.Count == 0, "families without a tampered item: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_spec_is_tampered_with_and_every_satisfied_one_at_every_perturbation_size()
    {
        foreach (var spec in KernelSpecs.All)
        {
            var mutants = TamperedCorpus.All.Where(m => m.Spec == spec).ToList();
            Assert.True(mutants.Count >= 15, $"{spec}: only {mutants.Count} tampered items");
            if (GenuineEvidence.Of(spec).Certificate is null) continue;
            foreach (var k in CertificateMutations.PerturbationExponents)
                Assert.Contains(mutants, m => m.Family == "perturb" && m.Name.StartsWith($"perturb 1e-{k} ", StringComparison.Ordinal));
            foreach (var family in new[] { "drop", "sign-flip", "scale", "latent-dependent", "coverage", "theta", "key-not-free", "pole" })
                Assert.Contains(mutants, m => m.Family == family);
        }
    }
}
