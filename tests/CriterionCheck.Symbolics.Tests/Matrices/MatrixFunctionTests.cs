using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Printing;
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
    public void The_explicit_text_parses_back_to_the_same_node()
    {
        var sigma = new List<Expr>();
        for (var i = 1; i <= 3; i++)
            for (var j = 1; j <= 3; j++)
                sigma.Add(Symbol.Of("Sigma", 2, Math.Min(i, j), Math.Max(i, j)));
        var e = MatrixFunction.Inverse(sigma, 2, 0) * Symbol.Of("mu", 1) - MatrixFunction.LogDeterminant(sigma) / 2;
        var text = TextPrinter.PrintExplicit(e);
        Assert.Contains("matrix(Sigma[2,1,1], Sigma[2,1,2], Sigma[2,1,3], Sigma[2,1,2]", text);
        Assert.Equal(e, CriterionCheck.Symbolics.Parsing.ExpressionParser.Parse(text));
        Assert.Equal(text, TextPrinter.PrintExplicit(CriterionCheck.Symbolics.Parsing.ExpressionParser.Parse(text)));
    }

    [Theory]
    [InlineData("inv[1,2](matrix(1, 2, 3))", "n² entries")]
    [InlineData("inv[3,1](matrix(x, y, y, x))", "within 1..2")]
    [InlineData("inv(matrix(x, y, y, x))", "two whole-number indices")]
    [InlineData("logdet(x)", "matrix(m11, m12, …)")]
    [InlineData("matrix(x, y, y, x)", "only an argument")]
    public void Malformed_matrix_functions_are_refused_with_a_reason(string text, string message)
    {
        var error = Assert.Throws<CriterionCheck.Symbolics.Parsing.ExpressionException>(() => CriterionCheck.Symbolics.Parsing.ExpressionParser.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_matrix_of_numbers_is_inverted_exactly()
    {
        // [[2, 1], [1, 1]]⁻¹ = [[1, −1], [−1, 2]], det = 1.
        Expr[] m = [2, 1, 1, 1];
        Assert.Equal(Number.Of(-1), MatrixFunction.Inverse(m, 0, 1));
        Assert.Equal(Number.Of(2), MatrixFunction.Inverse(m, 1, 1));
        Assert.Equal(FunctionCall.Log(Number.One), MatrixFunction.LogDeterminant(m));
        Assert.Throws<SymbolicException>(() => MatrixFunction.Inverse([1, 2, 2, 4], 0, 0));
    }

    [Fact]
    public void A_singular_matrix_evaluates_to_NaN_entries_and_minus_infinity()
    {
        Expr[] singular = [X, X, X, X];
        Assert.True(double.IsNaN(Eval(MatrixFunction.Inverse(singular, 0, 0), 2, 0)));
        Assert.Equal(double.NegativeInfinity, Eval(MatrixFunction.LogDeterminant(singular), 2, 0));
    }
}

/// <summary>
/// Reduction modulo Σ⁻¹Σ = I: by hand, with β_Σ = −Σ over the free (upper) entries of a symmetric Σ,
/// Jβ of (Σ⁻¹)_ij is Σ_{k,l} (Σ⁻¹)_ik Σ_kl (Σ⁻¹)_lj = (Σ⁻¹)_ij, so (Σ⁻¹)_ij − Jβ reduces to 0; a wrong
/// coefficient (β_Σ = −2Σ) leaves (Σ⁻¹)_ij − 2(Σ⁻¹)_ij, which must not.
/// </summary>
public class InverseContractionTests
{
    private static List<Expr> Sigma(int n)
    {
        var entries = new List<Expr>();
        for (var i = 1; i <= n; i++)
            for (var j = 1; j <= n; j++)
                entries.Add(Symbol.Of("S", Math.Min(i, j), Math.Max(i, j)));
        return entries;
    }

    private static Polynomials.Polynomial Residual(int n, int row, int column, Rational scale)
    {
        var sigma = Sigma(n);
        var eta = MatrixFunction.Inverse(sigma, row, column);
        var terms = new List<Expr> { eta };
        for (var k = 1; k <= n; k++)
            for (var l = k; l <= n; l++)
            {
                var s = Symbol.Of("S", k, l);
                terms.Add(-(Differentiator.Differentiate(eta, s) * Number.Of(-scale) * s));
            }
        return Polynomials.RationalForm.From(Sum.Of(terms)).Numerator;
    }

    [Theory]
    [InlineData(2, 0, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(3, 1, 2)]
    [InlineData(4, 3, 0)]
    public void The_homogeneity_residual_of_an_inverse_entry_reduces_to_zero(int n, int row, int column)
    {
        var residual = Residual(n, row, column, Rational.One);
        Assert.False(residual.IsZero); // not zero as a polynomial in independent atoms
        Assert.True(Polynomials.InverseContraction.Reduce(residual).IsZero);
    }

    [Fact]
    public void A_wrong_coefficient_does_not_reduce_to_zero()
    {
        Assert.False(Polynomials.InverseContraction.Reduce(Residual(3, 0, 1, new Rational(2))).IsZero);
    }
}

/// <summary>
/// The mean part: η₁ = Σ⁻¹μ with β_Σ = −Σ gives Jβ = Σ⁻¹ΣΣ⁻¹μ = Σ⁻¹μ (by hand, as above), so the
/// residual reduces to 0 at n = 2, 3 and 4.
/// </summary>
public class InverseContractionMeanTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_mean_natural_parameter_residual_reduces_to_zero(int n)
    {
        var sigma = new List<Expr>();
        for (var i = 1; i <= n; i++)
            for (var j = 1; j <= n; j++)
                sigma.Add(Symbol.Of("S", Math.Min(i, j), Math.Max(i, j)));
        var eta = Sum.Of(Enumerable.Range(0, n).Select(j => MatrixFunction.Inverse(sigma, 0, j) * Symbol.Of("m", j + 1)));
        var terms = new List<Expr> { eta };
        for (var k = 1; k <= n; k++)
            for (var l = k; l <= n; l++)
                terms.Add(Differentiator.Differentiate(eta, Symbol.Of("S", k, l)) * Symbol.Of("S", k, l));
        var numerator = Polynomials.RationalForm.From(Sum.Of(terms)).Numerator;
        Assert.True(Polynomials.InverseContraction.Reduce(numerator).IsZero);
    }
}
