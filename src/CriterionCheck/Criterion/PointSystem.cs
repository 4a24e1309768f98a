using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// The stacked system η = Jβ with the latents fixed at points: one equation per natural parameter
/// row and point, in the parameters and in fresh unknowns that stand for opaque function values and
/// derivatives at each point (an opaque function is arbitrary, so these are free).
/// </summary>
/// <param name="Equations">The equations.</param>
/// <param name="Points">Per point, the exact value of every latent element fixed there.</param>
/// <param name="Fresh">Each fresh unknown: the opaque call (or derivative atom) it stands for, and its point.</param>
/// <param name="FreshValues">Values chosen for the fresh unknowns, where the numeric tests and witnesses need them.</param>
public sealed record PointSystem(List<PointEquation> Equations, List<Dictionary<Expr, Rational>> Points,
    Dictionary<Symbol, (OpaqueCall Atom, int Point)> Fresh, Dictionary<Expr, Rational> FreshValues);
