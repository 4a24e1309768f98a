using System.Collections.Immutable;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// The adversarial corpus: the tampered copies the mutation operators make of the genuine evidence of every
/// spec in <see cref="KernelSpecs.All"/>. Built once per process.
/// </summary>
public static class TamperedCorpus
{
    private static readonly Lazy<ImmutableArray<Mutant>> all = new(() =>
    [
        .. KernelSpecs.All.Select(GenuineEvidence.Of).SelectMany(g => g.Certificate is not null ? CertificateMutations.Of(g) : WitnessMutations.Of(g)),
    ]);

    /// <summary>Every tampered certificate and witness.</summary>
    public static ImmutableArray<Mutant> All => all.Value;

    private static readonly Lazy<Dictionary<string, Mutant>> byId = new(() => All.ToDictionary(m => m.Id, StringComparer.Ordinal));

    /// <summary>The mutant with <see cref="Mutant.Id"/> <paramref name="id"/>.</summary>
    public static Mutant Get(string id) => byId.Value[id];

    /// <summary>Rows for xunit: one mutant id per row, certificates or witnesses.</summary>
    public static IEnumerable<object[]> Rows(bool certificates) =>
        All.Where(m => (m.Certificate is not null || GenuineEvidence.Of(m.Spec).Certificate is not null) == certificates).Select(m => new object[] { m.Id });
}
