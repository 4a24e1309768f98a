namespace CriterionCheck.Symbolics.ZeroTesting;

/// <summary>What the zero test established.</summary>
public enum ZeroTestOutcome
{
    /// <summary>The expanded numerator of the normal form is the zero polynomial: identically zero.</summary>
    ProvedZero,
    /// <summary>Not proved, but zero at every random point tried in the declared domains.</summary>
    ProbablyZero,
    /// <summary>A point in the declared domains where the value is not zero (the witness).</summary>
    Nonzero,
    /// <summary>Not proved, and no sampled point gave a finite value to judge by.</summary>
    Undecided,
}
