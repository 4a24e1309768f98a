using System.Collections.Immutable;

namespace CriterionCheck.Kernel;

/// <summary>
/// A claimed "satisfied" verdict: one group per set of factors tied by shared parameters, covering
/// every factor of the model exactly once.
/// </summary>
/// <param name="Groups">The groups' solutions.</param>
public sealed record Certificate(ImmutableArray<FactorCertificate> Groups);
