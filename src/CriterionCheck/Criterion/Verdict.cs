namespace CriterionCheck.Criterion;

/// <summary>What the engine concludes about the parameterization criterion.</summary>
public enum Verdict
{
    /// <summary>Conditions A and B hold, with a certificate.</summary>
    Satisfied,
    /// <summary>They fail, with a witness.</summary>
    Violated,
    /// <summary>Neither could be established (the result says why).</summary>
    Undecided,
}
