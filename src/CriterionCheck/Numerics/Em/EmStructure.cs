using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// What a model's structure offers EM, read from the model itself: every factor's family and compiled
/// natural parameters (<see cref="FactorPlan"/>) or, for a multivariate normal observable, its argument
/// slices (<see cref="GaussianPlan"/>); the parameter groups the complete-data objective separates into;
/// which of them have a closed-form (moment-matching) M-step; and whether the latents can be enumerated.
/// Nothing depends on a spec's file name: a mixture is a categorical latent whose value indexes
/// parameters, an SBN a plate of Bernoulli observables with their own weights.
/// </summary>
public sealed class EmStructure
{
    /// <summary>The most latent configurations enumerated (2^16).</summary>
    public const int MaxConfigurations = 65536;

    private EmStructure(Model model, ParameterSpace space, LatentLayout layout, ImmutableArray<FactorPlan> plans, GaussianPlan? gaussian,
        ImmutableArray<ParameterGroup> groups, long configurations)
    {
        Model = model;
        Space = space;
        Layout = layout;
        Plans = plans;
        Gaussian = gaussian;
        Groups = groups;
        var groupOf = Enumerable.Repeat(-1, space.Count).ToArray();
        foreach (var g in groups) foreach (var t in g.Theta) groupOf[t] = g.Id;
        GroupOf = [.. groupOf];
        Configurations = configurations;
        Observable = plans.FirstOrDefault(p => p.Factor.Role == FactorRole.Observable);
        if (Observable is { } o)
        {
            StatisticOffset = [.. Enumerable.Range(0, o.Elements).Select(e => e * o.Natural)];
            StatisticWidth = o.Elements * o.Natural;
        }
        else StatisticOffset = [];
    }

    /// <summary>The model.</summary>
    public Model Model { get; }

    /// <summary>θ's layout.</summary>
    public ParameterSpace Space { get; }

    /// <summary>The variables' layout.</summary>
    public LatentLayout Layout { get; }

    /// <summary>Every factor but a multivariate normal observable, in dependency order.</summary>
    public ImmutableArray<FactorPlan> Plans { get; }

    /// <summary>The observable's plan when it is not multivariate normal.</summary>
    public FactorPlan? Observable { get; }

    /// <summary>The multivariate normal observable, or null.</summary>
    public GaussianPlan? Gaussian { get; }

    /// <summary>The parameter groups.</summary>
    public ImmutableArray<ParameterGroup> Groups { get; }

    /// <summary>The group of each θ entry (−1 for an entry no factor uses).</summary>
    public ImmutableArray<int> GroupOf { get; }

    /// <summary>The number of joint latent configurations when every latent is finite, else 0.</summary>
    public long Configurations { get; }

    /// <summary>True when the exact posterior can be had by enumerating the latents.</summary>
    public bool IsEnumerable => Configurations is > 0 and <= MaxConfigurations;

    /// <summary>Where the latents start in a slot array (after θ).</summary>
    public int LatentStart => Space.Count;

    /// <summary>The length of a slot array.</summary>
    public int SlotCount => Space.Count + Layout.Latents.Length;

    /// <summary>M, the observable's statistics per data point (every element's T, element by element).</summary>
    public int StatisticWidth { get; }

    /// <summary>Where each observable element's statistics start within a point's M values.</summary>
    public ImmutableArray<int> StatisticOffset { get; }

    /// <summary>The structure of <paramref name="model"/>, or null with the reason EM does not apply.</summary>
    public static EmStructure? TryCreate(Model model, ParameterSpace space, LatentLayout layout, out string? reason)
    {
        reason = null;
        try { return Create(model, space, layout, out reason); }
        catch (NumericException e) { reason = e.Message; return null; }
    }

    private static EmStructure? Create(Model model, ParameterSpace space, LatentLayout layout, out string? reason)
    {
        reason = null;
        var slots = new Dictionary<Symbol, int>();
        foreach (var s in space.Elements) slots[s] = slots.Count;
        foreach (var l in layout.Latents) slots[l.Symbol] = slots.Count;
        var parameters = space.Elements.ToHashSet();
        var normalizer = new Normalizer(model.Assumptions);
        var kernels = new Dictionary<ExponentialFamily, NaturalFamilyKernel>(ReferenceEqualityComparer.Instance);
        var plans = ImmutableArray.CreateBuilder<FactorPlan>();
        GaussianPlan? gaussian = null;
        for (var i = 0; i < model.Factors.Length; i++)
        {
            var factor = model.Factors[i];
            if (factor.Family.Name == "MvNormal")
            {
                if (factor.Role != FactorRole.Observable) { reason = "EM does not handle a multivariate normal latent"; return null; }
                gaussian = GaussianPlan.TryCreate(model, factor, i, layout, space, normalizer, out reason);
                if (gaussian is null) return null;
                continue;
            }
            if (!kernels.TryGetValue(factor.Family, out var kernel)) kernels[factor.Family] = kernel = new NaturalFamilyKernel(factor.Family);
            plans.Add(new FactorPlan(model, factor, i, layout, slots, parameters, normalizer, kernel));
        }
        var configurations = layout.AllDiscrete ? layout.Latents.Aggregate(1L, (a, l) => Math.Min(long.MaxValue / 1024, a * l.Values.Count)) : 0;
        var groups = FindGroups(model, space, [.. plans], gaussian, normalizer);
        return new EmStructure(model, space, layout, plans.ToImmutable(), gaussian, groups, configurations);
    }

    // Union-find over θ: entries that appear in one element's natural parameters (at one variant) belong together.
    private static ImmutableArray<ParameterGroup> FindGroups(Model model, ParameterSpace space, FactorPlan[] plans, GaussianPlan? gaussian, Normalizer normalizer)
    {
        var parent = Enumerable.Range(0, space.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        void Union(IEnumerable<int> thetas)
        {
            var first = -1;
            foreach (var t in thetas)
                if (first < 0) first = Find(t);
                else parent[Find(t)] = first;
        }
        var uses = new List<(ElementUse Use, int[] Theta)>();
        for (var p = 0; p < plans.Length; p++)
        {
            var plan = plans[p];
            for (var v = 0; v < plan.Variants.Length; v++)
            {
                var variant = plan.Variants[v];
                var byElement = new List<int>[plan.Elements];
                for (var e = 0; e < plan.Elements; e++) byElement[e] = [];
                for (var i = 0; i < variant.JacobianEta.Length; i++) byElement[variant.JacobianEta[i] / plan.Natural].Add(variant.JacobianTheta[i]);
                for (var e = 0; e < plan.Elements; e++)
                {
                    if (byElement[e].Count == 0) continue;
                    var thetas = byElement[e].Distinct().Order().ToArray();
                    Union(thetas);
                    uses.Add((new ElementUse(p, v, e), thetas));
                }
            }
        }
        if (gaussian is not null)
            for (var v = 0; v < gaussian.Variants.Length; v++)
            {
                var slice = gaussian.Variants[v];
                var thetas = slice.Mean.Where(t => t >= 0).Concat(slice.Covariance).Distinct().Order().ToArray();
                Union(thetas);
                uses.Add((new ElementUse(-1, v, 0), thetas));
            }
        var used = new bool[space.Count];
        foreach (var (_, thetas) in uses) foreach (var t in thetas) used[t] = true;
        var roots = new Dictionary<int, int>();
        var members = new List<List<int>>();
        for (var t = 0; t < space.Count; t++)
        {
            if (!used[t]) continue;
            var r = Find(t);
            if (!roots.TryGetValue(r, out var id)) { roots[r] = id = members.Count; members.Add([]); }
            members[id].Add(t);
        }
        var groupUses = members.Select(_ => new List<ElementUse>()).ToList();
        foreach (var (use, thetas) in uses) groupUses[roots[Find(thetas[0])]].Add(use);
        return [.. members.Select((m, id) => new ParameterGroup(id, [.. m], [.. groupUses[id]],
            ClosedForm(model, space, plans, gaussian, [.. m], groupUses[id], normalizer)))];
    }

    // Moment matching applies when every use is the same factor with the same arguments, each a group
    // parameter, a constant, or a simplex's implied last weight, and every group parameter is one of them.
    private static ClosedFormPattern? ClosedForm(Model model, ParameterSpace space, FactorPlan[] plans, GaussianPlan? gaussian, int[] theta,
        List<ElementUse> uses, Normalizer normalizer)
    {
        if (uses.Select(u => u.Plan).Distinct().Count() != 1) return null;
        var planIndex = uses[0].Plan;
        if (planIndex < 0) return uses.Count == 1 ? new ClosedFormPattern(-1, [], []) : null;
        var plan = plans[planIndex];
        var arguments = plan.Variants[uses[0].Variant].Arguments[uses[0].Element];
        if (uses.Any(u => !plan.Variants[u.Variant].Arguments[u.Element].SequenceEqual(arguments))) return null;
        var entries = new int[arguments.Length];
        var constants = new double[arguments.Length];
        var family = plan.Factor.Family;
        for (var i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case Number n: entries[i] = -1; constants[i] = n.Value.ToDouble(); break;
                case Symbol s when space.Index.TryGetValue(s, out var at): entries[i] = at; break;
                default:
                    // A categorical's last weight is 1 − Σ the others.
                    if (family.Name == "Categorical" && i == arguments.Length - 1
                        && normalizer.Apply(Number.One - Sum.Of(arguments.Take(i))).Equals(arguments[i]))
                    {
                        entries[i] = -1;
                        constants[i] = double.NaN;
                        break;
                    }
                    return null;
            }
        }
        var used = entries.Where(e => e >= 0).ToList();
        if (used.Distinct().Count() != used.Count || !used.Order().SequenceEqual(theta)) return null;
        var free = entries.Select(e => e >= 0).ToList();
        return MomentMatching.Supports(family, free) ? new ClosedFormPattern(planIndex, [.. entries], [.. constants]) : null;
    }
}
