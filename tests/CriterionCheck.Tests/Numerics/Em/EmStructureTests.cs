using CriterionCheck.Models;
using CriterionCheck.Numerics;
using CriterionCheck.Numerics.Em;

namespace CriterionCheck.Tests.Numerics.Em;

/// <summary>
/// What EM reads off a model's structure, checked by hand for catalog models: the parameter groups the
/// complete-data objective separates into, which of them are solved in closed form, and whether the
/// latents can be enumerated — all from the model, whatever the spec's file is called.
/// </summary>
public class EmStructureTests
{
    private static EmStructure Structure(string file, Dictionary<string, int>? dims = null)
    {
        var model = ModelLoader.Load(RepositoryPaths.Catalog(file), dims);
        var structure = EmStructure.TryCreate(model, new ParameterSpace(model), new LatentLayout(model), out var reason);
        Assert.True(structure is not null, reason);
        return structure!;
    }

    private static string Names(EmStructure s, ParameterGroup g) => string.Join(" ", g.Theta.Select(t => s.Space.Elements[t].ToString()));

    [Fact]
    public void A_sigmoid_belief_net_splits_into_one_group_per_pixel_and_one_per_prior_unit()
    {
        var s = Structure("sigmoid-belief-net.model", new() { ["H"] = 3, ["D"] = 4 });
        Assert.True(s.IsEnumerable);
        Assert.Equal(8, s.Configurations);
        // pi[h] alone, in closed form (Bernoulli moment matching); W[d, :] with mu[d], by Newton.
        Assert.Equal(3 + 4, s.Groups.Length);
        foreach (var h in Enumerable.Range(1, 3))
        {
            var g = s.Groups.Single(x => Names(s, x) == $"pi[{h}]");
            Assert.NotNull(g.ClosedForm);
        }
        foreach (var d in Enumerable.Range(1, 4))
        {
            var g = s.Groups.Single(x => Names(s, x).Contains($"mu[{d}]"));
            Assert.Equal($"W[{d},1] W[{d},2] W[{d},3] mu[{d}]", Names(s, g));
            Assert.Null(g.ClosedForm);
        }
    }

    [Fact]
    public void A_mixture_splits_by_component_because_the_categorical_latent_indexes_the_parameters()
    {
        var s = Structure("bernoulli-mixture.model", new() { ["C"] = 2, ["D"] = 3 });
        // pi together (a simplex), and p[c, d] per component and pixel, all by moment matching.
        Assert.Equal(1 + 2 * 3, s.Groups.Length);
        Assert.All(s.Groups, g => Assert.NotNull(g.ClosedForm));
        Assert.Contains(s.Groups, g => Names(s, g) == "pi[1]");
        Assert.Contains(s.Groups, g => Names(s, g) == "p[2,3]");
    }

    [Fact]
    public void A_Gaussian_mixture_reads_its_covariance_slices_and_solves_them_in_closed_form()
    {
        var s = Structure("gaussian-mixture.model");
        Assert.NotNull(s.Gaussian);
        Assert.Equal(3, s.Gaussian!.Variants.Length);
        var slice = s.Gaussian.Variants[1];
        Assert.Equal(["mu[2,1]", "mu[2,2]", "mu[2,3]"], slice.Mean.Select(t => s.Space.Elements[t].ToString()));
        Assert.Equal(["Sigma[2,1,1]", "Sigma[2,1,2]", "Sigma[2,1,3]", "Sigma[2,2,2]", "Sigma[2,2,3]", "Sigma[2,3,3]"], slice.Covariance.Select(t => s.Space.Elements[t].ToString()));
        Assert.Equal(1 + 3, s.Groups.Length);
        Assert.All(s.Groups, g => Assert.NotNull(g.ClosedForm));
    }

    [Fact]
    public void A_shared_variance_ties_a_whole_observable_into_one_group()
    {
        // Binary sparse coding: sigma2 is every pixel's variance, so W and sigma2 are one Newton group.
        var s = Structure("binary-sparse-coding.model");
        var g = s.Groups.Single(x => Names(s, x).Contains("sigma2"));
        Assert.Equal(2 * 3 + 1, g.Theta.Length);
        Assert.Null(g.ClosedForm);
        // Each pi[h] is alone and closed-form.
        Assert.Equal(2, s.Groups.Count(x => x.ClosedForm is not null));
    }

    [Fact]
    public void Continuous_latents_are_not_enumerable_and_a_gamma_mixture_matches_moments_by_newton_on_the_shape()
    {
        Assert.False(Structure("probabilistic-pca.model").IsEnumerable);
        var s = Structure("gamma-mixture.model");
        var g = s.Groups.Single(x => Names(s, x) == "alpha[2] beta[2]");
        Assert.NotNull(g.ClosedForm);
    }
}
