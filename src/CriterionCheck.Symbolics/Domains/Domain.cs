namespace CriterionCheck.Symbolics.Domains;

/// <summary>The set a variable is declared to range over.</summary>
public enum Domain
{
    /// <summary>Any real number.</summary>
    Real,
    /// <summary>(0, ∞): variances, rates, scales.</summary>
    Positive,
    /// <summary>(0, 1): probabilities.</summary>
    UnitInterval,
}
