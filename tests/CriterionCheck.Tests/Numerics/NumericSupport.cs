using CriterionCheck.Models;
using CriterionCheck.Numerics;
using CriterionCheck.Numerics.Em;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Numerics;

/// <summary>Prepares catalog specs for numeric tests: synthetic data from random true parameters, a random start.</summary>
internal static class NumericSupport
{
    /// <summary>Every catalog spec file name.</summary>
    public static string[] Catalog => [.. Directory.GetFiles(RepositoryPaths.ModelSpecs, "*.model").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>The catalog specs numeric can evaluate (every one today; a refusal would have its own test).</summary>
    public static string[] Numeric => [.. Catalog.Where(f => NumericModel.Unsupported(new LatentLayout(ModelLoader.Load(RepositoryPaths.Catalog(f)))) is null)];

    public static TheoryData<string> Satisfied => [.. SatisfiedFiles];

    private static IEnumerable<string> SatisfiedFiles => Numeric.Where(f => ModelLoader.Load(RepositoryPaths.Catalog(f)).ExpectSatisfied == true);

    /// <summary>
    /// The satisfied specs whose ELBO, with every parameter trained, has a stationary point on synthetic data.
    /// Not the Bernoulli VAE with a tanh layer: there F keeps growing along rays on which the output weights
    /// V run off to infinity — V·tanh(w z) tending to its linear limit (w → 0, V·w fixed), or two hidden
    /// units merging while V[d,1] = −V[d,2] → ∞ (a difference quotient, tanh′ in the limit). Its minimal set
    /// (V, b) is trained to a stationary point by the minimal-set test, and the run-off has its own test.
    /// </summary>
    public static TheoryData<string> SatisfiedWithInteriorMaximum => [.. SatisfiedFiles.Where(f => f != "vae-bernoulli-linear.model")];

    public static TheoryData<string> Violated => [.. Numeric.Where(f => ModelLoader.Load(RepositoryPaths.Catalog(f)).ExpectSatisfied == false)];

    /// <summary>The model of <paramref name="file"/> on <paramref name="n"/> synthetic points, the start numeric would use, and the true parameters.</summary>
    public static (NumericModel Model, double[] Start, double[] Truth) Prepare(string file, int n = 200, int seed = 1)
    {
        var check = ModelCheck.Run(ModelLoader.Load(RepositoryPaths.Catalog(file)));
        var space = new ParameterSpace(check.Model);
        var layout = new LatentLayout(check.Model);
        var truth = space.Random(new Random(seed), scale: 3);
        var data = ModelSampler.Sample(space, layout, truth, n, seed + 1);
        var model = new NumericModel(check, data, seed + 3);
        // The start numeric uses: random, with a mixture's trained parameters from k-means++ clusters.
        return (model, MixtureStart.From(model, space.Random(new Random(seed + 2)), seed + 2), truth);
    }

    /// <summary>Few iterations for variational EM (each one ends stationary in θ); the default otherwise.</summary>
    public static int Iterations(NumericModel model) => model.Family.IsExact ? 300 : 8;

    public static bool Close(double a, double b, double relative) => Math.Abs(a - b) <= relative * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
