using System.Collections.Immutable;
using CriterionCheck.Models;

namespace CriterionCheck.Presentation;

/// <summary>One factor of a group as every report shows it.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="JointWith">The other factors it is solved jointly with.</param>
/// <param name="Indices">The free indices of its templates (for every size); empty at concrete sizes or when it has none.</param>
/// <param name="Naturals">The natural parameters shown: one view per element at concrete sizes, one template view for every size.</param>
/// <param name="Elements">How many elements the factor has at the sizes checked.</param>
/// <param name="Jacobian">Its Jacobian with respect to the group's θ.</param>
public sealed record FactorView(Factor Factor, ImmutableArray<string> JointWith, ImmutableArray<TemplateIndex> Indices,
    ImmutableArray<NaturalView> Naturals, int Elements, JacobianView Jacobian)
{
    /// <summary>
    /// For a template split where an index runs over a whole simplex axis, each natural's case ("" for
    /// the index's free range, "c = C" for the piece at the last value); empty when not split.
    /// </summary>
    public ImmutableArray<string> Cases { get; init; } = [];

    /// <summary>The natural parameter's number within its piece (1-based): η1, η2, … and again η1 at c = C.</summary>
    public int NaturalNumber(int natural) => Cases.IsEmpty ? natural + 1 : natural % (Cases.Length / 2) + 1;

    /// <summary>The natural parameter's case ("c = C"), or null when it holds on the indices' ranges.</summary>
    public string? NaturalCase(int natural) => Cases.IsEmpty || Cases[natural].Length == 0 ? null : Cases[natural];

    /// <summary>"A" for the prior, "B" otherwise.</summary>
    public string Condition => Factor.Role == FactorRole.Prior ? "A" : "B";
}
