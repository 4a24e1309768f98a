using System.Collections.Immutable;
using CriterionCheck.Kernel;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Presentation;

/// <summary>What a report shows of a witness: the parameter values its rows use, its latent points and its first rows.</summary>
/// <param name="Witness">The witness.</param>
/// <param name="Parameters">The parameter values the rows' natural parameters use, in canonical order.</param>
/// <param name="ListPoints">True when latent points are listed once by number (many values, or opaque ones) instead of beside each row.</param>
/// <param name="Points">The latent points listed, when <see cref="ListPoints"/>.</param>
/// <param name="Rows">The rows shown.</param>
public sealed record WitnessView(Witness Witness, ImmutableArray<KeyValuePair<Expr, Expr>> Parameters, bool ListPoints,
    ImmutableArray<int> Points, ImmutableArray<WitnessRow> Rows);
