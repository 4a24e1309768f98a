namespace CriterionCheck.Numerics.Em;

/// <summary>Everything the structured path uses for one model and data set: the structure, the complete-data objective, the M-step and the E-step.</summary>
/// <param name="Structure">What the model's structure offers.</param>
/// <param name="Objective">Q(θ; q) with its gradient and Hessian blocks.</param>
/// <param name="MStep">The block-wise maximiser of Q.</param>
/// <param name="Source">The E-step.</param>
public sealed record EmPath(EmStructure Structure, CompleteDataObjective Objective, MStep MStep, IStatisticsSource Source);
