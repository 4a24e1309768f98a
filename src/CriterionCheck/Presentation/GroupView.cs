using System.Collections.Immutable;

namespace CriterionCheck.Presentation;

/// <summary>One group of factors solved together, as every report shows it.</summary>
/// <param name="Factors">The group's factors.</param>
/// <param name="Prior">True when the group is the prior alone: its coefficients are α (condition A), else β.</param>
/// <param name="ForEverySize">True when the views are templates proved for every size.</param>
/// <param name="Theta">θ: the parameters whose stationarity the group's identity uses.</param>
/// <param name="Route">How the coefficients were found, or null.</param>
/// <param name="FactorViews">The factors.</param>
/// <param name="Coefficients">The coefficients shown, in canonical order.</param>
/// <param name="CoefficientCount">How many coefficients there are.</param>
/// <param name="Witness">The witness when the group violates the criterion, or null.</param>
/// <param name="Reason">Why the group is undecided, or null.</param>
public sealed record GroupView(ImmutableArray<string> Factors, bool Prior, bool ForEverySize, ImmutableArray<string> Theta, string? Route,
    ImmutableArray<FactorView> FactorViews, ImmutableArray<CoefficientView> Coefficients, int CoefficientCount, WitnessView? Witness, string? Reason)
{
    /// <summary>"α" or "β".</summary>
    public string Letter => Prior ? "α" : "β";
}
