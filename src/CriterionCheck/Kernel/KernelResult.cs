using System.Collections.Immutable;

namespace CriterionCheck.Kernel;

/// <summary>
/// The kernel's answer: accepted, or the problems it found (each says where and what), with how every
/// accepted identity was proved. Nothing is ever accepted on evidence from sampling.
/// </summary>
/// <param name="Accepted">True when every check passed.</param>
/// <param name="Problems">What failed, in the user's terms.</param>
/// <param name="Proofs">How the identities η − Jβ ≡ 0 (or, for a witness, yᵀJ = 0) were proved.</param>
/// <param name="Evidence">For a witness: how yᵀη ≠ 0 was established; otherwise null.</param>
public sealed record KernelResult(bool Accepted, ImmutableArray<string> Problems, ProofCounts Proofs, string? Evidence = null)
{
    /// <summary>A rejection for <paramref name="problems"/>.</summary>
    public static KernelResult Rejected(IEnumerable<string> problems) => new(false, [.. problems], ProofCounts.None);

    /// <summary>Both results together: accepted when both are.</summary>
    public KernelResult And(KernelResult other) =>
        new(Accepted && other.Accepted, Problems.AddRange(other.Problems), Proofs + other.Proofs, Evidence ?? other.Evidence);
}
