using CriterionCheck.Numerics;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Tests.Numerics;

/// <summary>
/// The compiled numerics against independent computations: the compiled natural parameters against the
/// tree-walking evaluator, ∂F/∂θ (through the Jacobian) against central differences of F, the
/// unconstrained coordinates' chain rule against differences too, and the D = 16 mixture code against
/// the general path at the catalog's size.
/// </summary>
public class GradientAndCompilationTests
{
    public static TheoryData<string> Catalog => [.. NumericSupport.Numeric];

    [Theory]
    [MemberData(nameof(Catalog))]
    public void The_ELBO_gradient_matches_central_differences(string file)
    {
        var (model, start, _) = NumericSupport.Prepare(file, n: 30, seed: 4);
        var q = model.Family.Fit(start, null);
        var (_, gradient) = model.Objective.Evaluate(start, q);
        for (var i = 0; i < start.Length; i++)
        {
            var h = 1e-6 * Math.Max(1, Math.Abs(start[i]));
            var plus = (double[])start.Clone();
            var minus = (double[])start.Clone();
            plus[i] += h;
            minus[i] -= h;
            var difference = (model.Objective.Evaluate(plus, q).Value - model.Objective.Evaluate(minus, q).Value) / (2 * h);
            Assert.True(Math.Abs(difference - gradient[i]) <= 1e-5 * Math.Max(1, Math.Abs(difference)),
                $"{file}: ∂F/∂{model.Space.Elements[i]} is {gradient[i]}, differences give {difference}");
        }
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void The_unconstrained_chain_rule_matches_central_differences(string file)
    {
        var (model, start, _) = NumericSupport.Prepare(file, n: 20, seed: 6);
        var space = model.Space;
        var q = model.Family.Fit(start, null);
        var u = space.ToUnconstrained(start);
        Assert.Equal(start, space.FromUnconstrained(u), (a, b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a)));
        var (_, gradient) = model.Objective.Evaluate(start, q);
        var inU = space.GradientInUnconstrained(u, start, gradient);
        for (var i = 0; i < u.Length; i++)
        {
            var h = 1e-6;
            var plus = (double[])u.Clone();
            var minus = (double[])u.Clone();
            plus[i] += h;
            minus[i] -= h;
            var difference = (model.Objective.Evaluate(space.FromUnconstrained(plus), q).Value - model.Objective.Evaluate(space.FromUnconstrained(minus), q).Value) / (2 * h);
            Assert.True(Math.Abs(difference - inU[i]) <= 1e-5 * Math.Max(1, Math.Abs(difference)), $"{file}: ∂F/∂u[{i}] is {inU[i]}, differences give {difference}");
        }
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Compiled_natural_parameters_match_the_evaluator(string file)
    {
        var (model, start, _) = NumericSupport.Prepare(file, n: 5, seed: 8);
        var random = new Random(3);
        var slots = new Dictionary<Symbol, int>();
        foreach (var s in model.Space.Elements) slots[s] = slots.Count;
        foreach (var l in model.Layout.Latents) slots[l.Symbol] = slots.Count;
        var categorical = model.Layout.Latents.Any(l => l.Support.Kind == CriterionCheck.Families.SupportKind.Categorical);
        foreach (var factor in model.Check.Model.Factors)
        {
            var etas = factor.Elements.SelectMany(e => e.NaturalParameters).ToList();
            if (categorical || etas.Any(e => HasOpaque(e))) continue; // indices and bodies: covered through the gradient test
            var compiled = CompiledFunction.Compile(etas, slots);
            var input = new double[slots.Count];
            Array.Copy(start, input, start.Length);
            for (var i = start.Length; i < input.Length; i++) input[i] = model.Layout.Latents[i - start.Length].Support.IsDiscrete ? random.Next(2) : random.NextDouble() + 0.2;
            var output = new double[etas.Count];
            compiled.Evaluate(input, output);
            for (var k = 0; k < etas.Count; k++)
            {
                var expected = Evaluator.Evaluate(etas[k], (Symbol s, out double v) => { var ok = slots.TryGetValue(s, out var at); v = ok ? input[at] : 0; return ok; });
                Assert.Equal(expected, output[k], 1e-12 * Math.Max(1, Math.Abs(expected)));
            }
        }
    }

    private static bool HasOpaque(Expr e) => e is OpaqueCall || e.Children.Any(HasOpaque);
}

/// <summary>Drawing synthetic data stops with a sentence where a chained draw leaves every distribution behind.</summary>
public class SamplerGuardTests
{
    [Fact]
    public void A_rate_blown_up_by_an_earlier_draw_is_refused_rather_than_sampled_for_minutes()
    {
        // exp(1000·w·z) for z ~ N(0, s): at the random true parameters some draws give rates beyond 1e9, where
        // MathNet's Poisson sampler takes seconds per draw, or rates that underflow to 0, where it throws.
        var model = CriterionCheck.Models.ModelLoader.FromText("blow-up.model", """
            model "blow-up"
            param s positive
            param w real
            latent z ~ Normal(0, s)
            observe x ~ Poisson(exp(1000 * w * z))
            """);
        var space = new ParameterSpace(model);
        var truth = space.Random(new Random(1), scale: 3);
        var error = Assert.Throws<NumericException>(() => ModelSampler.Sample(space, new LatentLayout(model), truth, 200, 2));
        Assert.StartsWith("synthetic data cannot be drawn at these true parameters: ", error.Message);
        Assert.Contains("x's Poisson", error.Message);
    }
}
