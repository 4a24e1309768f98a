namespace CriterionCheck.Numerics;

/// <summary>How the variational distributions are chosen for given parameters.</summary>
public interface IVariationalFamily
{
    /// <summary>A short description for reports, e.g. "exact posterior by enumeration of 4 configurations".</summary>
    string Description { get; }

    /// <summary>True when <see cref="Fit"/> returns the exact posterior (the ELBO is then the log-likelihood).</summary>
    bool IsExact { get; }

    /// <summary>The q's for the data at parameters <paramref name="theta"/>, starting from <paramref name="previous"/> where that helps.</summary>
    VariationalState Fit(double[] theta, VariationalState? previous);
}
