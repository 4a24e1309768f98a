using CriterionCheck.Numerics;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Numerics;

/// <summary>
/// The theorems on trained models (issue 6): for every satisfied catalog spec the ELBO equals the entropy
/// sum at the trained stationary point; for every counterexample a stationary point keeps a gap; the
/// exact-posterior closed form equals the trained log-likelihood; stationarity in the minimal set alone
/// suffices.
/// </summary>
public class TrainedIdentityTests
{
    public static TheoryData<string> Satisfied => NumericSupport.Satisfied;
    public static TheoryData<string> Violated => NumericSupport.Violated;
    public static TheoryData<string> SatisfiedWithInteriorMaximum => NumericSupport.SatisfiedWithInteriorMaximum;

    [Theory]
    [MemberData(nameof(SatisfiedWithInteriorMaximum))]
    public void Satisfied_specs_meet_the_entropy_sum_at_the_trained_point(string file)
    {
        var (model, start, _) = NumericSupport.Prepare(file);
        var result = Trainer.Train(model, start, new TrainingOptions(NumericSupport.Iterations(model)));
        var p = result.Final;
        Assert.True(result.Converged, $"{file}: not stationary, gradient norm {p.GradientNorm:E2}");
        Assert.True(p.GradientNorm <= 1e-8, $"{file}: gradient norm {p.GradientNorm:E2}");
        Assert.True(Math.Abs(p.Gap) <= 1e-6 * Math.Max(1, Math.Abs(p.Elbo)), $"{file}: gap {p.Gap:E2} at ELBO {p.Elbo}");
        // The start was not stationary: there the two differ, so the check above can fail.
        var first = result.History.Length > 0 ? result.History[0].Point : p;
        var before = model.Report(start, model.Family.Fit(start, null));
        Assert.True(Math.Abs(before.Gap) > 1e-6 * Math.Max(1, Math.Abs(before.Elbo)), $"{file}: already equal at the random start ({before.Gap:E2})");
        Assert.True(first.Elbo <= p.Elbo + 1e-9 * Math.Max(1, Math.Abs(p.Elbo)) || !model.Family.IsExact, $"{file}: the ELBO went down");
    }

    [Theory]
    [MemberData(nameof(Satisfied))]
    public void Stationarity_in_the_minimal_set_alone_suffices(string file)
    {
        // The parameters outside the minimal set stay at random values — the true ones the data were drawn
        // from, so that a stationary point in the minimal set exists (with an arbitrary W a prior variance
        // can run off to zero, where F has a supremum but no stationary point). The seed is one whose mixtures
        // train to an interior optimum; with others a Poisson rate can go to zero in the same way.
        var (model, random, truth) = NumericSupport.Prepare(file, seed: 1);
        var minimal = model.Certified!.StationaryIn;
        var inMinimal = minimal.SelectMany(model.Positions).ToHashSet();
        var start = random.Select((v, i) => inMinimal.Contains(i) ? v : truth[i]).ToArray();
        var result = Trainer.Train(model, start, new TrainingOptions(NumericSupport.Iterations(model), Train: minimal));
        Assert.True(result.Converged, $"{file}: not stationary in {string.Join(", ", minimal)}");
        Assert.True(result.Final.GradientNormMinimal <= 1e-8, $"{file}: minimal-set gradient {result.Final.GradientNormMinimal:E2}");
        Assert.True(Math.Abs(result.Final.Gap) <= 1e-6 * Math.Max(1, Math.Abs(result.Final.Elbo)), $"{file}: gap {result.Final.Gap:E2}");
        // Every other parameter kept its random starting value.
        var trained = minimal.SelectMany(model.Positions).ToHashSet();
        for (var i = 0; i < start.Length; i++)
            if (!trained.Contains(i)) Assert.Equal(start[i], result.Theta[i], 12);
    }

    [Theory]
    [MemberData(nameof(Violated))]
    public void Counterexamples_keep_a_gap_at_a_stationary_point(string file)
    {
        // q held fixed, θ trained to stationarity: a satisfied criterion would make the gap vanish for any q.
        var (model, start, _) = NumericSupport.Prepare(file);
        Assert.Null(model.Certified);
        var result = Trainer.Train(model, start, new TrainingOptions(300, Posterior: PosteriorMode.Frozen));
        Assert.True(result.Converged, $"{file}: gradient norm {result.Final.GradientNorm:E2}");
        Assert.True(Math.Abs(result.Final.Gap) >= 1e-3, $"{file}: gap only {result.Final.Gap:E2}");
    }

    [Theory]
    [MemberData(nameof(Satisfied))]
    public void Satisfied_specs_meet_it_for_a_frozen_q_too(string file)
    {
        // The theorems need nothing of q: the contrast with the counterexamples above.
        var (model, start, _) = NumericSupport.Prepare(file, n: 100, seed: 9);
        var result = Trainer.Train(model, start, new TrainingOptions(300, Posterior: PosteriorMode.Frozen));
        Assert.True(result.Converged, $"{file}: gradient norm {result.Final.GradientNorm:E2}");
        Assert.True(Math.Abs(result.Final.Gap) <= 1e-6 * Math.Max(1, Math.Abs(result.Final.Elbo)), $"{file}: gap {result.Final.Gap:E2}");
    }

    [Theory]
    [InlineData("probabilistic-pca.model")]
    [InlineData("factor-analysis.model")]
    public void The_exact_posterior_closed_form_equals_the_trained_log_likelihood(string file)
    {
        var (model, start, _) = NumericSupport.Prepare(file);
        var result = Trainer.Train(model, start, new TrainingOptions());
        Assert.True(result.Converged);
        Assert.NotNull(result.Final.ClosedForm);
        Assert.NotNull(result.Final.LogLikelihood);
        Assert.Equal(result.Final.LogLikelihood!.Value, result.Final.ClosedForm!.Value, 1e-8);
        // Away from stationarity the closed form is not the likelihood.
        var before = model.Report(start, model.Family.Fit(start, null));
        Assert.True(Math.Abs(before.LogLikelihood!.Value - before.ClosedForm!.Value) > 1e-4);
    }

    [Theory]
    [InlineData("latent n ~ Poisson(rate)\nlatent z ~ Normal(w * n, lam)", "numeric checks need latents with finitely many values or continuous ones; n is an unbounded count")]
    [InlineData("latent n ~ Beta(rate, rate)\nlatent z ~ Normal(w * n, lam)", "a Gaussian q needs real or positive latents; n lives on (0, 1)")]
    public void Latents_numeric_cannot_cover_are_refused_in_a_plain_sentence(string latents, string message)
    {
        // Enumeration needs finitely many values, a Gaussian q real or positive coordinates: said before any work.
        var model = CriterionCheck.Models.ModelLoader.FromText("refused.model", $"""
            model "refused"
            param rate positive
            param w real
            param lam positive
            param s2 positive
            {latents}
            observe x ~ Normal(z, s2)
            """);
        Assert.Equal(message, NumericModel.Unsupported(new LatentLayout(model)));
        var data = new DataSet(["x"], [[0.5], [1.5]]);
        var error = Assert.Throws<NumericException>(() => new NumericModel(ModelCheck.Run(model), data, 1));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_class_above_a_Gaussian_code_gets_one_Gaussian_per_class_weighted_by_its_conditional_ELBO()
    {
        // The mixture prior c → z → x: q(c, z) = q(c)·N(z; m_c, S_c). At a fitted q the per-point entropy is
        // H[q(c)] + Σ_c q(c) H[q(z | c)], the weights sum to one, and each class's completions carry its weight.
        var (model, start, _) = NumericSupport.Prepare("mixture-prior.model", n: 5);
        var q = model.Family.Fit(start, null);
        Assert.Contains("one per configuration of the discrete latents (3)", model.Family.Description);
        for (var i = 0; i < 5; i++)
        {
            var mine = Enumerable.Range(0, q.Point.Length).Where(c => q.Point[c] == i).ToArray();
            Assert.Equal(1.0, mine.Sum(c => q.Weights[c]), 12);
            // The class coordinate takes every value 1..3, each with the weight of its completions.
            var byClass = mine.GroupBy(c => q.Latents[c][0]).ToDictionary(g => g.Key, g => g.Sum(c => q.Weights[c]));
            Assert.Equal([1.0, 2.0, 3.0], byClass.Keys.Order());
        }
        Assert.All(q.Entropies, h => Assert.True(double.IsFinite(h) && h > 0)); // H[q(c)] ≥ 0 plus Gaussian entropies of the broad start
    }

    [Fact]
    public void The_tanh_VAE_trained_in_every_parameter_runs_off_to_infinity()
    {
        // F has no interior maximum here (see NumericSupport.SatisfiedWithInteriorMaximum): the output weights
        // grow by orders of magnitude, and training does not claim a stationary point.
        var (model, start, _) = NumericSupport.Prepare("vae-bernoulli-linear.model");
        var result = Trainer.Train(model, start, new TrainingOptions(NumericSupport.Iterations(model)));
        double Largest(double[] theta) => model.Positions("V").Max(i => Math.Abs(theta[i]));
        Assert.True(Largest(result.Theta) > 100 * Largest(start), $"V: {Largest(start)} -> {Largest(result.Theta)}");
        Assert.False(result.Converged);
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var (a, startA, _) = NumericSupport.Prepare("gaussian-decoder.model", n: 60, seed: 3);
        var (b, startB, _) = NumericSupport.Prepare("gaussian-decoder.model", n: 60, seed: 3);
        var ra = Trainer.Train(a, startA, new TrainingOptions(3));
        var rb = Trainer.Train(b, startB, new TrainingOptions(3));
        Assert.Equal(ra.Theta, rb.Theta);
        Assert.Equal(ra.Final, rb.Final);
    }
}
