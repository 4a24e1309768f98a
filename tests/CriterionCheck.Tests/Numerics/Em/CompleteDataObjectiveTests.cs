using CriterionCheck.Numerics;
using CriterionCheck.Numerics.Em;

namespace CriterionCheck.Tests.Numerics.Em;

/// <summary>
/// The structured path against the general one, which evaluates the compiled log-joint completion by
/// completion: for every catalog spec it applies to, the same q gives the same log-likelihood, ELBO,
/// ∂F/∂θ and entropy sum — at the θ q was fitted for and at another θ (q held fixed). The Hessian blocks
/// are checked against central differences of the gradient.
/// </summary>
public class CompleteDataObjectiveTests
{
    public static TheoryData<string> Structured => [.. NumericSupport.Numeric.Where(f => NumericSupport.Prepare(f, n: 5).Model.Em is not null)];

    [Theory]
    [MemberData(nameof(Structured))]
    public void The_structured_figures_equal_the_general_paths(string file)
    {
        var (model, start, truth) = NumericSupport.Prepare(file, n: 40, seed: 5);
        var em = model.Em!;
        var other = start.Select((v, i) => 0.5 * (v + truth[i])).ToArray(); // inside every domain (a convex combination)
        var general = model.Family.Fit(start, null);
        var stats = em.Source.Fit(start, null);
        foreach (var theta in new[] { start, other })
        {
            var (value, gradient) = model.Objective.Evaluate(theta, general);
            var expected = model.Report(theta, general, value, gradient);
            var actual = model.Report(theta, stats);
            Close(expected.Elbo, actual.Elbo, $"{file}: ELBO");
            Close(expected.EntropySum, actual.EntropySum, $"{file}: entropy sum");
            for (var i = 0; i < gradient.Length; i++) Close(gradient[i], actual.Gradient![i], $"{file}: ∂F/∂{model.Space.Elements[i]}");
        }
        if (general.IsExactPosterior) Close(general.LogLikelihood!.Value, stats.LogLikelihood!.Value / model.Data.Count, $"{file}: log-likelihood");
    }

    [Theory]
    [MemberData(nameof(Structured))]
    public void Hessian_blocks_match_central_differences_of_the_gradient(string file)
    {
        var (model, start, _) = NumericSupport.Prepare(file, n: 30, seed: 6);
        var em = model.Em!;
        var q = em.Source.Fit(start, null);
        var wanted = em.Structure.Groups.Select(g => g.Uses.All(u => u.Plan >= 0)).ToArray();
        var here = em.Objective.Evaluate(start, q, gradient: true, hessianGroups: wanted);
        foreach (var g in em.Structure.Groups.Where(g => wanted[g.Id]))
        {
            var size = g.Theta.Length;
            for (var b = 0; b < size; b++)
            {
                var t = g.Theta[b];
                var h = 1e-6 * Math.Max(1, Math.Abs(start[t]));
                var (plus, minus) = ((double[])start.Clone(), (double[])start.Clone());
                plus[t] += h;
                minus[t] -= h;
                var (gp, gm) = (em.Objective.Evaluate(plus, q).Gradient!, em.Objective.Evaluate(minus, q).Gradient!);
                for (var a = 0; a < size; a++)
                {
                    var difference = (gp[g.Theta[a]] - gm[g.Theta[a]]) / (2 * h);
                    var exact = here.Hessians[g.Id]![a * size + b];
                    Assert.True(Math.Abs(difference - exact) <= 1e-5 * Math.Max(1, Math.Abs(difference)),
                        $"{file}: ∂²Q/∂{model.Space.Elements[g.Theta[a]]}∂{model.Space.Elements[t]} is {exact}, differences give {difference}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Structured))]
    public void An_M_step_never_lowers_any_Newton_groups_part_of_Q(string file)
    {
        // From a random start the first full Newton steps are often too long for some groups and halved; each later
        // step must start from where its group actually is, not from the full-step point evaluated ahead.
        // A start three times as far out (in unconstrained coordinates) as a random one makes such steps likely.
        var (model, random, _) = NumericSupport.Prepare(file, n: 40, seed: 8);
        var em = model.Em!;
        var start = model.Space.FromUnconstrained([.. model.Space.ToUnconstrained(random).Select(u => 3 * u)]);
        ExpectedStatistics q;
        try { q = em.Source.Fit(start, null); }
        catch (NumericException) { return; }
        var trained = Enumerable.Repeat(true, start.Length).ToArray();
        var outcome = em.MStep.Maximize(start, q, trained, 1e-10, maxNewton: 3);
        if (!outcome.Limits.IsEmpty) return;
        var (before, after) = (em.Objective.Evaluate(start, q, gradient: false), em.Objective.Evaluate(outcome.Theta, q, gradient: false));
        foreach (var g in em.Structure.Groups.Where(g => g.ClosedForm is null && double.IsFinite(before.GroupValues[g.Id])))
            Assert.True(after.GroupValues[g.Id] >= before.GroupValues[g.Id] - 1e-12 * Math.Max(1, Math.Abs(before.GroupValues[g.Id])),
                $"{file}: group {g.Id}'s part of Q went from {before.GroupValues[g.Id]:R} to {after.GroupValues[g.Id]:R}");
    }

    [Theory]
    [InlineData("probabilistic-pca.model")]
    [InlineData("factor-analysis.model")]
    [InlineData("standard-pca.model")]
    [InlineData("fixed-variance-gaussian.model")]
    public void The_linear_Gaussian_closed_form_equals_the_sigma_point_path(string file)
    {
        var (model, start, truth) = NumericSupport.Prepare(file, n: 50, seed: 7);
        var lg = model.Linear;
        Assert.NotNull(lg);
        var moments = lg!.EStep(start);
        var general = model.Family.Fit(start, null);
        Close(general.LogLikelihood!.Value, moments.LogLikelihood / model.Data.Count, $"{file}: log-likelihood");
        var other = start.Select((v, i) => 0.5 * (v + truth[i])).ToArray();
        foreach (var theta in new[] { start, other })
        {
            var (value, gradient) = model.Objective.Evaluate(theta, general);
            var expected = model.Report(theta, general, value, gradient);
            var actual = model.Report(theta, moments, exact: ReferenceEquals(theta, start));
            Close(expected.Elbo, actual.Elbo, $"{file}: ELBO");
            Close(expected.EntropySum, actual.EntropySum, $"{file}: entropy sum");
            for (var i = 0; i < gradient.Length; i++) Close(gradient[i], actual.Gradient![i], $"{file}: ∂F/∂{model.Space.Elements[i]}");
        }
        // The closed-form M-step is the maximiser of F(·; q): the general path's gradient vanishes there.
        var trained = Enumerable.Repeat(true, start.Length).ToArray();
        var (next, limits) = lg.MStep(start, moments, trained);
        Assert.Empty(limits);
        var (_, atNext) = model.Objective.Evaluate(next, general);
        Assert.True(Maximizer.Norm(atNext) <= 1e-9, $"{file}: ∂F/∂θ after the M-step is {Maximizer.Norm(atNext):E2}");
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: general path {expected:R}, structured {actual:R}");
}
