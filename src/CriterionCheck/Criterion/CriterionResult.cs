using System.Collections.Immutable;
using CriterionCheck.Kernel;

namespace CriterionCheck.Criterion;

/// <summary>The engine's conclusion for a model: the verdict, each group's result, and the theorem that applies.</summary>
/// <param name="Verdict">Satisfied, violated or undecided; satisfied and violated only with the kernel's acceptance.</param>
/// <param name="Groups">One result per group of factors.</param>
/// <param name="Theorem">1 when every base measure is constant, 2 otherwise; null unless satisfied.</param>
public sealed record CriterionResult(Verdict Verdict, ImmutableArray<GroupResult> Groups, int? Theorem)
{
    /// <summary>The certificate of a satisfied model (one group per factor group).</summary>
    public Certificate? Certificate => Verdict == Verdict.Satisfied ? new Certificate([.. Groups.Select(g => g.Certificate!)]) : null;

    /// <summary>The witness of a violated model (the first violated group's).</summary>
    public Witness? Witness => Verdict == Verdict.Violated ? Groups.Select(g => g.Witness).OfType<Witness>().First() : null;

    /// <summary>The parameter blocks of the minimal stationarity set, over all groups (the prior's included).</summary>
    public ImmutableArray<string> StationaryIn => [.. Groups.Where(g => g.Certificate is not null).SelectMany(g => g.Certificate!.Theta)];
}
