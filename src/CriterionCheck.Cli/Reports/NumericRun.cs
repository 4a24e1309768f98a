using CriterionCheck.Numerics;

namespace CriterionCheck.Cli.Reports;

/// <summary>What <c>numeric</c> and <c>evaluate</c> report: a trained (or given) point and how it was reached.</summary>
/// <param name="Model">The prepared model.</param>
/// <param name="DataSource">Where the data came from, for the report.</param>
/// <param name="TrueTheta">The parameters the synthetic data were drawn from; null for user data.</param>
/// <param name="Training">The training run; null for <c>evaluate</c>.</param>
/// <param name="Theta">The point reported.</param>
/// <param name="Final">The figures there.</param>
/// <param name="Method">How q and θ were obtained.</param>
/// <param name="Tolerance">The gradient norm below which a point counts as stationary.</param>
public sealed record NumericRun(NumericModel Model, string DataSource, double[]? TrueTheta, TrainingResult? Training, double[] Theta,
    PointReport Final, string Method, double Tolerance)
{
    /// <summary>True when the point is stationary in the trained parameters (θ within tolerance).</summary>
    public bool Stationary => Training?.Converged ?? Final.GradientNorm <= Tolerance;

    /// <summary>|gap| ≤ 1e-6 · max(1, |ELBO|): the identity holds to the tolerance the tests use.</summary>
    public bool IdentityHolds => Math.Abs(Final.Gap) <= 1e-6 * Math.Max(1, Math.Abs(Final.Elbo));

    /// <summary>A satisfied spec whose identity fails at a stationary point: a bug, or a wrong verdict.</summary>
    public bool Contradiction => Model.Certified is not null && Stationary && Diagnosis is null && !IdentityHolds;

    /// <summary>Why the ELBO or the entropy sum is not a finite number, or null when both are.</summary>
    public string? Diagnosis { get; } = NonFiniteDiagnosis.Describe(Model, Theta, Final);
}
