using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Matrices;

namespace CriterionCheck.Presentation;

/// <summary>
/// The natural parameters a report shows for one factor element — or, for every size, the factor's
/// templates in its free indices (then <see cref="Element"/> is null).
/// </summary>
/// <param name="Element">The concrete element, or null for the templates.</param>
/// <param name="Values">η₁, η₂, … as scalars.</param>
/// <param name="Matrices">η as matrices (a multivariate normal at every dimension); otherwise empty.</param>
public sealed record NaturalView(FactorElement? Element, ImmutableArray<Expr> Values, ImmutableArray<MatrixPolynomial> Matrices);
