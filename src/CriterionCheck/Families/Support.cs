namespace CriterionCheck.Families;

/// <summary>The kinds of support the families have.</summary>
public enum SupportKind
{
    /// <summary>{0, 1}.</summary>
    Binary,
    /// <summary>K categories, coded one-hot in K − 1 coordinates (the last category is all zeros).</summary>
    Categorical,
    /// <summary>{0, 1, …, n}.</summary>
    BoundedCount,
    /// <summary>{0, 1, 2, …}.</summary>
    Count,
    /// <summary>The real line (or ℝᴰ for a vector variable).</summary>
    Real,
    /// <summary>(0, ∞).</summary>
    Positive,
    /// <summary>(0, 1).</summary>
    UnitInterval,
}

/// <summary>Where a family's variable lives.</summary>
/// <param name="Kind">The kind of set.</param>
/// <param name="Size">K for categorical, n for bounded counts, the dimension for real vectors, else 1.</param>
public sealed record Support(SupportKind Kind, int Size = 1)
{
    /// <summary>True for supports that are counted rather than measured.</summary>
    public bool IsDiscrete => Kind is SupportKind.Binary or SupportKind.Categorical or SupportKind.BoundedCount or SupportKind.Count;

    /// <summary>The spec-language keyword for the support of a scalar variable, or null for multivariate supports.</summary>
    public string Keyword => Kind switch
    {
        SupportKind.Binary => "binary",
        SupportKind.Categorical => $"categories({Size})",
        SupportKind.BoundedCount => $"counts({Size})",
        SupportKind.Count => "counts",
        SupportKind.Real => Size == 1 ? "real" : $"real^{Size}",
        SupportKind.Positive => "positive",
        SupportKind.UnitInterval => "unit",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>
    /// The points of a discrete support as coordinate vectors (one-hot for categorical), in order;
    /// infinite for <see cref="SupportKind.Count"/>, so callers take what they need.
    /// </summary>
    public IEnumerable<double[]> Points()
    {
        switch (Kind)
        {
            case SupportKind.Binary:
                yield return [0.0];
                yield return [1.0];
                break;
            case SupportKind.Categorical:
                for (var k = 0; k < Size; k++)
                {
                    var point = new double[Size - 1];
                    if (k < Size - 1) point[k] = 1;
                    yield return point;
                }
                break;
            case SupportKind.BoundedCount:
                for (var k = 0; k <= Size; k++) yield return [k];
                break;
            case SupportKind.Count:
                for (var k = 0; ; k++) yield return [k];
            default:
                throw new InvalidOperationException($"the support {Keyword} is not discrete");
        }
    }
}
