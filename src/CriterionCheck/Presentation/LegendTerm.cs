namespace CriterionCheck.Presentation;

/// <summary>A term a report uses that a reader without the paper may not know.</summary>
public enum LegendTerm
{
    /// <summary>Condition A, the prior's half of the criterion.</summary>
    ConditionA,
    /// <summary>Condition B, every other factor's half.</summary>
    ConditionB,
    /// <summary>θ, the parameters a Jacobian is taken with respect to.</summary>
    Theta,
    /// <summary>The coefficients α and β, and how they are written.</summary>
    Coefficients,
    /// <summary>The Kronecker delta of templates.</summary>
    Delta,
    /// <summary>The minimal stationarity set.</summary>
    StationaritySet,
    /// <summary>The trusted kernel.</summary>
    Kernel,
    /// <summary>Theorem 1 (constant base measures).</summary>
    Theorem1,
    /// <summary>Theorem 2 (a non-constant base measure).</summary>
    Theorem2,
    /// <summary>A witness of a violated criterion.</summary>
    Witness,
}
