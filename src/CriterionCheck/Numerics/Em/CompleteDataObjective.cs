using CriterionCheck.Models;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// The complete-data objective Q(θ; q) = Σ_j Σ_factors Σ_elements [η(z_j; θ)ᵀ S_j − W_j A(η(z_j; θ))] (+ log h
/// terms) from <see cref="ExpectedStatistics"/>, with what EM needs of it at any θ: its value per
/// parameter group, ∂Q/∂θ through the Jacobian (∂/∂θ = Σ (S − W∇A)ᵀ ∂η/∂θ, the expression whose
/// stationarity the theorems use), the exact Hessian block of any group (−W Jᵀ∇²A J + Σ (S − W∇A)·∂²η),
/// and each factor's expected entropy under q̄ for the entropy sum. A multivariate normal observable is
/// evaluated from its mean and covariance (Cholesky), not from natural parameters. F(θ; q) = (Q + Σₙ log h(x⁽ⁿ⁾))/N + (1/N) Σₙ H[q⁽ⁿ⁾].
/// </summary>
public sealed class CompleteDataObjective
{
    private readonly EmStructure s;
    private readonly int[][][] groupOfUse;   // [plan][variant][element]
    private readonly int[][][] localOfJacobian; // [plan][variant][entry]: the entry's θ within its group
    private readonly int[][][] localOfSecondA, localOfSecondB;
    private readonly int[] groupOfGaussian;

    /// <summary>The objective of <paramref name="structure"/>.</summary>
    public CompleteDataObjective(EmStructure structure)
    {
        s = structure;
        groupOfUse = [.. s.Plans.Select(p => p.Variants.Select(_ => Enumerable.Repeat(-1, p.Elements).ToArray()).ToArray())];
        groupOfGaussian = s.Gaussian is { } g ? Enumerable.Repeat(-1, g.Variants.Length).ToArray() : [];
        foreach (var group in s.Groups)
            foreach (var use in group.Uses)
                if (use.Plan < 0) groupOfGaussian[use.Variant] = group.Id;
                else groupOfUse[use.Plan][use.Variant][use.Element] = group.Id;
        int Local(int theta) => s.GroupOf[theta] < 0 ? -1 : s.Groups[s.GroupOf[theta]].LocalIndex(theta);
        localOfJacobian = [.. s.Plans.Select(p => p.Variants.Select(v => v.JacobianTheta.Select(Local).ToArray()).ToArray())];
        localOfSecondA = [.. s.Plans.Select(p => p.Variants.Select(v => v.SecondA.Select(Local).ToArray()).ToArray())];
        localOfSecondB = [.. s.Plans.Select(p => p.Variants.Select(v => v.SecondB.Select(Local).ToArray()).ToArray())];
    }

    /// <summary>The structure.</summary>
    public EmStructure Structure => s;

    /// <summary>What one evaluation gives.</summary>
    /// <param name="Total">Q(θ; q) with the latents' log h terms (not the data's).</param>
    /// <param name="GroupValues">Each group's part of Q.</param>
    /// <param name="Gradient">∂Q/∂θ, or null when not asked for.</param>
    /// <param name="Hessians">The Hessian block (row-major, the group's own order) of each group asked for; null entries for the others.</param>
    /// <param name="ExpectedEntropy">Per model factor: Σ_j W_j Σ_e H (or H̃ when the base measure is not constant) of its elements at z_j.</param>
    /// <param name="ExpectedLogBase">Per model factor: Σ_j W_j Σ_e log h(v) for a latent factor's own variable (0 for the observable).</param>
    public sealed record Result(double Total, double[] GroupValues, double[]? Gradient, double[]?[] Hessians, double[] ExpectedEntropy, double[] ExpectedLogBase);

    /// <summary>Evaluates at <paramref name="theta"/> for <paramref name="q"/>.</summary>
    /// <param name="theta">θ.</param>
    /// <param name="q">The statistics of q (and the data).</param>
    /// <param name="gradient">Whether to compute ∂Q/∂θ.</param>
    /// <param name="hessianGroups">Groups whose Hessian block is wanted (null: none).</param>
    public Result Evaluate(double[] theta, ExpectedStatistics q, bool gradient = true, bool[]? hessianGroups = null)
    {
        var p = s.Space.Count;
        var groups = s.Groups.Length;
        var factorCount = s.Model.Factors.Length;
        var gaussian = s.Gaussian is { } plan ? Prepare(plan, theta) : null;
        var parts = Chunks.Map(q.Count, (start, end) =>
        {
            var acc = new Accumulator(p, groups, factorCount, hessianGroups, s, gradient);
            var slots = new double[s.SlotCount];
            Array.Copy(theta, slots, p);
            var work = new Work(s);
            for (var j = start; j < end; j++)
            {
                var w = q.Weights[j];
                if (w == 0) continue;
                var latents = q.LatentsOf(j);
                latents.CopyTo(slots.AsSpan(s.LatentStart));
                for (var k = 0; k < s.Plans.Length; k++) Plan(k, j, w, latents, q, slots, work, acc, gradient, hessianGroups);
                if (gaussian is not null) Gaussian(gaussian, j, w, latents, q, acc, gradient);
            }
            return acc;
        });
        var total = 0.0;
        var groupValues = new double[groups];
        var grad = gradient ? new double[p] : null;
        var hessians = new double[]?[groups];
        var entropy = new double[factorCount];
        var logBase = new double[factorCount];
        foreach (var a in parts)
        {
            total += a.Total;
            for (var g = 0; g < groups; g++) groupValues[g] += a.GroupValues[g];
            if (grad is not null) for (var i = 0; i < p; i++) grad[i] += a.Gradient![i];
            for (var g = 0; g < groups; g++)
                if (a.Hessians[g] is { } h)
                {
                    hessians[g] ??= new double[h.Length];
                    for (var i = 0; i < h.Length; i++) hessians[g]![i] += h[i];
                }
            for (var f = 0; f < factorCount; f++) { entropy[f] += a.Entropy[f]; logBase[f] += a.LogBase[f]; }
        }
        return new Result(total, groupValues, grad, hessians, entropy, logBase);
    }

    /// <summary>F(θ; q), the ELBO per data point, from an evaluation's total.</summary>
    public static double Elbo(Result r, ExpectedStatistics q) => (r.Total + q.DataLogBase) / q.Points + q.MeanEntropy;

    private void Plan(int k, int j, double w, ReadOnlySpan<double> latents, ExpectedStatistics q, double[] slots, Work work, Accumulator acc,
        bool gradient, bool[]? hessianGroups)
    {
        var plan = s.Plans[k];
        var v = plan.VariantOf(latents);
        var variant = plan.Variants[v];
        var kernel = plan.Kernel;
        var buffers = work.Buffers[k];
        var n = plan.Natural;
        var eta = work.Eta[k];
        variant.Eta.Evaluate(slots, eta);
        var needHessian = hessianGroups is not null;
        if ((gradient || needHessian) && variant.Jacobian is { } jacobian) jacobian.Evaluate(slots, work.Jacobian[k]);
        if (needHessian && variant.SecondDerivatives is { } second) second.Evaluate(slots, work.Second[k]);
        var observable = plan.Factor.Role == FactorRole.Observable;
        var statistics = work.Statistics[k];
        var residual = work.Residual[k];
        var factor = plan.Index;
        for (var e = 0; e < plan.Elements; e++)
        {
            var etaE = eta.AsSpan(e * n, n);
            var logH = 0.0;
            if (observable) q.Observed.AsSpan(j * q.StatisticWidth + s.StatisticOffset[e], n).CopyTo(statistics);
            else
            {
                var cells = plan.Variable[e];
                var value = work.Value[k].AsSpan(0, cells.Length);
                for (var i = 0; i < cells.Length; i++) value[i] = latents[cells[i]];
                logH = kernel.Statistics(value, statistics, buffers);
                for (var i = 0; i < n; i++) statistics[i] *= w;
                acc.LogBase[factor] += w * logH;
            }
            var a = kernel.Partition(etaE, buffers);
            var contribution = -w * a;
            for (var i = 0; i < n; i++)
            {
                contribution += etaE[i] * statistics[i];
                residual[i] = statistics[i] - w * buffers.Gradient[i];
            }
            acc.Total += contribution + w * logH;
            acc.Entropy[factor] += w * (buffers.PseudoEntropy - (kernel.ConstantLogBase ?? 0));
            var g = groupOfUse[k][v][e];
            if (g < 0) continue;
            acc.GroupValues[g] += contribution;
            var (from, to) = (variant.JacobianStart[e], variant.JacobianStart[e + 1]);
            var jac = work.Jacobian[k];
            if (gradient)
            {
                var thetaOf = variant.JacobianTheta.AsSpan();
                var etaIndex = variant.JacobianEta.AsSpan();
                for (var i = from; i < to; i++) acc.Gradient![thetaOf[i]] += jac[i] * residual[etaIndex[i] - e * n];
            }
            if (acc.Hessians[g] is not { } h) continue;
            var size = s.Groups[g].Theta.Length;
            var local = localOfJacobian[k][v];
            var etaOf = variant.JacobianEta.AsSpan();
            if (n == 1)
            {
                // One natural parameter (Bernoulli, Poisson, …): a rank-one update −w·A''·J Jᵀ.
                var c = -w * buffers.Hessian[0];
                for (var i = from; i < to; i++)
                {
                    var row = h.AsSpan(local[i] * size, size);
                    var vi = c * jac[i];
                    for (var i2 = from; i2 < to; i2++) row[local[i2]] += vi * jac[i2];
                }
            }
            else
                for (var i = from; i < to; i++)
                {
                    var ki = etaOf[i] - e * n;
                    for (var i2 = from; i2 < to; i2++)
                    {
                        var k2 = etaOf[i2] - e * n;
                        h[local[i] * size + local[i2]] -= w * jac[i] * buffers.Hessian[ki * n + k2] * jac[i2];
                    }
                }
            var (sFrom, sTo) = (variant.SecondStart[e], variant.SecondStart[e + 1]);
            var sec = work.Second[k];
            for (var i = sFrom; i < sTo; i++)
            {
                var (la, lb) = (localOfSecondA[k][v][i], localOfSecondB[k][v][i]);
                var d = residual[variant.SecondEta[i] - e * n] * sec[i];
                h[la * size + lb] += d;
                if (la != lb) h[lb * size + la] += d;
            }
        }
    }

    private void Gaussian(GaussianState[] prepared, int j, double w, ReadOnlySpan<double> latents, ExpectedStatistics q, Accumulator acc, bool gradient)
    {
        var plan = s.Gaussian!;
        var v = plan.VariantOf(latents);
        var state = prepared[v];
        var d = plan.Dimension;
        var moments = q.Gaussian!;
        var scatter = moments.ScatterAbout(j, state.Mean);
        var trace = 0.0;
        for (var i = 0; i < d * d; i++) trace += state.Inverse[i] * scatter[i];
        var value = w * (-0.5 * d * Math.Log(2 * Math.PI) - 0.5 * state.LogDet) - 0.5 * trace;
        acc.Total += value;
        acc.Entropy[plan.Index] += w * (0.5 * d * Math.Log(2 * Math.PI * Math.E) + 0.5 * state.LogDet);
        var g = groupOfGaussian[v];
        if (g >= 0) acc.GroupValues[g] += value;
        if (!gradient) return;
        var slice = plan.Variants[v];
        // ∂/∂μ = Σ⁻¹ Σₙ q (x − μ) = Σ⁻¹ (S1 − W δ), δ = μ − reference.
        var centred = new double[d];
        for (var i = 0; i < d; i++) centred[i] = moments.First[j][i] - w * (state.Mean[i] - moments.References[j][i]);
        for (var i = 0; i < d; i++)
        {
            if (slice.Mean[i] < 0) continue;
            var sum = 0.0;
            for (var k = 0; k < d; k++) sum += state.Inverse[i * d + k] * centred[k];
            acc.Gradient![slice.Mean[i]] += sum;
        }
        // ∂/∂Σ = ½ (Σ⁻¹ M Σ⁻¹ − W Σ⁻¹); an off-diagonal free entry stands for two.
        var left = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var k = 0; k < d; k++)
            {
                var sum = 0.0;
                for (var m = 0; m < d; m++) sum += state.Inverse[i * d + m] * scatter[m * d + k];
                left[i * d + k] = sum;
            }
        var t = 0;
        for (var i = 0; i < d; i++)
            for (var k = i; k < d; k++, t++)
            {
                var sum = 0.0;
                for (var m = 0; m < d; m++) sum += left[i * d + m] * state.Inverse[m * d + k];
                var entry = 0.5 * (sum - w * state.Inverse[i * d + k]);
                acc.Gradient![slice.Covariance[t]] += i == k ? entry : 2 * entry;
            }
    }

    private static GaussianState[]? Prepare(GaussianPlan plan, double[] theta) =>
        [.. plan.Variants.Select(slice =>
        {
            var sigma = slice.CovarianceAt(theta);
            var inverse = GaussianMixtureEm.Inverse(sigma, plan.Dimension);
            var logDet = GaussianMixtureEm.LogDeterminant(sigma, plan.Dimension);
            return new GaussianState(slice.MeanAt(theta), inverse ?? Enumerable.Repeat(double.NaN, sigma.Length).ToArray(), logDet ?? double.NaN);
        })];

    private sealed record GaussianState(double[] Mean, double[] Inverse, double LogDet);

    private sealed class Accumulator
    {
        public Accumulator(int p, int groups, int factors, bool[]? hessianGroups, EmStructure s, bool gradient)
        {
            GroupValues = new double[groups];
            Gradient = gradient ? new double[p] : null;
            Hessians = new double[]?[groups];
            if (hessianGroups is not null)
                for (var g = 0; g < groups; g++)
                    if (hessianGroups[g]) Hessians[g] = new double[s.Groups[g].Theta.Length * s.Groups[g].Theta.Length];
            Entropy = new double[factors];
            LogBase = new double[factors];
        }

        public double Total;
        public double[] GroupValues { get; }
        public double[]? Gradient { get; }
        public double[]?[] Hessians { get; }
        public double[] Entropy { get; }
        public double[] LogBase { get; }
    }

    // Per-thread scratch, one set per plan.
    private sealed class Work
    {
        public Work(EmStructure s)
        {
            Buffers = [.. s.Plans.Select(p => p.Kernel.NewBuffers())];
            Eta = [.. s.Plans.Select(p => new double[p.Elements * p.Natural])];
            Jacobian = [.. s.Plans.Select(p => new double[Math.Max(1, p.Variants.Max(v => v.JacobianEta.Length))])];
            Second = [.. s.Plans.Select(p => new double[Math.Max(1, p.Variants.Max(v => v.SecondEta.Length))])];
            Statistics = [.. s.Plans.Select(p => new double[p.Natural])];
            Residual = [.. s.Plans.Select(p => new double[p.Natural])];
            Value = [.. s.Plans.Select(p => new double[Math.Max(1, p.Variable.Max(v => v.Length))])];
        }

        public double[][] Value { get; }

        public NaturalFamilyKernel.Buffers[] Buffers { get; }
        public double[][] Eta { get; }
        public double[][] Jacobian { get; }
        public double[][] Second { get; }
        public double[][] Statistics { get; }
        public double[][] Residual { get; }
    }
}
