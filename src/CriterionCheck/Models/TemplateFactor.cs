using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>
/// One factor of a model for all sizes: its natural parameters as templates over its free indices,
/// with sizes as symbols — η_d = Σ_h W[d,h] z[h] + μ[d] with d free and h bound — instead of one
/// expression per plate element.
/// </summary>
/// <param name="Variable">The factor's variable name.</param>
/// <param name="Indices">The free indices: plates, categorical parents used as indices, a family's own index.</param>
/// <param name="NaturalParameters">η as templates in <see cref="Indices"/>.</param>
public sealed record TemplateFactor(string Variable, ImmutableArray<TemplateIndex> Indices, ImmutableArray<Expr> NaturalParameters)
{
    /// <summary>A multivariate normal's natural parameters as matrices (then <see cref="NaturalParameters"/> is empty), or null.</summary>
    public MatrixNaturals? Matrix { get; init; }

    /// <summary>
    /// Where a free index runs over a whole simplex axis (Poisson(r[d]·w[c]) with w a simplex over the
    /// classes c), the template is split: <see cref="NaturalParameters"/> holds η for c = 1..C − 1 (the
    /// index's range, as <see cref="Indices"/> gives it) followed by η at c = C, where w[C] is the
    /// dependent weight 1 − Σ w. Then this is "c = C" for each natural of the second piece and empty for
    /// the first; it is empty altogether when the factor is not split.
    /// </summary>
    public ImmutableArray<string> Cases { get; init; } = [];

    /// <summary>The number of natural parameters in each piece (all of them when the factor is not split).</summary>
    public int PieceLength => Cases.IsEmpty ? NaturalParameters.Length : NaturalParameters.Length / 2;

    /// <summary>
    /// The family's argument entries as templates, in the family's order (what its entropy is written
    /// in); empty for a categorical's weights and a multivariate normal's matrices.
    /// </summary>
    public ImmutableArray<Expr> Arguments { get; init; } = [];
}
