namespace CriterionCheck.Numerics;

/// <summary>The figures at one parameter point and one choice of variational distributions.</summary>
/// <param name="Elbo">F(θ; q), per data point.</param>
/// <param name="EntropySum">The entropy sum at (θ, q) (the candidate sum for a spec whose criterion fails).</param>
/// <param name="Gap">ELBO − entropy sum.</param>
/// <param name="GradientNorm">‖∂F/∂θ‖ over every free parameter element.</param>
/// <param name="GradientNormMinimal">‖∂F/∂θ‖ over the minimal stationarity set; null when the criterion fails.</param>
/// <param name="LogLikelihood">(1/N) Σ log p(x⁽ⁿ⁾; θ) when it is computable exactly; else null.</param>
/// <param name="ClosedForm">The exact-posterior closed form ℒ(θ) (linear-Gaussian models); else null.</param>
public sealed record PointReport(double Elbo, double EntropySum, double Gap, double GradientNorm, double? GradientNormMinimal,
    double? LogLikelihood, double? ClosedForm)
{
    /// <summary>∂F/∂θ itself (every free element), when the path that made the report keeps it.</summary>
    public double[]? Gradient { get; init; }

    /// <summary>Each term of the entropy sum (in the formula's order, signs not applied), so that a non-finite sum can be traced to its term.</summary>
    public double[]? Terms { get; init; }

    /// <summary>Equal figures, gradients and terms (arrays by their entries).</summary>
    public bool Equals(PointReport? other) =>
        other is not null && (Elbo, EntropySum, Gap, GradientNorm, GradientNormMinimal, LogLikelihood, ClosedForm).Equals(
            (other.Elbo, other.EntropySum, other.Gap, other.GradientNorm, other.GradientNormMinimal, other.LogLikelihood, other.ClosedForm))
        && Same(Gradient, other.Gradient) && Same(Terms, other.Terms);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Elbo, EntropySum, Gap, GradientNorm, GradientNormMinimal, LogLikelihood, ClosedForm);

    private static bool Same(double[]? a, double[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
}

/// <summary>One training iteration's figures.</summary>
/// <param name="Iteration">1-based.</param>
/// <param name="Step">What the iteration did ("L-BFGS", "Newton", "E+M").</param>
/// <param name="Point">The figures after it.</param>
public sealed record IterationRecord(int Iteration, string Step, PointReport Point);
