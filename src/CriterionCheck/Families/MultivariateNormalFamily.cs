using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// MvNormal(mean, covariance) on ℝᴰ with a full covariance Σ and precision Λ = Σ⁻¹:
/// T = (x_i; x_i·x_j for i ≤ j), η = (Λ·mean; −½Λ_ii, −Λ_ij for i &lt; j),
/// A = ½·η₁ᵀP⁻¹η₁ − ½·log det P with P the precision rebuilt from η, h = (2π)^(−D/2).
/// Λ, P⁻¹ and log det are kept whole (<see cref="MatrixFunction"/>), never written out by cofactors, so
/// the family exists at every D; the kernel proves through Λ by reducing modulo ΛΣ = I.
/// </summary>
public static class MultivariateNormalFamily
{
    /// <summary>
    /// The largest D at which a concrete check proves a multivariate normal's identities element by
    /// element (each entry of Jβ has D² terms to reduce); above it the verdict comes from the spec checked
    /// at a small D together with the proof for every size, which treats Σ as a matrix symbol.
    /// </summary>
    public const int ConcreteCheckDimension = 4;

    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("MvNormal", "MvNormal(mean, covariance) on R^D with a full covariance matrix",
        [new("mean", ArgumentKind.Vector, ParameterDomain.Real), new("covariance", ArgumentKind.Matrix, ParameterDomain.PositiveDefinite)],
        sizes => Build(sizes[0], sizes[1]));

    private static ExponentialFamily Build(int d, int side)
    {
        if (d != side) throw new FamilyException($"MvNormal's mean has length {d} but its covariance is {side}×{side}", 1);
        return AtDimension(d);
    }

    /// <summary>The family at dimension <paramref name="d"/>, with Σ⁻¹, P⁻¹ and log det kept whole.</summary>
    public static ExponentialFamily AtDimension(int d)
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
}
