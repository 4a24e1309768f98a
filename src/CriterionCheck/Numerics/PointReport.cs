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
    double? LogLikelihood, double? ClosedForm);

/// <summary>One training iteration's figures.</summary>
/// <param name="Iteration">1-based.</param>
/// <param name="Step">What the iteration did ("L-BFGS", "Newton", "E+M").</param>
/// <param name="Point">The figures after it.</param>
public sealed record IterationRecord(int Iteration, string Step, PointReport Point);
