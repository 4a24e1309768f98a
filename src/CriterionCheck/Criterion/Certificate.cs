using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// The solution for one group of factors (a single factor, or factors tied by shared parameters and
/// solved jointly): the parameter blocks θ and the coefficient of each of their elements, so that every
/// natural parameter of the group equals its Jacobian with respect to θ times the coefficients — α for
/// a prior (condition A), β otherwise (condition B).
/// </summary>
/// <param name="Factors">The factors' variable names.</param>
/// <param name="Theta">The parameter blocks whose stationarity is used.</param>
/// <param name="Coefficients">
/// Coefficient per free element of θ (or per whole block, for a block an opaque function takes);
/// elements not listed have coefficient 0.
/// </param>
public sealed record FactorCertificate(ImmutableArray<string> Factors, ImmutableArray<string> Theta, IReadOnlyDictionary<Expr, Expr> Coefficients);

/// <summary>A claimed "satisfied" verdict: one group per factor group, covering every factor once.</summary>
/// <param name="Groups">The groups' solutions.</param>
public sealed record Certificate(ImmutableArray<FactorCertificate> Groups);
