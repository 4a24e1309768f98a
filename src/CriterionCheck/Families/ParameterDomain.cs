namespace CriterionCheck.Families;

/// <summary>The set a standard parameter (of a family, or of a model) ranges over.</summary>
public enum ParameterDomain
{
    /// <summary>Any real number.</summary>
    Real,
    /// <summary>(0, ∞): variances, rates, scales.</summary>
    Positive,
    /// <summary>(0, 1): probabilities.</summary>
    UnitInterval,
    /// <summary>The probability simplex along the last axis: positive, summing to one; the last entry is 1 − Σ others.</summary>
    Simplex,
    /// <summary>Symmetric positive-definite matrices over the last two axes; entry [j,i] is entry [i,j].</summary>
    PositiveDefinite,
}

/// <summary>Spec-language names of <see cref="ParameterDomain"/>.</summary>
public static class ParameterDomains
{
    /// <summary>The keyword a spec uses for <paramref name="domain"/>.</summary>
    public static string Keyword(this ParameterDomain domain) => domain switch
    {
        ParameterDomain.Real => "real",
        ParameterDomain.Positive => "positive",
        ParameterDomain.UnitInterval => "unit",
        ParameterDomain.Simplex => "simplex",
        ParameterDomain.PositiveDefinite => "posdef",
        _ => throw new ArgumentOutOfRangeException(nameof(domain)),
    };

    /// <summary>The domain written as <paramref name="keyword"/>, or null.</summary>
    public static ParameterDomain? FromKeyword(string keyword) => keyword switch
    {
        "real" => ParameterDomain.Real,
        "positive" => ParameterDomain.Positive,
        "unit" => ParameterDomain.UnitInterval,
        "simplex" => ParameterDomain.Simplex,
        "posdef" => ParameterDomain.PositiveDefinite,
        _ => null,
    };

    /// <summary>The symbolic engine's domain for one scalar entry (simplex entries lie in (0,1); covariance entries are real).</summary>
    public static Symbolics.Domains.Domain EntryDomain(this ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => Symbolics.Domains.Domain.Positive,
        ParameterDomain.UnitInterval or ParameterDomain.Simplex => Symbolics.Domains.Domain.UnitInterval,
        _ => Symbolics.Domains.Domain.Real,
    };
}
