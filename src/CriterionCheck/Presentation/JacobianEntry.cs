using CriterionCheck.Criterion;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Matrices;

namespace CriterionCheck.Presentation;

/// <summary>
/// One entry of a Jacobian as a report shows it: ∂η_k(row)/∂column = derivative at concrete sizes;
/// ∂η_k/∂W[d',h'] = δ(d,d')·z[h'] for every size; or, for a matrix parameter, the directional
/// derivative dη_k along dΣ.
/// </summary>
/// <param name="Row">The concrete row, or null for a template entry.</param>
/// <param name="Natural">The natural parameter's position k (0-based).</param>
/// <param name="Column">The parameter element (primed indices for every size), or the matrix's symbol.</param>
/// <param name="Derivative">The scalar derivative, or null for a directional one.</param>
/// <param name="Directional">dη_k along <see cref="Direction"/>, or null.</param>
/// <param name="Direction">The direction dΣ, or null.</param>
public sealed record JacobianEntry(NaturalRow? Row, int Natural, Expr Column, Expr? Derivative, MatrixPolynomial? Directional = null, MatrixAtom? Direction = null);
