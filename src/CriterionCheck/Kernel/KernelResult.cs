using System.Collections.Immutable;

namespace CriterionCheck.Kernel;

/// <summary>The kernel's answer: accepted, or the problems it found (each says where and what).</summary>
/// <param name="Accepted">True when every check passed.</param>
/// <param name="Problems">What failed, in the user's terms.</param>
/// <param name="Proved">Identities the symbolic zero test proved.</param>
/// <param name="Sampled">Identities confirmed only at random points (not proved symbolically).</param>
public sealed record KernelResult(bool Accepted, ImmutableArray<string> Problems, int Proved, int Sampled);
