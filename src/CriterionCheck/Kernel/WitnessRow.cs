using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Kernel;

/// <summary>
/// One weighted row of a witness: natural parameter <see cref="Natural"/> (0-based) of element
/// <see cref="Element"/> (0-based, in the factor's element order) of factor <see cref="Factor"/>,
/// at latent point <see cref="LatentPoint"/> (0-based), with the exact weight <see cref="Weight"/>.
/// </summary>
public sealed record WitnessRow(string Factor, int Element, int Natural, int LatentPoint, Expr Weight);
