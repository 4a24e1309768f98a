using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Tests;

/// <summary>
/// Printed formulas of the paper checked against independent numerics. Where they disagree the check
/// wins, and README ("Where the paper and a check disagree") lists the case.
/// </summary>
public class PaperEquationTests
{
    /// <summary>
    /// Eq. 41 prints ∂ζ_i/∂π_c = δ_ic/π_c + 1/π_c; with π_C = 1 − Σ_{c&lt;C} π_c the second term is 1/π_C
    /// (the proof's own Eq. 42 uses 1/π_C). Central differences of ζ_i = log(π_i/π_C) decide.
    /// </summary>
    [Fact]
    public void Eq_41_categorical_jacobian_has_one_over_pi_C_not_one_over_pi_c()
    {
        var model = ModelLoader.Load(Path.Combine(RepositoryPaths.Root, "model-specs", "gaussian-mixture.model"));
        var prior = model.Factors[0];
        var free = model.Parameter("pi").FreeElements; // pi[1], pi[2] for C = 3
        var random = new Random(41);
        for (var trial = 0; trial < 5; trial++)
        {
            var w = new[] { 0.2 + random.NextDouble(), 0.2 + random.NextDouble(), 0.2 + random.NextDouble() };
            var point = new Dictionary<Expr, double> { [free[0]] = w[0] / w.Sum(), [free[1]] = w[1] / w.Sum() };
            var piC = 1 - point[free[0]] - point[free[1]];
            for (var i = 0; i < 2; i++)
                for (var c = 0; c < 2; c++)
                {
                    var zeta = prior.Elements[0].NaturalParameters[i];
                    var h = 1e-6;
                    var plus = new Dictionary<Expr, double>(point) { [free[c]] = point[free[c]] + h };
                    var minus = new Dictionary<Expr, double>(point) { [free[c]] = point[free[c]] - h };
                    var finiteDifference = (Evaluator.Evaluate(zeta, plus) - Evaluator.Evaluate(zeta, minus)) / (2 * h);
                    var engine = Evaluator.Evaluate(Differentiator.Differentiate(zeta, free[c]), point);
                    var delta = i == c ? 1 / point[free[c]] : 0;
                    var corrected = delta + 1 / piC;
                    var printed = delta + 1 / point[free[c]];
                    Assert.Equal(finiteDifference, engine, 6);
                    Assert.Equal(finiteDifference, corrected, 6);
                    Assert.True(Math.Abs(finiteDifference - printed) > 0.05, $"Eq. 41 as printed agrees at i={i + 1}, c={c + 1}");
                }
        }
    }
}
