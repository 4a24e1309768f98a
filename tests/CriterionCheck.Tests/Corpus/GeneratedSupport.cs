namespace CriterionCheck.Tests.Corpus;

/// <summary>The support of a generated variable, which decides how its children may use it.</summary>
public enum GeneratedSupport
{
    /// <summary>{0, 1}: used as z[i] in linear predictors (the value 0 is on the support).</summary>
    Binary,
    /// <summary>1..C, scalar only: indexes its children's parameters (m[c, i]) or is used as a number.</summary>
    Categorical,
    /// <summary>ℝ: used as z[i].</summary>
    Real,
    /// <summary>(0, ∞): used as log(z[i]), which is 0 at z = 1.</summary>
    Positive,
    /// <summary>{0, 1, 2, …} (or 0..n): used as z[i].</summary>
    Count,
    /// <summary>(0, 1): used as logit(z[i]), which is 0 at z = 1/2.</summary>
    Unit,
}
