using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.ZeroTesting;

/// <summary>The zero test's answer with its evidence.</summary>
/// <param name="Outcome">What was established.</param>
/// <param name="Witness">For <see cref="ZeroTestOutcome.Nonzero"/>: the symbol values where it is nonzero.</param>
/// <param name="WitnessValue">The expression's value at the witness.</param>
public sealed record ZeroTestResult(ZeroTestOutcome Outcome, IReadOnlyDictionary<Expr, double>? Witness = null, double WitnessValue = 0)
{
    /// <summary>True for proved or probably zero.</summary>
    public bool IsZero => Outcome is ZeroTestOutcome.ProvedZero or ZeroTestOutcome.ProbablyZero;

    /// <summary>"proved zero", "probably zero", "nonzero" or "undecided".</summary>
    public string Describe() => Outcome switch
    {
        ZeroTestOutcome.ProvedZero => "proved zero",
        ZeroTestOutcome.ProbablyZero => "probably zero",
        ZeroTestOutcome.Nonzero => "nonzero",
        _ => "undecided",
    };
}
