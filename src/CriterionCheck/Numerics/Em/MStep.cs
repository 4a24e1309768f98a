using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Numerics.Em;

/// <summary>A parameter whose maximiser lies on the boundary of its domain.</summary>
/// <param name="Theta">Its position in θ.</param>
/// <param name="Limit">Where it goes.</param>
public sealed record BoundaryLimit(int Theta, Limit Limit);

/// <summary>
/// Maximises Q(θ; q) over the trained parameters for fixed q, group by group (the Hessian is
/// block-diagonal over <see cref="ParameterGroup"/>s): groups with a closed form by moment matching, the
/// others by damped Newton steps on their exact Hessian block (logs for positive entries, logits for
/// (0, 1) entries, so a step cannot leave the domain), all Newton groups sharing one pass over the
/// configurations per step. A step costs O(J · Σ_g P_g²) for J configurations, not O(J · P²).
/// </summary>
public sealed class MStep
{
    private readonly CompleteDataObjective objective;
    private readonly EmStructure s;

    /// <summary>The M-step for <paramref name="objective"/>'s structure.</summary>
    public MStep(CompleteDataObjective objective)
    {
        this.objective = objective;
        s = objective.Structure;
        damping = new double[s.Groups.Length];
        domains = new ParameterDomain[s.Space.Count];
        foreach (var range in s.Space.Blocks)
            for (var t = range.Start; t < range.Start + range.Count; t++) domains[t] = range.Block.Domain;
    }

    private readonly ParameterDomain[] domains;

    /// <summary>Which groups take Newton steps (no closed form): the Hessian blocks an evaluation should carry for <see cref="Maximize"/>.</summary>
    public bool[] NewtonGroups => [.. s.Groups.Select(g => g.ClosedForm is null)];

    /// <summary>The outcome: the new θ, and the parameters whose maximiser is on the boundary (they keep their old value).</summary>
    public sealed record Outcome(double[] Theta, ImmutableArray<BoundaryLimit> Limits, int NewtonSteps);

    /// <summary>
    /// The maximiser of Q(·; <paramref name="q"/>) from <paramref name="theta"/> over the entries <paramref name="trained"/>;
    /// Newton groups stop when their gradient per data point is at most <paramref name="tolerance"/>
    /// or after <paramref name="maxNewton"/> steps.
    /// </summary>
    /// <remarks>
    /// <paramref name="first"/>, an evaluation at <paramref name="theta"/> with the Newton groups' Hessians, saves the first
    /// step's pass (each group's part of Q depends only on its own entries, so the closed forms do not change it).
    /// </remarks>
    public Outcome Maximize(double[] theta, ExpectedStatistics q, bool[] trained, double tolerance, int maxNewton = 50, CompleteDataObjective.Result? first = null)
    {
        var next = (double[])theta.Clone();
        var limits = new List<BoundaryLimit>();
        ClosedForms(next, q, trained, limits);
        var steps = Newton(next, q, trained, tolerance, maxNewton, first);
        return new Outcome(next, [.. limits], steps);
    }

    // Pools each closed-form group's statistics over its uses and configurations, then matches moments.
    private void ClosedForms(double[] theta, ExpectedStatistics q, bool[] trained, List<BoundaryLimit> limits)
    {
        var closed = s.Groups.Where(g => g.ClosedForm is not null && g.Theta.Any(t => trained[t])).ToList();
        if (closed.Count == 0) return;
        var generic = closed.Where(g => g.ClosedForm!.Plan >= 0).ToList();
        if (generic.Count > 0) Generic(theta, q, trained, limits, generic);
        foreach (var g in closed.Where(g => g.ClosedForm!.Plan < 0)) Gaussian(theta, q, trained, limits, g);
    }

    private void Generic(double[] theta, ExpectedStatistics q, bool[] trained, List<BoundaryLimit> limits, List<ParameterGroup> groups)
    {
        // Which pooled sum each (plan, variant, element) feeds.
        var slot = s.Plans.Select(p => p.Variants.Select(_ => Enumerable.Repeat(-1, p.Elements).ToArray()).ToArray()).ToArray();
        for (var i = 0; i < groups.Count; i++)
            foreach (var use in groups[i].Uses) slot[use.Plan][use.Variant][use.Element] = i;
        var width = groups.Select(g => s.Plans[g.ClosedForm!.Plan].Natural).ToArray();
        var parts = Chunks.Map(q.Count, (start, end) =>
        {
            var sums = groups.Select((_, i) => new double[width[i]]).ToArray();
            var weights = new double[groups.Count];
            var buffers = s.Plans.Select(p => p.Kernel.NewBuffers()).ToArray();
            var t = new double[s.Plans.Max(p => p.Natural)];
            var value = new double[Math.Max(1, s.Plans.Max(p => p.Variable.Max(v => v.Length)))];
            for (var j = start; j < end; j++)
            {
                var w = q.Weights[j];
                if (w == 0) continue;
                var z = q.LatentsOf(j);
                for (var k = 0; k < s.Plans.Length; k++)
                {
                    var plan = s.Plans[k];
                    var targets = slot[k][plan.VariantOf(z)];
                    for (var e = 0; e < plan.Elements; e++)
                    {
                        var i = targets[e];
                        if (i < 0) continue;
                        weights[i] += w;
                        if (plan.Factor.Role == FactorRole.Observable)
                        {
                            var observed = q.ObservedOf(j).Slice(s.StatisticOffset[e], plan.Natural);
                            for (var m = 0; m < plan.Natural; m++) sums[i][m] += observed[m];
                            continue;
                        }
                        var cells = plan.Variable[e];
                        for (var c = 0; c < cells.Length; c++) value[c] = z[cells[c]];
                        plan.Kernel.Statistics(value.AsSpan(0, cells.Length), t, buffers[k]);
                        for (var m = 0; m < plan.Natural; m++) sums[i][m] += w * t[m];
                    }
                }
            }
            return (sums, weights);
        });
        for (var i = 0; i < groups.Count; i++)
        {
            var sum = new double[width[i]];
            var weight = 0.0;
            foreach (var (sums, weights) in parts)
            {
                for (var m = 0; m < sum.Length; m++) sum[m] += sums[i][m];
                weight += weights[i];
            }
            var pattern = groups[i].ClosedForm!;
            var family = s.Plans[pattern.Plan].Factor.Family;
            var current = pattern.Entries.Select((t, k) => t >= 0 ? theta[t] : pattern.Constants[k]).ToArray();
            var free = pattern.Entries.Select(t => t >= 0 && trained[t]).ToList();
            var (arguments, found) = MomentMatching.Solve(family, sum, weight, current, free);
            var boundary = false;
            for (var k = 0; k < arguments.Length; k++)
                if (found[k] is { } limit)
                {
                    boundary = true;
                    // An implied entry (a categorical's last weight) is reported on the entries that imply it.
                    foreach (var t in pattern.Entries[k] >= 0 ? [pattern.Entries[k]] : pattern.Entries.Where(x => x >= 0))
                        if (!limits.Any(l => l.Theta == t)) limits.Add(new BoundaryLimit(t, limit));
                }
            if (boundary) continue;
            for (var k = 0; k < arguments.Length; k++)
                if (pattern.Entries[k] >= 0 && free[k]) theta[pattern.Entries[k]] = arguments[k];
        }
    }

    private void Gaussian(double[] theta, ExpectedStatistics q, bool[] trained, List<BoundaryLimit> limits, ParameterGroup group)
    {
        var plan = s.Gaussian!;
        var v = group.Uses[0].Variant;
        var slice = plan.Variants[v];
        var moments = q.Gaussian!;
        var d = plan.Dimension;
        // Every configuration of this variant has the same reference (the variant's mean at the E-step), so their moments add.
        var configurations = Enumerable.Range(0, q.Count).Where(j => plan.VariantOf(q.LatentsOf(j)) == v).ToList();
        var pooled = new GaussianMoments([configurations.Sum(j => moments.Weights[j])],
            [Add(configurations.Select(j => moments.First[j]))], [Add(configurations.Select(j => moments.Second[j]))],
            [moments.References[configurations[0]]], 0, 0);
        var meanFree = slice.Mean.All(t => t >= 0 && trained[t]);
        var covarianceFree = slice.Covariance.All(t => trained[t]);
        if (!(pooled.Weights[0] > 1e-300))
        {
            foreach (var t in group.Theta.Where(t => trained[t])) limits.Add(new BoundaryLimit(t, Limit.NoWeight));
            return;
        }
        var (mean, covariance) = pooled.Update(0, meanFree);
        if (covarianceFree && !WellConditioned(covariance, d))
        {
            foreach (var t in slice.Covariance) limits.Add(new BoundaryLimit(t, Limit.Zero));
            return;
        }
        if (meanFree) for (var i = 0; i < d; i++) theta[slice.Mean[i]] = mean[i];
        if (!covarianceFree) return;
        var at = 0;
        for (var i = 0; i < d; i++)
            for (var k = i; k < d; k++, at++) theta[slice.Covariance[at]] = covariance[i * d + k];

        static double[] Add(IEnumerable<double[]> parts)
        {
            double[]? sum = null;
            foreach (var p in parts)
            {
                sum ??= new double[p.Length];
                for (var i = 0; i < p.Length; i++) sum[i] += p[i];
            }
            return sum!;
        }
    }

    // Positive definite, and not so close to singular that the likelihood is running off to infinity:
    // every Cholesky pivot keeps more than 1e-12 of its variance (a collapsing direction has pivot → 0).
    private static bool WellConditioned(double[] covariance, int d)
    {
        if (GaussianMixtureEm.Cholesky(covariance, d) is not { } l) return false;
        for (var i = 0; i < d; i++)
            if (!(l[i * d + i] * l[i * d + i] > 1e-12 * covariance[i * d + i])) return false;
        return true;
    }

    // Damped Newton on every group without a closed form, all sharing one evaluation per step: a step is
    // kept within MaxStep (a nearly flat direction — a pixel that is never set, a unit never on — gives a
    // Newton step without bound) by more damping for that step, else by scaling, then halved per group
    // until Q improves; a group whose step fails even when small gets more damping, which it keeps for
    // the next M-step (EM calls this once per iteration).
    private int Newton(double[] theta, ExpectedStatistics q, bool[] trained, double tolerance, int maxSteps, CompleteDataObjective.Result? first)
    {
        var groups = s.Groups.Where(g => g.ClosedForm is null && g.Theta.Any(t => trained[t])).ToList();
        if (groups.Count == 0 || maxSteps == 0) return 0;
        var active = new bool[s.Groups.Length];
        foreach (var g in groups) active[g.Id] = true;
        var n = q.Points;
        var steps = 0;
        CompleteDataObjective.Result? ahead = null; // the last step's full-step point, when every group took it
        for (; steps < maxSteps; steps++)
        {
            var here = ahead ?? (steps == 0 && first is not null && groups.All(g => first.Hessians[g.Id] is not null) ? first
                : objective.Evaluate(theta, q, gradient: true, hessianGroups: active));
            ahead = null;
            var deltas = new Dictionary<int, ((int Theta, int Local)[] Local, double[] Delta)>();
            foreach (var g in groups)
            {
                if (!active[g.Id]) continue;
                var local = g.Theta.Select((t, i) => (t, i)).Where(p => trained[p.t]).ToArray();
                var gradient = local.Select(p => here.Gradient![p.t]).ToArray();
                if (Math.Sqrt(gradient.Sum(x => x * x)) / n <= tolerance) { active[g.Id] = false; continue; }
                var delta = Step(g, local, theta, gradient, here.Hessians[g.Id]!, ref damping[g.Id]);
                if (delta is null) { active[g.Id] = false; continue; }
                var largest = delta.Max(Math.Abs);
                if (largest > MaxStep) for (var i = 0; i < delta.Length; i++) delta[i] *= MaxStep / largest;
                deltas[g.Id] = (local, delta);
            }
            if (deltas.Count == 0) break;
            var scale = deltas.Keys.ToDictionary(id => id, _ => 1.0);
            var pending = deltas.Keys.ToHashSet();
            for (var halving = 0; halving < 8 && pending.Count > 0; halving++)
            {
                var candidate = (double[])theta.Clone();
                foreach (var id in pending)
                    foreach (var (i, (t, _)) in deltas[id].Local.Select((p, i) => (i, p))) candidate[t] = Move(t, theta[t], scale[id] * deltas[id].Delta[i]);
                // Every group usually takes the full step, and then the candidate is where the next step starts: evaluating
                // its gradient and Hessian blocks now saves that step a pass (the same numbers: same θ, same q).
                var lookAhead = halving == 0 && steps + 1 < maxSteps;
                var there = lookAhead ? objective.Evaluate(candidate, q, gradient: true, hessianGroups: active) : objective.Evaluate(candidate, q, gradient: false);
                foreach (var id in pending.ToList())
                {
                    var (before, after) = (here.GroupValues[id], there.GroupValues[id]);
                    if (double.IsFinite(after) && after >= before - 1e-13 * Math.Max(1, Math.Abs(before)) && InDomain(s.Groups[id], candidate))
                    {
                        foreach (var t in s.Groups[id].Theta) theta[t] = candidate[t];
                        pending.Remove(id);
                        if (halving == 0) damping[id] /= 10;
                        // Converged in value: the step no longer changes Q beyond round-off.
                        if (Math.Abs(after - before) <= 1e-15 * Math.Max(1, Math.Abs(before))) active[id] = false;
                    }
                    else scale[id] /= 2;
                }
                if (lookAhead && pending.Count == 0) ahead = there;
            }
            foreach (var id in pending) damping[id] = Math.Max(1e-8, damping[id] * 100);
        }
        return steps;
    }

    private const double MaxStep = 4;
    private readonly double[] damping;

    // Solves (−H_u + μ·scale·𝟙) δ = g_u in the group's transformed coordinates; null when no damping makes it solvable.
    private double[]? Step(ParameterGroup g, (int Theta, int Local)[] local, double[] theta, double[] gradient, double[] hessian, ref double damping)
    {
        var size = g.Theta.Length;
        var m = local.Length;
        var h = Matrix<double>.Build.Dense(m, m, (a, b) => hessian[local[a].Local * size + local[b].Local]);
        var gu = new double[m];
        for (var a = 0; a < m; a++)
        {
            var (first, second) = Chain(local[a].Theta, theta[local[a].Theta]);
            gu[a] = gradient[a] * first;
            for (var b = 0; b < m; b++) h[a, b] *= first * Chain(local[b].Theta, theta[local[b].Theta]).First;
            h[a, a] += gradient[a] * second;
        }
        var scale = Math.Max(1e-300, Enumerable.Range(0, m).Max(i => Math.Abs(h[i, i])));
        // A step longer than MaxStep comes from a nearly flat direction (a unit whose weight is never exercised). More
        // damping, for this step only, shortens it along the flattest directions first and leaves the well-curved ones
        // near their Newton step; scaling the whole step down to MaxStep instead would shrink those to nothing, and the
        // group would stay where it is for as long as the flat direction lasts.
        var extra = 0.0;
        double[]? longest = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var system = -h + Matrix<double>.Build.DenseIdentity(m) * (Math.Max(damping, extra) * scale);
            try
            {
                var delta = system.Cholesky().Solve(Vector<double>.Build.Dense(gu));
                if (delta.All(double.IsFinite))
                {
                    if (delta.AbsoluteMaximum() <= MaxStep) return [.. delta];
                    longest = [.. delta];
                    extra = Math.Max(1e-12, Math.Max(damping, extra) * 10);
                    continue;
                }
            }
            catch (ArgumentException) { }
            if (longest is not null) return longest;
            damping = Math.Max(1e-12, damping * 10);
        }
        return longest;
    }

    // dθ/du and d²θ/du² for the coordinate u the Newton step is taken in.
    private (double First, double Second) Chain(int t, double value) => Domain(t) switch
    {
        ParameterDomain.Positive => (value, value),
        ParameterDomain.UnitInterval => (value * (1 - value), value * (1 - value) * (1 - 2 * value)),
        _ => (1, 0),
    };

    private double Move(int t, double value, double delta) => Domain(t) switch
    {
        ParameterDomain.Positive => value * Math.Exp(delta),
        ParameterDomain.UnitInterval => Symbolics.Evaluation.SpecialFunctions.Sigmoid(Symbolics.Evaluation.SpecialFunctions.Logit(value) + delta),
        _ => value + delta,
    };

    private ParameterDomain Domain(int t) => domains[t];

    // Simplex and positive-definite entries move in θ itself; such a step must stay inside.
    private bool InDomain(ParameterGroup g, double[] theta)
    {
        foreach (var range in s.Space.Blocks)
        {
            if (range.Block.Domain is not (ParameterDomain.Simplex or ParameterDomain.PositiveDefinite)) continue;
            if (!g.Theta.Any(t => t >= range.Start && t < range.Start + range.Count)) continue;
            var copy = (double[])theta.Clone();
            if (s.Space.DomainProblem(copy) is not null) return false;
        }
        return true;
    }
}
