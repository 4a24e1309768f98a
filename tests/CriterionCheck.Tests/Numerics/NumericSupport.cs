using CriterionCheck.Models;
using CriterionCheck.Numerics;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Numerics;

/// <summary>Prepares catalog specs for numeric tests: synthetic data from random true parameters, a random start.</summary>
internal static class NumericSupport
{
    public static string[] Catalog => [.. Directory.GetFiles(RepositoryPaths.ModelSpecs, "*.model").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public static TheoryData<string> Satisfied => [.. Catalog.Where(f => ModelLoader.Load(RepositoryPaths.Catalog(f)).ExpectSatisfied == true)];

    public static TheoryData<string> Violated => [.. Catalog.Where(f => ModelLoader.Load(RepositoryPaths.Catalog(f)).ExpectSatisfied == false)];

    /// <summary>The model of <paramref name="file"/> on <paramref name="n"/> synthetic points, and a random start.</summary>
    public static (NumericModel Model, double[] Start, double[] Truth) Prepare(string file, int n = 200, int seed = 1)
    {
        var check = ModelCheck.Run(ModelLoader.Load(RepositoryPaths.Catalog(file)));
        var space = new ParameterSpace(check.Model);
        var layout = new LatentLayout(check.Model);
        var truth = space.Random(new Random(seed), scale: 3);
        var data = ModelSampler.Sample(space, layout, truth, n, seed + 1);
        return (new NumericModel(check, data, seed + 3), space.Random(new Random(seed + 2)), truth);
    }

    /// <summary>Few iterations for variational EM (each one ends stationary in θ); the default otherwise.</summary>
    public static int Iterations(NumericModel model) => model.Family.IsExact ? 300 : 8;

    public static bool Close(double a, double b, double relative) => Math.Abs(a - b) <= relative * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
