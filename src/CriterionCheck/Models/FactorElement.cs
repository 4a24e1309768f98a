using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>
/// One plate element of a factor, e.g. x[2] of <c>x[d in D]</c>: its variable, its family arguments
/// and its natural parameters η as expressions of parameters and parent latents.
/// </summary>
/// <param name="PlateIndices">The plate index values (empty when the factor has no plate).</param>
/// <param name="Variable">The variable's coordinates as other factors refer to them (x[2]; x[1..D] for a vector; c for a categorical).</param>
/// <param name="Arguments">Every entry of every family argument, in the family's order.</param>
/// <param name="NaturalParameters">η for this element.</param>
public sealed record FactorElement(ImmutableArray<int> PlateIndices, ImmutableArray<Symbol> Variable, ImmutableArray<Expr> Arguments,
    ImmutableArray<Expr> NaturalParameters)
{
    /// <summary>The element's name, e.g. <c>x[2]</c>, or the variable's name for an unplated factor.</summary>
    public string Label(string variable) => PlateIndices.IsEmpty ? variable : $"{variable}[{string.Join(",", PlateIndices)}]";
}
