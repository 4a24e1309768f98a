using System.Collections.Immutable;

namespace CriterionCheck.Criterion;

/// <summary>
/// The engine's result for one group of factors (one factor, or factors that share parameters):
/// a certificate with the smallest θ found, or a witness, or the reason neither was found.
/// </summary>
/// <param name="Factors">The factors' variable names.</param>
/// <param name="Parameters">Every parameter block the group uses.</param>
/// <param name="Certificate">The solution, when the group satisfies its condition.</param>
/// <param name="Witness">The inconsistency, when it does not.</param>
/// <param name="Route">How the solution was found: "homogeneity" (Euler) or "elimination".</param>
/// <param name="Reason">Why the group is undecided, or null.</param>
public sealed record GroupResult(ImmutableArray<string> Factors, ImmutableArray<string> Parameters, FactorCertificate? Certificate,
    Witness? Witness, string? Route, string? Reason);
