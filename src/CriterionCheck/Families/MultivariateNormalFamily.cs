using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// MvNormal(mean, covariance) on ℝᴰ with a full covariance Σ and precision Λ = Σ⁻¹:
/// T = (x_i; x_i·x_j for i ≤ j), η = (Λ·mean; −½Λ_ii, −Λ_ij for i &lt; j),
/// A = ½·η₁ᵀP⁻¹η₁ − ½·log det P with P the precision rebuilt from η, h = (2π)^(−D/2).
/// Up to <see cref="WrittenOutDimension"/> the inverses and determinants are written out by cofactors,
/// so the concrete check sees polynomials it can prove things about; above it Λ, P⁻¹ and log det stay
/// whole (<see cref="MatrixFunction"/>) and the family is built at any D for numeric work, while its
/// proofs come from the matrix-level template (Σ⁻¹ as a matrix symbol).
/// </summary>
public static class MultivariateNormalFamily
{
    /// <summary>The largest dimension written out by cofactors.</summary>
    public const int WrittenOutDimension = 4;

    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("MvNormal", "MvNormal(mean, covariance) on R^D with a full covariance matrix",
        [new("mean", ArgumentKind.Vector, ParameterDomain.Real), new("covariance", ArgumentKind.Matrix, ParameterDomain.PositiveDefinite)],
        sizes => Build(sizes[0], sizes[1]));

    /// <summary>True when a family of dimension <paramref name="d"/> keeps its inverses whole.</summary>
    public static bool KeepsInversesWhole(int d) => d > WrittenOutDimension;

    private static ExponentialFamily Build(int d, int side)
    {
        if (d != side) throw new FamilyException($"MvNormal's mean has length {d} but its covariance is {side}×{side}", 1);
        return KeepsInversesWhole(d) ? Whole(d) : WrittenOut(d);
    }

    /// <summary>
    /// The family at dimension <paramref name="d"/> with Σ⁻¹, P⁻¹ and log det kept whole, at any D
    /// (tests compare it with the written-out family where both exist).
    /// </summary>
    public static ExponentialFamily Whole(int d)
    {
        var (mean, covariance, meanEntries) = Parameters(d);
        var sigma = new List<Expr>();
        for (var i = 1; i <= d; i++)
            for (var j = 1; j <= d; j++)
                sigma.Add(Symbol.Of("covariance", Math.Min(i, j), Math.Max(i, j)));
        Expr Precision(int i, int j) => MatrixFunction.Inverse(sigma, i, j);
        var x = Enumerable.Range(1, d).Select(i => Symbol.Of("x", i)).ToImmutableArray();
        var statistics = new List<Expr>(x);
        var natural = new List<Expr>();
        for (var i = 0; i < d; i++) natural.Add(Sum.Of(Enumerable.Range(0, d).Select(j => Precision(i, j) * meanEntries[j])));
        var eta = (int k) => (Expr)Symbol.Of(ExponentialFamily.NaturalSymbolName, k);
        var p = new Expr[d * d];
        var next = d + 1;
        for (var i = 0; i < d; i++)
            for (var j = i; j < d; j++)
            {
                statistics.Add(x[i] * x[j]);
                natural.Add(i == j ? -new Rational(1, 2) * Precision(i, i) : -Precision(i, j));
                p[i * d + j] = p[j * d + i] = i == j ? -2 * eta(next) : -eta(next);
                next++;
            }
        var quadratic = new List<Expr>();
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                quadratic.Add(eta(i + 1) * MatrixFunction.Inverse(p, i, j) * eta(j + 1));
        var logPartition = new Rational(1, 2) * Sum.Of(quadratic) - new Rational(1, 2) * MatrixFunction.LogDeterminant(p);
        var logBase = -new Rational(d, 2) * FunctionCall.Log(2 * Constant.Pi);
        // H = D/2·log(2πe) + ½·log det Σ. Derived from A it would need tr(Σ⁻¹Σ) = D, which the scalar normal
        // form does not see through a kept-whole inverse.
        var entropy = new Rational(d, 2) * FunctionCall.Log(2 * Constant.Pi * FunctionCall.E) + new Rational(1, 2) * MatrixFunction.LogDeterminant(sigma);
        return new ExponentialFamily("MvNormal", [mean, covariance], x, new Support(SupportKind.Real, d),
            [.. statistics], [.. natural], logPartition, logBase) { ClosedFormEntropy = entropy };
    }

    private static (FamilyParameter Mean, FamilyParameter Covariance, ImmutableArray<Symbol> MeanEntries) Parameters(int d)
    {
        var meanEntries = Enumerable.Range(1, d).Select(i => Symbol.Of("mean", i)).ToImmutableArray();
        var covEntries = (from i in Enumerable.Range(1, d) from j in Enumerable.Range(1, d) select Symbol.Of("covariance", i, j)).ToImmutableArray();
        return (new FamilyParameter("mean", ArgumentKind.Vector, ParameterDomain.Real, [.. meanEntries]),
            new FamilyParameter("covariance", ArgumentKind.Matrix, ParameterDomain.PositiveDefinite, [.. covEntries]), meanEntries);
    }

    /// <summary>The family at dimension <paramref name="d"/> ≤ <see cref="WrittenOutDimension"/>, written out by cofactors.</summary>
    public static ExponentialFamily WrittenOut(int d)
    {
        var (mean, covariance, meanEntries) = Parameters(d);

        var sigma = new Expr[d, d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                sigma[i, j] = Symbol.Of("covariance", Math.Min(i, j) + 1, Math.Max(i, j) + 1);
        // Λ = adj(Σ)/det Σ; each natural parameter is one numerator over det Σ.
        var adjugate = SymbolicMatrix.Adjugate(sigma);
        var inverseDet = Power.Of(SymbolicMatrix.Determinant(sigma), Number.MinusOne);

        var x = Enumerable.Range(1, d).Select(i => Symbol.Of("x", i)).ToImmutableArray();
        var statistics = new List<Expr>(x);
        var natural = new List<Expr>();
        for (var i = 0; i < d; i++) natural.Add(Sum.Of(Enumerable.Range(0, d).Select(j => adjugate[i, j] * meanEntries[j])) * inverseDet);

        // The quadratic part: one statistic per unordered pair, so the natural parameters are free.
        var eta = (int k) => (Expr)Symbol.Of(ExponentialFamily.NaturalSymbolName, k);
        var p = new Expr[d, d];
        var next = d + 1;
        for (var i = 0; i < d; i++)
            for (var j = i; j < d; j++)
            {
                statistics.Add(x[i] * x[j]);
                if (i == j)
                {
                    natural.Add(-new Rational(1, 2) * adjugate[i, i] * inverseDet);
                    p[i, i] = -2 * eta(next);
                }
                else
                {
                    natural.Add(-adjugate[i, j] * inverseDet);
                    p[i, j] = p[j, i] = -eta(next);
                }
                next++;
            }
        var pAdjugate = SymbolicMatrix.Adjugate(p);
        var pDeterminant = SymbolicMatrix.Determinant(p);
        var quadratic = new List<Expr>();
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                quadratic.Add(eta(i + 1) * pAdjugate[i, j] * eta(j + 1));
        var logPartition = new Rational(1, 2) * Sum.Of(quadratic) / pDeterminant - new Rational(1, 2) * FunctionCall.Log(pDeterminant);
        var logBase = -new Rational(d, 2) * FunctionCall.Log(2 * Constant.Pi);
        return new ExponentialFamily("MvNormal", [mean, covariance], x, new Support(SupportKind.Real, d),
            [.. statistics], [.. natural], logPartition, logBase);
    }
}
