using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// MvNormal(mean, covariance) on ℝᴰ with a full covariance Σ and precision Λ = Σ⁻¹:
/// T = (x_i; x_i·x_j for i ≤ j), η = (Λ·mean; −½Λ_ii, −Λ_ij for i &lt; j),
/// A = ½·η₁ᵀP⁻¹η₁ − ½·log det P with P the precision rebuilt from η, h = (2π)^(−D/2).
/// Written out entry by entry, so it is limited to small D.
/// </summary>
public static class MultivariateNormalFamily
{
    /// <summary>The largest dimension written out symbolically.</summary>
    public const int MaxDimension = 4;

    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("MvNormal", "MvNormal(mean, covariance) on R^D with a full covariance matrix",
        [new("mean", ArgumentKind.Vector, ParameterDomain.Real), new("covariance", ArgumentKind.Matrix, ParameterDomain.PositiveDefinite)],
        sizes => Build(sizes[0], sizes[1]));

    private static ExponentialFamily Build(int d, int side)
    {
        if (d != side) throw new FamilyException($"MvNormal's mean has length {d} but its covariance is {side}×{side}", 1);
        if (d > MaxDimension)
            throw new FamilyException($"MvNormal is written out symbolically up to dimension {MaxDimension}, not {d}; use a diagonal Normal over a plate for larger D", 0);
        var meanEntries = Enumerable.Range(1, d).Select(i => Symbol.Of("mean", i)).ToImmutableArray();
        var covEntries = (from i in Enumerable.Range(1, d) from j in Enumerable.Range(1, d) select Symbol.Of("covariance", i, j)).ToImmutableArray();
        var mean = new FamilyParameter("mean", ArgumentKind.Vector, ParameterDomain.Real, meanEntries);
        var covariance = new FamilyParameter("covariance", ArgumentKind.Matrix, ParameterDomain.PositiveDefinite, covEntries);

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
