using CriterionCheck.EntropySum;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Tests.EntropySum;

/// <summary>
/// The formulas show entropies in a reader's form — plate sums recovered from the elements, logarithms
/// joined, the categorical and multivariate-normal entropies written as −Σ π log π and ½ log det(2πeΣ).
/// These tests check every shown form against the derived value it stands for, at random points.
/// </summary>
public class DisplayFormTests
{
    public static TheoryData<string> SatisfiedCatalog =>
        [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "model-specs"), "*.model").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)
            .Where(f => !File.ReadAllText(Path.Combine(RepositoryPaths.Root, "model-specs", f!)).Contains("expect violated"))];

    [Theory]
    [MemberData(nameof(SatisfiedCatalog))]
    public void Every_shown_entropy_equals_the_derived_one(string file)
    {
        var model = ModelLoader.Load(Path.Combine(RepositoryPaths.Root, "model-specs", file));
        var formula = EntropySumBuilder.Build(ModelCheck.Run(model))!;
        var compared = 0;
        for (var seed = 0; seed < 4; seed++)
        {
            var sampler = new PointSampler(model, 300 + seed);
            var point = sampler.Parameters();
            foreach (var (k, v) in sampler.Latents()) point[k] = v;
            foreach (var f in model.Observable.Elements.SelectMany(e => e.Variable)) point[f] = 1 + seed; // data, for log h(x)
            // The displays name a simplex's last weight (pi[C]); it is 1 minus the free ones.
            foreach (var block in model.Parameters.Where(b => b.Domain == global::CriterionCheck.Families.ParameterDomain.Simplex && b.Shape.Length == 1))
                point[Symbol.Of(block.Name, block.Shape[0].Size)] = 1 - block.FreeElements.Sum(e => point[e]);
            foreach (var term in formula.Terms.Where(t => t.Value is not null))
                foreach (var categories in CategoricalValues(model, term.Value!))
                {
                    var derived = Evaluator.Evaluate(Substitution.Substitute(term.Value!, categories), point, Opaque);
                    var shown = Shown(model, term.Display!, categories, point);
                    Assert.True(Math.Abs(derived - shown) <= 1e-10 * (1 + Math.Abs(derived)),
                        $"{file}, {term.Kind} of {term.Factor}: shown {term.Display!.Text()} = {shown}, derived {derived}");
                    compared++;
                }
        }
        Assert.True(compared >= 8);
    }

    [Fact]
    public void A_wrong_display_is_caught()
    {
        // The comparison above must be able to fail: a display with a changed constant differs.
        var model = ModelLoader.Load(Path.Combine(RepositoryPaths.Root, "model-specs", "probabilistic-pca.model"));
        var formula = EntropySumBuilder.Build(ModelCheck.Run(model))!;
        var term = formula.Terms.Single(t => t.Factor == "x");
        var wrong = term.Display! with { Body = term.Display.Body! + Number.Of(new Rational(1, 1000)) };
        var point = new PointSampler(model, 1).Parameters();
        Assert.NotEqual(Evaluator.Evaluate(term.Value!, point), Shown(model, wrong, [], point), 6);
    }

    // The display evaluated on its own terms: plates summed, the fixed log-det form computed with MathNet.
    private static double Shown(Model model, DisplayExpression display, Dictionary<Expr, Expr> categories, IReadOnlyDictionary<Expr, double> point)
    {
        if (display.FixedText is not null)
        {
            // D/2·log(2πe) + ½·log det(Σ_c) for the multivariate normal.
            var observable = model.Observable;
            var d = observable.Elements[0].Variable.Length;
            var sigma = Matrix<double>.Build.Dense(d, d, (i, j) => Evaluator.Evaluate(Substitution.Substitute(
                observable.Elements[0].Arguments[d + i * d + j], categories), point));
            return d / 2.0 * Math.Log(2 * Math.PI * Math.E) + 0.5 * Math.Log(sigma.Determinant());
        }
        var body = LogCompaction.Compact(Substitution.Substitute(display.Body!, categories));
        var sizes = display.Plates.Select(p => model.Dimensions.Single(x => x.Name == p.Dimension).Size).ToList();
        var total = 0.0;
        foreach (var tuple in IndexTuples.Over(sizes))
        {
            var map = display.Plates.Select((p, i) => (p, i)).ToDictionary(x => (Expr)Symbol.Of(x.p.Index), x => (Expr)Number.Of(tuple[x.i]));
            // A plate whose dimension name is also in the body (D·E) is that size.
            foreach (var dim in model.Dimensions) map[Symbol.Of(dim.Name)] = Number.Of(dim.Size);
            total += Evaluator.Evaluate(Substitution.Substitute(body, map), point, Opaque);
        }
        return total;
    }

    // An opaque decoder's value: any fixed function of the call and its arguments, the same for both sides.
    private static double Opaque(OpaqueCall call, double[] arguments) =>
        Math.Sin(arguments.Select((a, i) => (i + 1) * a).Sum() + call.ToString().Length);

    private static IEnumerable<Dictionary<Expr, Expr>> CategoricalValues(Model model, Expr value)
    {
        var categorical = model.Factors.Where(f => f.IsCategorical && value.ToString().Contains($"[{f.Variable}", StringComparison.Ordinal)).ToList();
        if (categorical.Count == 0) { yield return []; yield break; }
        foreach (var tuple in IndexTuples.Over([.. categorical.Select(f => f.Family.Support.Size)]))
            yield return categorical.Select((f, i) => (f, i)).ToDictionary(x => (Expr)Symbol.Of(x.f.Variable), x => (Expr)Number.Of(tuple[x.i]));
    }
}
