using CriterionCheck.Families;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Tests.Families;

/// <summary>
/// The multivariate normal with Σ⁻¹ kept whole, against MathNet's inverse and determinant at
/// D = 2, 3, 4, 5 and 16: natural parameters, log-partition, its gradient (the mean statistics
/// E[x] = μ, E[x_i x_j] = Σ_ij + μ_i μ_j) and entropy.
/// </summary>
public class MultivariateNormalMatrixTests
{
    // A random symmetric positive-definite Σ (AᵀA/D + I/2) and mean, seeded.
    private static (double[] Mean, Matrix<double> Sigma) Point(int d, int seed)
    {
        var random = new Random(seed);
        var a = Matrix<double>.Build.Dense(d, d, (_, _) => random.NextDouble() * 2 - 1);
        var sigma = a.TransposeThisAndMultiply(a) / d + Matrix<double>.Build.DenseIdentity(d) * 0.5;
        return ([.. Enumerable.Range(0, d).Select(_ => random.NextDouble() * 4 - 2)], sigma);
    }

    private static Dictionary<Expr, double> Bindings(ExponentialFamily family, double[] mean, Matrix<double> sigma)
    {
        var d = mean.Length;
        var values = new Dictionary<Expr, double>();
        for (var i = 0; i < d; i++) values[family.Parameters[0].Entries[i]] = mean[i];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                values[family.Parameters[1].Entries[i * d + j]] = sigma[i, j];
        return values;
    }

    private static double[] Naturals(ExponentialFamily family, Dictionary<Expr, double> at) =>
        [.. family.NaturalMap.Select(e => Evaluator.Evaluate(e, at))];

    private static double Partition(ExponentialFamily family, double[] eta) =>
        Evaluator.Evaluate(family.LogPartition, family.NaturalSymbols.Select((s, k) => (s, k)).ToDictionary(p => (Expr)p.s, p => eta[p.k]));

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(16, 5)]
    public void At_larger_D_it_agrees_with_MathNet(int d, int seed)
    {
        var family = MultivariateNormalFamily.AtDimension(d);
        var (mean, sigma) = Point(d, seed);
        var precision = sigma.Inverse();
        var at = Bindings(family, mean, sigma);
        var eta = Naturals(family, at);
        var mu = Vector<double>.Build.DenseOfArray(mean);
        var linear = precision * mu;
        for (var i = 0; i < d; i++) Assert.Equal(linear[i], eta[i], 1e-10);
        var k = d;
        for (var i = 0; i < d; i++)
            for (var j = i; j < d; j++, k++)
                Assert.Equal(i == j ? -0.5 * precision[i, i] : -precision[i, j], eta[k], 1e-10);
        // A(η) = ½ μᵀΣ⁻¹μ + ½ log det Σ.
        Assert.Equal(0.5 * mu.DotProduct(linear) + 0.5 * Math.Log(sigma.Determinant()), Partition(family, eta), 1e-9);
        Assert.Equal(0.5 * d * Math.Log(2 * Math.PI * Math.E) + 0.5 * Math.Log(sigma.Determinant()), Evaluator.Evaluate(family.Entropy!, at), 1e-10);
    }

    [Fact]
    public void The_gradient_of_the_log_partition_is_the_mean_statistics()
    {
        const int d = 5;
        var family = MultivariateNormalFamily.AtDimension(d);
        var (mean, sigma) = Point(d, 7);
        var eta = Naturals(family, Bindings(family, mean, sigma));
        var values = family.NaturalSymbols.Select((s, k) => (s, k)).ToDictionary(p => (Expr)p.s, p => eta[p.k]);
        var k = 0;
        for (var i = 0; i < d; i++, k++)
            Assert.Equal(mean[i], Evaluator.Evaluate(Differentiator.Differentiate(family.LogPartition, family.NaturalSymbols[k]), values), 1e-9);
        for (var i = 0; i < d; i++)
            for (var j = i; j < d; j++, k++)
                Assert.Equal(sigma[i, j] + mean[i] * mean[j], Evaluator.Evaluate(Differentiator.Differentiate(family.LogPartition, family.NaturalSymbols[k]), values), 1e-9);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    public void Every_dimension_keeps_the_inverse_whole(int d)
    {
        var family = FamilyLibrary.Find("MvNormal")!.Instantiate([d, d]);
        Assert.True(family.KeepsMatricesWhole);
        // No cofactor expansion: each natural parameter of the quadratic part is a single inverse entry.
        Assert.All(family.NaturalMap.Skip(d), eta => Assert.Contains(eta.Children.Append(eta), e => e is MatrixFunction));
    }
}
