using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Kernel;

/// <summary>
/// The claimed solution for one group of factors (a single factor, or factors tied by shared
/// parameters and solved jointly): the parameter blocks θ and a coefficient for each of their free
/// elements, such that every natural parameter of the group equals its Jacobian with respect to θ
/// times the coefficients — α for a prior (condition A), β otherwise (condition B).
/// </summary>
/// <param name="Factors">The factors' variable names.</param>
/// <param name="Theta">The parameter blocks whose stationarity is used.</param>
/// <param name="Coefficients">
/// Coefficient per free element of θ (or per whole block, for a block an opaque function takes, where
/// the coefficient is the direction of the derivative); elements not listed have coefficient 0.
/// </param>
public sealed record FactorCertificate(ImmutableArray<string> Factors, ImmutableArray<string> Theta, IReadOnlyDictionary<Expr, Expr> Coefficients);
