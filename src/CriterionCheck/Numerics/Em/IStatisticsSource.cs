namespace CriterionCheck.Numerics.Em;

/// <summary>Where EM's E-step comes from: q for the data at θ, summed into <see cref="ExpectedStatistics"/>.</summary>
public interface IStatisticsSource
{
    /// <summary>A short description for reports.</summary>
    string Description { get; }

    /// <summary>True when the q's are the exact posterior (F is then the log-likelihood).</summary>
    bool IsExact { get; }

    /// <summary>The statistics of q at <paramref name="theta"/>, starting from <paramref name="previous"/> where that helps.</summary>
    ExpectedStatistics Fit(double[] theta, ExpectedStatistics? previous);
}
