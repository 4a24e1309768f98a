using System.Collections.Immutable;

namespace CriterionCheck.Numerics;

/// <summary>N observations of the observable, one row per data point, columns in the layout's order.</summary>
/// <param name="Columns">The column names (the observable's coordinates, e.g. x[1]).</param>
/// <param name="Rows">The values.</param>
public sealed record DataSet(ImmutableArray<string> Columns, ImmutableArray<double[]> Rows)
{
    /// <summary>N.</summary>
    public int Count => Rows.Length;
}
