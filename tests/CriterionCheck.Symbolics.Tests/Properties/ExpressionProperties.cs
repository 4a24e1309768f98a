using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Symbolics.Printing;
using CriterionCheck.Symbolics.ZeroTesting;
using CsCheck;

namespace CriterionCheck.Symbolics.Tests.Properties;

public class ExpressionProperties
{
    private const int Cases = 500;
    private static readonly Domains.DomainAssumptions Assumptions = TestSupport.Assumptions(ExpressionGenerators.Domains);

    [Fact]
    public void Derivatives_agree_with_central_finite_differences()
    {
        var random = new Random(11);
        var compared = 0;
        var gen = Gen.Select(ExpressionGenerators.Smooth, Gen.OneOf(ExpressionGenerators.Variables));
        Property.ForAll(gen, 1001, Cases, (c, _) =>
        {
            var (e, v) = c;
            var derivative = Differentiator.Differentiate(e, v);
            var point = ExpressionGenerators.RandomPoint(random);
            double F(double at)
            {
                var shifted = new Dictionary<Expr, double>(point) { [v] = at };
                return Evaluator.Evaluate(e, shifted, ExpressionGenerators.OpaqueF);
            }
            var x0 = point[v];
            var h = 1e-4 * Math.Max(1, Math.Abs(x0));
            if (v.Equals(ExpressionGenerators.P)) h = Math.Min(h, 0.04);
            var fd = (F(x0 + h) - F(x0 - h)) / (2 * h);
            var fdHalf = (F(x0 + h / 2) - F(x0 - h / 2)) / h;
            var exact = Evaluator.Evaluate(derivative, point, ExpressionGenerators.OpaqueF);
            if (!double.IsFinite(fd) || !double.IsFinite(fdHalf) || !double.IsFinite(exact)) return;
            // Richardson: the two step sizes agree when the difference quotient is trustworthy here.
            var scale = 1 + Math.Abs(fd) + Math.Abs(F(x0)) / h * 1e-12;
            if (Math.Abs(fd - fdHalf) > 1e-5 * scale) return;
            compared++;
            var extrapolated = (4 * fdHalf - fd) / 3;
            Assert.True(Math.Abs(exact - extrapolated) <= 1e-6 * (1 + Math.Abs(exact)),
                $"d/d{v}: symbolic {exact}, finite difference {extrapolated}");
        });
        Assert.True(compared >= Cases * 9 / 10, $"only {compared} of {Cases} cases were comparable");
    }

    [Fact]
    public void Sparse_gradient_agrees_with_differentiating_once_per_variable()
    {
        var random = new Random(12);
        var variables = ExpressionGenerators.Variables.ToHashSet();
        var compared = 0;
        Property.ForAll(ExpressionGenerators.Smooth, 1006, Cases, (e, _) =>
        {
            var gradient = SparseGradient.Of(e, variables);
            var point = ExpressionGenerators.RandomPoint(random);
            foreach (var v in variables)
            {
                var expected = Differentiator.Differentiate(e, v);
                var actual = gradient.GetValueOrDefault(v, Number.Zero);
                if (expected.Equals(actual)) { compared++; continue; }
                Assert.False(expected.IsZero || actual.IsZero, $"d/d{v} of {e}: {expected} vs {actual}");
                var a = Evaluator.Evaluate(expected, point, ExpressionGenerators.OpaqueF);
                var b = Evaluator.Evaluate(actual, point, ExpressionGenerators.OpaqueF);
                if (!double.IsFinite(a) && !double.IsFinite(b)) continue;
                Assert.True(Math.Abs(a - b) <= 1e-9 * (1 + Math.Abs(a)), $"d/d{v} of {e}: {expected} = {a} vs {actual} = {b}");
                compared++;
            }
        });
        Assert.True(compared >= Cases * ExpressionGenerators.Variables.Length / 2, $"only {compared} derivatives compared");
    }

    [Fact]
    public void Canonicalising_twice_changes_nothing()
    {
        Property.ForAll(ExpressionGenerators.Any, 1002, Cases, (e, i) =>
        {
            Assert.Equal(e, Rebuild(e));
            // Construction is order-independent: shuffled operands give the same node.
            if (e is Sum or Product)
            {
                var shuffled = e.Children.OrderBy(_ => new Random(i).Next()).ToArray();
                Assert.Equal(e, e is Sum ? Sum.Of(shuffled) : Product.Of(shuffled));
            }
        });
    }

    [Fact]
    public void Products_of_a_few_operands_take_the_quick_path_to_the_same_node()
    {
        // Product.Of has a quick path for short lists of operands; a lazy sequence always takes the general one.
        var gen = Gen.Select(ExpressionGenerators.Any.Array[1, 5], Gen.Int[-3, 3]);
        Property.ForAll(gen, 1007, Cases, (c, _) =>
        {
            var (operands, coefficient) = c;
            Expr[] items = [Number.Of(coefficient), .. operands, operands[0]];
            Assert.Equal(Product.Of(items.Select(x => x)), Product.Of(items));
            Assert.Equal(Product.Of(operands.Select(x => x)), Product.Of(operands));
            Assert.Equal(Sum.Of(operands.Select(x => x).Reverse()), Sum.Of(operands));
        });
    }

    [Fact]
    public void Printing_then_parsing_gives_the_equal_expression()
    {
        var context = ExpressionContext.Default.WithOpaqueFunction("f");
        Property.ForAll(ExpressionGenerators.Any, 1003, Cases, (e, _) =>
        {
            var text = TextPrinter.Print(e);
            Assert.Equal(e, ExpressionParser.Parse(text, context));
            // LaTeX never fails and is deterministic.
            Assert.Equal(LatexPrinter.Print(e), LatexPrinter.Print(ExpressionParser.Parse(text, context)));
        });
    }

    [Fact]
    public void Normalisation_preserves_the_value_at_random_points()
    {
        var random = new Random(13);
        var compared = 0;
        var gen = Gen.Frequency(
            (4, ExpressionGenerators.Smooth),
            (1, ExpressionGenerators.Smooth.Select(FunctionCall.Abs)),
            (1, ExpressionGenerators.Smooth.Select(a => FunctionCall.Sqrt(Power.Of(a, 2)))),
            (1, Gen.Select(ExpressionGenerators.Smooth, ExpressionGenerators.Smooth, (a, b) => FunctionCall.Log(Power.Of(a, 2) * ExpressionGenerators.S * b * b + 1))));
        Property.ForAll(gen, 1004, Cases, (e, _) =>
        {
            var normal = Normalizer.Normalize(e, Assumptions);
            var rewritten = new ExpLogRewriter(Assumptions).Apply(normal);
            var point = ExpressionGenerators.RandomPoint(random);
            var before = Evaluator.Evaluate(e, point, ExpressionGenerators.OpaqueF);
            if (!double.IsFinite(before) || Math.Abs(before) > 1e8) return;
            compared++;
            var tolerance = 1e-8 * (1 + Math.Abs(before));
            Assert.True(Math.Abs(Evaluator.Evaluate(normal, point, ExpressionGenerators.OpaqueF) - before) <= tolerance, $"normalised to {normal}");
            Assert.True(Math.Abs(Evaluator.Evaluate(rewritten, point, ExpressionGenerators.OpaqueF) - before) <= tolerance, $"rewritten to {rewritten}");
        });
        Assert.True(compared >= Cases * 8 / 10, $"only {compared} of {Cases} cases were finite");
    }

    [Fact]
    public void The_zero_test_never_proves_zero_for_an_expression_nonzero_by_construction()
    {
        var gen = Gen.Select(ExpressionGenerators.Smooth, Gen.Int[0, 4], Gen.Int[1, 9]);
        Property.ForAll(gen, 1005, Cases, (c, _) =>
        {
            var (e, form, r) = c;
            // Each form is strictly positive (or negative) wherever it is defined.
            var nonzero = form switch
            {
                0 => FunctionCall.Exp(e),
                1 => Power.Of(e, 2) + Number.Of(new Rational(r, 1000)),
                2 => FunctionCall.Sigmoid(e),
                3 => FunctionCall.Softplus(e) + e - e,
                _ => e - (e + Number.Of(new Rational(1, r))),
            };
            var test = new ZeroTest(Assumptions);
            Assert.False(test.Prove(nonzero), $"'proved' {nonzero} zero");
            Assert.NotEqual(ZeroTestOutcome.ProvedZero, test.Run(nonzero).Outcome);
        });
    }

    private static Expr Rebuild(Expr e) => e switch
    {
        Number or Constant => e,
        Symbol s => Symbol.Of(s.Name, s.Indices.Select(Rebuild).ToArray()),
        Sum s => Sum.Of(s.Children.Select(Rebuild)),
        Product p => Product.Of(p.Children.Select(Rebuild)),
        Power p => Power.Of(Rebuild(p.Base), Rebuild(p.Exponent)),
        FunctionCall f => FunctionCall.Of(f.Function, [.. f.Arguments.Select(Rebuild)]),
        OpaqueCall o => o.With(o.Indices.Select(Rebuild), o.Arguments.Select(Rebuild)),
        _ => throw new InvalidOperationException(),
    };
}
