using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>One equation Σ_c Coefficients[c]·β_c = Rhs: natural parameter <see cref="Source"/> at point <see cref="Point"/>.</summary>
/// <param name="Source">The natural parameter row.</param>
/// <param name="Point">The index of the latent point.</param>
/// <param name="Coefficients">∂η/∂θ_c at the point, by column.</param>
/// <param name="Rhs">η at the point.</param>
public sealed record PointEquation(NaturalRow Source, int Point, Dictionary<Expr, Expr> Coefficients, Expr Rhs);
