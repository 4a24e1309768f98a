using System.Runtime.Intrinsics;
using CriterionCheck.Numerics.Vectorized;

namespace CriterionCheck.Tests.Numerics.Em;

/// <summary>The E-step's vectorised kernels against plain loops: both matrix products at awkward sizes, the exponential to a few ulps with its edge cases, and the row log-sum-exp.</summary>
public class VectorizedKernelTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 8, 8)]
    [InlineData(9, 17, 13)]
    [InlineData(32, 64, 1024)]
    [InlineData(5, 3, 1030)]
    public void The_products_equal_plain_loops(int rows, int inner, int columns)
    {
        var random = new Random(rows * 1000 + inner * 10 + columns);
        var a = Enumerable.Range(0, rows * inner).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, inner * columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble()).ToArray();
        var expected = (double[])c.Clone();
        for (var r = 0; r < rows; r++)
            for (var j = 0; j < columns; j++)
                for (var m = 0; m < inner; m++) expected[r * columns + j] += a[r * inner + m] * b[m * columns + j];
        var packed = new double[MatrixProducts.PackedLength(inner, columns)];
        for (var m = 0; m < inner; m++)
            for (var j = 0; j < columns; j++) packed[MatrixProducts.PackedIndex(m, j, inner)] = b[m * columns + j];
        var c2 = (double[])c.Clone();
        MatrixProducts.MultiplyAdd(a, b, c, rows, inner, columns);
        MatrixProducts.MultiplyAddPacked(a, packed, c2, rows, inner, columns);
        for (var i = 0; i < c.Length; i++) Assert.True(Math.Abs(expected[i] - c[i]) <= 1e-12 * (1 + inner), $"C entry {i}: {c[i]} vs {expected[i]}");
        for (var i = 0; i < c.Length; i++) Assert.True(Math.Abs(expected[i] - c2[i]) <= 1e-12 * (1 + inner), $"packed C entry {i}: {c2[i]} vs {expected[i]}");

        // s (columns × inner) += cᵀ a, reading c as q (rows × columns) and a as t (rows × inner).
        var s = Enumerable.Range(0, columns * inner).Select(_ => random.NextDouble()).ToArray();
        var sExpected = (double[])s.Clone();
        for (var j = 0; j < columns; j++)
            for (var m = 0; m < inner; m++)
                for (var r = 0; r < rows; r++) sExpected[j * inner + m] += c[r * columns + j] * a[r * inner + m];
        MatrixProducts.TransposeMultiplyAdd(c, a, s, rows, columns, inner);
        for (var i = 0; i < s.Length; i++) Assert.True(Math.Abs(sExpected[i] - s[i]) <= 1e-11 * (1 + rows), $"S entry {i}: {s[i]} vs {sExpected[i]}");
    }

    [Fact]
    public void The_exponential_is_accurate_and_handles_the_edges()
    {
        var random = new Random(5);
        var worst = 0.0;
        for (var i = 0; i < 20000; i++)
        {
            var x = 1400 * random.NextDouble() - 700;
            var v = VectorMath.Exp(Vector256.Create(x))[0];
            var e = Math.Exp(x);
            worst = Math.Max(worst, Math.Abs(v - e) / e);
        }
        Assert.True(worst <= 4 * Math.Pow(2, -52), $"worst relative error {worst:E2} (more than 4 ulp)");
        var edges = VectorMath.Exp(Vector256.Create(double.NegativeInfinity, -800, 0, 800));
        Assert.Equal(0, edges[0]);
        Assert.Equal(0, edges[1]);
        Assert.Equal(1, edges[2]);
        Assert.Equal(double.PositiveInfinity, edges[3]);
        Assert.True(double.IsNaN(VectorMath.Exp(Vector256.Create(double.NaN))[0]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(1027)]
    public void Row_softmax_gives_the_posterior_its_evidence_and_entropy(int k)
    {
        var random = new Random(k);
        // Large and spread log values, one configuration ruled out (−∞).
        var row = Enumerable.Range(0, k).Select(_ => 400 * random.NextDouble() - 900).ToArray();
        if (k > 2) row[1] = double.NegativeInfinity;
        var max = row.Max();
        var sum = row.Sum(v => Math.Exp(v - max));
        var lse = max + Math.Log(sum);
        var q = row.Select(v => Math.Exp(v - lse)).ToArray();
        var entropy = -q.Where(p => p > 0).Sum(p => p * Math.Log(p));
        var (evidence, h) = RowSoftmax.Apply(row);
        Assert.Equal(lse, evidence, 1e-12 * Math.Abs(lse));
        Assert.Equal(entropy, h, 1e-12);
        for (var j = 0; j < k; j++) Assert.True(Math.Abs(q[j] - row[j]) <= 1e-13 * q[j] + 1e-300, $"q[{j}] = {row[j]:R}, expected {q[j]:R}");
        Assert.Equal(1, row.Sum(), 1e-13);
    }
}
