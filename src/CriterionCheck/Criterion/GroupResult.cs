using System.Collections.Immutable;
using CriterionCheck.Kernel;

namespace CriterionCheck.Criterion;

/// <summary>
/// The engine's result for one group of factors (one factor, or factors that share parameters): a
/// kernel-accepted certificate with the smallest θ found, or a kernel-accepted witness, or the reason
/// neither could be established.
/// </summary>
/// <param name="Factors">The factors' variable names.</param>
/// <param name="Parameters">Every parameter block the group uses.</param>
/// <param name="Certificate">The solution, when the kernel proved it.</param>
/// <param name="Witness">The inconsistency, when the kernel confirmed it.</param>
/// <param name="Route">How the solution was proposed: "family closed form" (the family's own α), "homogeneity" (Euler) or "elimination".</param>
/// <param name="Reason">Why the group is undecided, or null.</param>
/// <param name="Kernel">The kernel's check of the certificate or witness that stands, or null when undecided.</param>
/// <param name="Rejected">Proposals the kernel rejected on the way, each with its first objection.</param>
public sealed record GroupResult(ImmutableArray<string> Factors, ImmutableArray<string> Parameters, FactorCertificate? Certificate,
    Witness? Witness, string? Route, string? Reason, KernelResult? Kernel, ImmutableArray<string> Rejected);
