using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Symbolics.Tests.Matrices;

/// <summary>
/// Inverse entries and log-determinants kept whole: values against MathNet's inverse and determinant,
/// derivatives against central finite differences, the compiled form against the evaluator, and the
/// two constructor identities ((N⁻¹)⁻¹ = N, log det N⁻¹ = −log det N) exactly.
/// </summary>
public class MatrixFunctionTests
{
    private static readonly Symbol X = Symbol.Of("x");
    private static readonly Symbol Y = Symbol.Of("y");

    // A symmetric 3×3 matrix of polynomials in x and y, positive definite near (x, y) = (1, 0.5).
    private static Expr[] Entries()
    {
        Expr a = X * X + 2, b = X * Y, c = Number.Of(new Rational(1, 3)), d = Y + 3, e = X - Y, f = 4 * X + Y * Y;
        return [a, b, c, b, d, e, c, e, f];
    }

    private static Matrix<double> Numeric(double x, double y) =>
        Matrix<double>.Build.DenseOfRowMajor(3, 3, [x * x + 2, x * y, 1.0 / 3, x * y, y + 3, x - y, 1.0 / 3, x - y, 4 * x + y * y]);

    private static double Eval(Expr e, double x, double y) => Evaluator.Evaluate(e, new Dictionary<Expr, double> { [X] = x, [Y] = y });

    [Theory]
    [InlineData(1.0, 0.5)]
    [InlineData(0.7, -0.2)]
    [InlineData(2.0, 1.5)]
    public void Values_are_MathNets_inverse_and_log_determinant(double x, double y)
    {
        var m = Numeric(x, y);
        var inverse = m.Inverse();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                Assert.Equal(inverse[i, j], Eval(MatrixFunction.Inverse(Entries(), i, j), x, y), 1e-12);
        Assert.Equal(Math.Log(m.Determinant()), Eval(MatrixFunction.LogDeterminant(Entries()), x, y), 1e-12);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    public void Derivatives_match_central_differences(int row, int column)
    {
        const double h = 1e-5;
        foreach (var f in new[] { MatrixFunction.Inverse(Entries(), row, column), MatrixFunction.LogDeterminant(Entries()) })
            foreach (var v in new[] { X, Y })
            {
                var derivative = Differentiator.Differentiate(f, v);
                var sparse = SparseGradient.Of(f, new HashSet<Symbol> { X, Y }).GetValueOrDefault(v, Number.Zero);
                var (x, y) = (1.1, 0.4);
                var difference = v == X
                    ? (Eval(f, x + h, y) - Eval(f, x - h, y)) / (2 * h)
                    : (Eval(f, x, y + h) - Eval(f, x, y - h)) / (2 * h);
                Assert.Equal(difference, Eval(derivative, x, y), 1e-7);
                Assert.Equal(Eval(derivative, x, y), Eval(sparse, x, y), 1e-12);
            }
    }

    [Fact]
    public void Compiled_values_agree_with_the_evaluator()
    {
        var outputs = new List<Expr> { MatrixFunction.LogDeterminant(Entries()) };
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                outputs.Add(MatrixFunction.Inverse(Entries(), i, j) * X);
        var compiled = CompiledFunction.Compile(outputs, new Dictionary<Symbol, int> { [X] = 0, [Y] = 1 });
        var result = new double[outputs.Count];
        compiled.Evaluate([0.9, 0.3], result);
        for (var k = 0; k < outputs.Count; k++) Assert.Equal(Eval(outputs[k], 0.9, 0.3), result[k], 1e-13);
    }

    [Fact]
    public void The_inverse_of_an_inverse_and_its_log_determinant_simplify_exactly()
    {
        var inverse = new List<Expr>();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                inverse.Add(MatrixFunction.Inverse(Entries(), i, j));
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                Assert.Equal(Entries()[i * 3 + j], MatrixFunction.Inverse(inverse, i, j));
        Assert.Equal(-MatrixFunction.LogDeterminant(Entries()), MatrixFunction.LogDeterminant(inverse));
    }

    [Fact]
    public void A_symmetric_matrix_has_one_node_per_unordered_pair_and_a_general_one_does_not()
    {
        Assert.Equal(MatrixFunction.Inverse(Entries(), 2, 0), MatrixFunction.Inverse(Entries(), 0, 2));
        Expr[] general = [X, Y, Number.One, X + Y];
        Assert.NotEqual(MatrixFunction.Inverse(general, 1, 0), MatrixFunction.Inverse(general, 0, 1));
        // A 1×1 matrix is a reciprocal and a logarithm.
        Assert.Equal(Power.Of(X, Number.MinusOne), MatrixFunction.Inverse([X], 0, 0));
        Assert.Equal(FunctionCall.Log(X), MatrixFunction.LogDeterminant([X]));
    }

    [Fact]
    public void A_block_slice_prints_by_its_name_and_other_matrices_by_their_entries()
    {
        var sigma = new List<Expr>();
        for (var i = 1; i <= 2; i++)
            for (var j = 1; j <= 2; j++)
                sigma.Add(Symbol.Of("Sigma", 3, Math.Min(i, j), Math.Max(i, j)));
        Assert.Equal("inv[1,2](Sigma[3])", MatrixFunction.Inverse(sigma, 1, 0).ToString());
        Assert.Equal("logdet(Sigma[3])", MatrixFunction.LogDeterminant(sigma).ToString());
        Assert.Equal("logdet(matrix(x, y, 1, x + y))", MatrixFunction.LogDeterminant([X, Y, Number.One, X + Y]).ToString());
    }

    [Fact]
    public void A_singular_matrix_evaluates_to_NaN_entries_and_minus_infinity()
    {
        Expr[] singular = [X, X, X, X];
        Assert.True(double.IsNaN(Eval(MatrixFunction.Inverse(singular, 0, 0), 2, 0)));
        Assert.Equal(double.NegativeInfinity, Eval(MatrixFunction.LogDeterminant(singular), 2, 0));
    }
}
