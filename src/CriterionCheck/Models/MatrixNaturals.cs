using System.Collections.Immutable;
using CriterionCheck.Symbolics.Matrices;

namespace CriterionCheck.Models;

/// <summary>
/// The multivariate normal's natural parameters as matrices of symbolic dimension,
/// η = (Σ⁻¹μ, −½Σ⁻¹), with the slices they are made of — so no entry is ever written out and every
/// dimension D is covered at once.
/// </summary>
/// <param name="Mean">The mean slice μ (a parameter's, or a latent vector's).</param>
/// <param name="Covariance">The covariance slice Σ.</param>
/// <param name="Naturals">η₁ = Σ⁻¹μ and η₂ = −½Σ⁻¹.</param>
public sealed record MatrixNaturals(MatrixAtom Mean, MatrixAtom Covariance, ImmutableArray<MatrixPolynomial> Naturals);
