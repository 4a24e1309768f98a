using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// One row of a witness: natural parameter <see cref="Natural"/> of element <see cref="Element"/> of
/// factor <see cref="Factor"/>, at latent point <see cref="LatentPoint"/>, with weight <see cref="Weight"/>.
/// </summary>
public sealed record WitnessRow(string Factor, int Element, int Natural, int LatentPoint, double Weight);

/// <summary>
/// A claimed "violated" verdict for a group of factors: at a parameter point and some latent points,
/// a weight vector y over rows of the stacked system with yᵀJ = 0 for every parameter of the group and
/// yᵀη ≠ 0, so no coefficient vector can exist. A prior without parameters is the case with no columns.
/// </summary>
/// <param name="Factors">The factors of the group.</param>
/// <param name="Parameters">Values of the free parameter elements (and of whole opaque blocks).</param>
/// <param name="LatentPoints">Values of the latent elements, one dictionary per point.</param>
/// <param name="Rows">The weighted rows.</param>
/// <param name="Reason">The plain-language reason, for reports.</param>
public sealed record Witness(ImmutableArray<string> Factors, ImmutableDictionary<Expr, double> Parameters,
    ImmutableArray<ImmutableDictionary<Expr, double>> LatentPoints, ImmutableArray<WitnessRow> Rows, string Reason);
