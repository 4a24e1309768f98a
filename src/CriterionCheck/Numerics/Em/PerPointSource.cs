namespace CriterionCheck.Numerics.Em;

/// <summary>
/// An E-step by per-point variational distributions (sigma points of a linear-Gaussian posterior, a
/// Gaussian q with fixed samples), turned into <see cref="ExpectedStatistics"/> with one configuration per
/// completion; the previous fit warm-starts the next.
/// </summary>
/// <param name="family">How q is fitted.</param>
/// <param name="structure">The model's structure.</param>
/// <param name="data">The data.</param>
public sealed class PerPointSource(IVariationalFamily family, EmStructure structure, DataSet data) : IStatisticsSource
{
    /// <inheritdoc/>
    public string Description => family.Description;

    /// <inheritdoc/>
    public bool IsExact => family.IsExact;

    /// <inheritdoc/>
    public ExpectedStatistics Fit(double[] theta, ExpectedStatistics? previous)
    {
        var state = family.Fit(theta, previous?.State);
        var result = PointCompletions.From(structure, data, state);
        return result.WithState(state);
    }
}
