using System.Collections.Immutable;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// Trains on the model's structure, as EM does (design §6, docs/design.md). With an exact posterior each step is an
/// E-step (q = p(z | x; θ), summed into <see cref="ExpectedStatistics"/>) and a block-wise M-step
/// (<see cref="MStep"/>); every reported point is θ with its own posterior, where ∂F/∂θ is the
/// log-likelihood's gradient. When plain EM has slowed to a linear crawl (many iterations per decade of
/// the gradient), steps are extrapolated by SQUAREM (Varadhan and Roland, 2008): from two EM steps
/// θ₁ − θ₀ = r and θ₂ − 2θ₁ + θ₀ = v, the point θ₀ − 2αr + α²v with α = −|r|/|v|, then one EM step from
/// there, kept only when the log-likelihood has not decreased (otherwise α moves back to −1, which is
/// plain EM). With per-point Gaussian q's (no exact posterior) each iteration refits q and then
/// maximises F(θ; q) in θ to stationarity, so every reported point is stationary for its q. With q
/// frozen, F(θ; q) is maximised for the q fitted at the start. An M-step whose maximiser is on the
/// boundary of the domain ends training with a diagnosis instead of a non-finite number. Every E-step
/// counts as one iteration (each is one pass over the data).
/// </summary>
public static class EmTrainer
{
    private const int PlainIterations = 20;
    private const double SlowContraction = 0.7;
    private const double PolishFrom = 1e-3;  // Newton only near a maximum, where the Hessian is likely negative definite
    private const double PolishFromFull = 1e-1; // with the whole Hessian at hand a declined step costs little, so try earlier
    private const double Polished = 1e-10;
    private const double MaxJump = 10; // SQUAREM's jump, relative to two EM steps' reach
    private const int ExtraPolish = 20; // iterations spent past the tolerance on the way to 1e-10

    /// <summary>Trains <paramref name="model"/> (which must have <see cref="NumericModel.Em"/>) from <paramref name="start"/>.</summary>
    public static TrainingResult Train(NumericModel model, double[] start, TrainingOptions options, Action<IterationRecord>? progress = null)
    {
        var em = model.Em ?? throw new InvalidOperationException("the structured path does not apply to this model");
        var space = model.Space;
        if (space.DomainProblem(start) is { } problem) throw new NumericException($"the starting point is outside the parameter domain: {problem}");
        var trained = new bool[space.Count];
        foreach (var i in options.Train is null ? Enumerable.Range(0, space.Count) : options.Train.SelectMany(model.Positions)) trained[i] = true;
        var frozen = options.Posterior == PosteriorMode.Frozen;
        var exact = em.Source.IsExact && !frozen;
        IOperator op = model.Linear is { } lg ? new LinearOperator(model, lg) : new StatisticsOperator(model, em);
        var run = new Run(op, options, trained, progress) { Space = space, Count = model.Data.Count };
        if (exact) run.Exact(start);
        else if (model.Linear is { } linear) run.FrozenLinear(model, linear, start);
        else run.Alternating(model, em, start, frozen);
        var method = model.Linear is not null
            ? exact ? "closed-form EM for the linear-Gaussian model (exact posterior from the data's moments), SQUAREM once EM slows"
                : "the closed-form M-step of the linear-Gaussian model with q held fixed (the posterior at the start)"
            : exact ? $"EM with the {em.Source.Description}: block-wise M-steps ({Blocks(em.Structure)}), SQUAREM once EM slows"
            : frozen ? $"maximising F(θ; q) with q held fixed ({em.Source.Description}, fitted at the start), block-wise ({Blocks(em.Structure)})"
            : $"variational EM with a {em.Source.Description}: refit q, then maximise F(θ; q) block-wise ({Blocks(em.Structure)})";
        var final = run.Current;
        var converged = run.Boundary is null && run.Norm(final.Report) <= options.Tolerance;
        var q = final.State switch { State s => s.Q.State, ExpectedStatistics x => x.State, _ => null };
        return new TrainingResult(final.Theta, q, model.Finish(final.Theta, final.Report), run.History.ToImmutable(), converged, method)
        {
            Boundary = run.Boundary,
            Stop = run.Boundary is not null ? StopReason.Boundary : converged ? StopReason.Converged
                : run.History.Count >= options.MaxIterations && Trainer.Progressing(run.History, run.Norm) ? StopReason.IterationLimit : StopReason.Stalled,
            TrainedGradientNorm = run.Norm(final.Report),
        };
    }

    // "12 closed-form groups, 64 by Newton steps".
    private static string Blocks(EmStructure s)
    {
        var closed = s.Groups.Count(g => g.ClosedForm is not null);
        var newton = s.Groups.Length - closed;
        return string.Join(", ", new[] { closed > 0 ? $"{closed} in closed form" : null, newton > 0 ? $"{newton} by Newton steps on exact Hessian blocks" : null }
            .Where(x => x is not null));
    }

    // What the exact-EM loop needs of a model: a point (θ with its posterior and figures) and an M-step.
    private interface IOperator
    {
        Point? At(double[] theta);
        (double[] Theta, ImmutableArray<BoundaryLimit> Limits) MStep(Point from, bool[] trained, double tolerance);
        string Describe(ImmutableArray<BoundaryLimit> limits);

        // The log-likelihood per point and its gradient, without the rest of a report.
        (double Value, double[] Gradient)? Gradient(double[] theta);

        // Whether differencing the whole Hessian is cheap next to one gradient (a few seconds at most).
        bool FullHessian(int trained);

        // A map r ↦ M⁻¹r with M the block-diagonal complete-data Hessian (negated) at θ, over the trained entries.
        Func<double[], double[]>? Preconditioner(double[] theta, bool[] trained);

        // True when Gradient may run on several threads at once (it keeps no state between calls).
        bool ConcurrentGradient { get; }
    }

    private sealed record Point(double[] Theta, object State, PointReport Report, double LogLikelihood);

    // A point's statistics and the objective's evaluation there.
    private sealed record State(ExpectedStatistics Q, CompleteDataObjective.Result Result);

    // Enumerated or per-point exact posteriors, summed into ExpectedStatistics.
    private sealed class StatisticsOperator(NumericModel model, EmPath em) : IOperator
    {
        public Point? At(double[] theta)
        {
            if (model.Space.DomainProblem(theta) is not null) return null;
            ExpectedStatistics q;
            try { q = em.Source.Fit(theta, null); }
            catch (NumericException) { return null; }
            if (q.LogLikelihood is not { } ll || !double.IsFinite(ll)) return null;
            // One pass for the report and the M-step's first Newton step.
            var result = em.Objective.Evaluate(theta, q, gradient: true, hessianGroups: newton);
            return new Point(theta, new State(q, result), model.Report(theta, q, result), ll);
        }

        private readonly bool[] newton = em.MStep.NewtonGroups;

        // Per-point Gaussian posteriors keep fitted state between calls; enumeration does not, but it already uses every core.
        public bool ConcurrentGradient => false;

        public (double[] Theta, ImmutableArray<BoundaryLimit> Limits) MStep(Point from, bool[] trained, double tolerance)
        {
            // A few Newton steps per E-step: with one, EM lingers far longer near the saddles of an SBN's likelihood.
            var state = (State)from.State;
            var outcome = em.MStep.Maximize(from.Theta, state.Q, trained, tolerance, maxNewton: 3, first: state.Result);
            return (outcome.Theta, outcome.Limits);
        }

        public string Describe(ImmutableArray<BoundaryLimit> limits) => BoundaryDiagnosis.Describe(em.Structure, model.Data, limits);

        public (double Value, double[] Gradient)? Gradient(double[] theta)
        {
            ExpectedStatistics q;
            try { q = em.Source.Fit(theta, null); }
            catch (NumericException) { return null; }
            if (q.LogLikelihood is not { } ll || !double.IsFinite(ll)) return null;
            var r = em.Objective.Evaluate(theta, q);
            return (ll / q.Points, [.. r.Gradient!.Select(g => g / q.Points)]);
        }

        public bool FullHessian(int trained)
        {
            var s = em.Structure;
            var perGradient = (double)model.Data.Count * Math.Max(1, s.Configurations) * Math.Max(1, s.StatisticWidth + (s.Gaussian?.Dimension ?? 0) * (s.Gaussian?.Dimension ?? 0));
            return 2.0 * trained * perGradient <= 2e10;
        }

        public Func<double[], double[]>? Preconditioner(double[] theta, bool[] trained)
        {
            var q = em.Source.Fit(theta, null);
            var wanted = em.Structure.Groups.Select(g => g.Uses.All(u => u.Plan >= 0)).ToArray();
            var r = em.Objective.Evaluate(theta, q, gradient: false, hessianGroups: wanted);
            var active = Enumerable.Range(0, trained.Length).Where(i => trained[i]).ToArray();
            var position = new int[trained.Length];
            for (var a = 0; a < active.Length; a++) position[active[a]] = a;
            var blocks = new List<(int[] Positions, MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double>? Factor)>();
            foreach (var g in em.Structure.Groups)
            {
                var local = g.Theta.Select((t, i) => (t, i)).Where(p => trained[p.t]).ToArray();
                if (local.Length == 0) continue;
                var positions = local.Select(p => position[p.t]).ToArray();
                if (r.Hessians[g.Id] is not { } h || !wanted[g.Id]) { blocks.Add((positions, null)); continue; }
                var size = g.Theta.Length;
                var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(local.Length, local.Length, (a, b) => -h[local[a].i * size + local[b].i] / q.Points);
                var top = Enumerable.Range(0, local.Length).Max(i => Math.Abs(m[i, i]));
                for (var i = 0; i < local.Length; i++) m[i, i] += 1e-10 * top + 1e-300;
                try { blocks.Add((positions, m.Cholesky())); }
                catch (ArgumentException) { blocks.Add((positions, null)); }
            }
            return v =>
            {
                var z = (double[])v.Clone();
                foreach (var (positions, factor) in blocks)
                {
                    if (factor is null) continue;
                    var solved = factor.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([.. positions.Select(p => v[p])]));
                    for (var a = 0; a < positions.Length; a++) z[positions[a]] = solved[a];
                }
                return z;
            };
        }
    }

    // The closed-form linear-Gaussian EM, on posterior moments.
    private sealed class LinearOperator(NumericModel model, LinearGaussianEm lg) : IOperator
    {
        public Point? At(double[] theta)
        {
            if (model.Space.DomainProblem(theta) is not null) return null;
            var m = lg.EStep(theta);
            if (!double.IsFinite(m.LogLikelihood)) return null;
            return new Point(theta, m, model.Report(theta, m), m.LogLikelihood);
        }

        public (double[] Theta, ImmutableArray<BoundaryLimit> Limits) MStep(Point from, bool[] trained, double tolerance) =>
            lg.MStep(from.Theta, (LinearGaussianEm.Moments)from.State, trained);

        public string Describe(ImmutableArray<BoundaryLimit> limits) => BoundaryDiagnosis.Describe(model.Em!.Structure, model.Data, limits);

        public (double Value, double[] Gradient)? Gradient(double[] theta)
        {
            var m = lg.EStep(theta);
            return double.IsFinite(m.LogLikelihood) ? (m.LogLikelihood / model.Data.Count, lg.Evaluate(theta, m).Gradient) : null;
        }

        // A gradient costs O(D²H) here, so the whole Hessian is cheap (and conjugate gradients converge slowly on p-PCA's flat rotations).
        public bool FullHessian(int trained) => trained <= 2000;

        // The E-step and the figures are pure functions of θ.
        public bool ConcurrentGradient => true;

        public Func<double[], double[]>? Preconditioner(double[] theta, bool[] trained) => null;
    }

    private sealed class Run(IOperator op, TrainingOptions options, bool[] trained, Action<IterationRecord>? progress)
    {
        private readonly double inner = Math.Max(1e-14, options.Tolerance / 100);
        private int iterations;

        public ImmutableArray<IterationRecord>.Builder History { get; } = ImmutableArray.CreateBuilder<IterationRecord>();
        public Point Current { get; private set; } = null!;
        public string? Boundary { get; private set; }

        // Stationary to the tolerance, and then polished towards 1e-10 for at most a few more iterations, so that the
        // identity's residual Σ β·∂F/∂θ is small even where β is large (a never-set pixel's bias running off to −∞).
        private bool Done
        {
            get
            {
                if (iterations >= options.MaxIterations || Boundary is not null) return true;
                var norm = Norm(Current.Report);
                if (norm > options.Tolerance) { reachedAt = -1; return false; }
                if (reachedAt < 0) reachedAt = iterations;
                return norm <= Math.Min(options.Tolerance, Polished) || iterations - reachedAt >= ExtraPolish;
            }
        }

        private int reachedAt = -1;

        public double Norm(PointReport report)
        {
            var s = 0.0;
            for (var i = 0; i < trained.Length; i++) if (trained[i]) s += report.Gradient![i] * report.Gradient[i];
            return Math.Sqrt(s);
        }

        private void Accept(Point point, string step)
        {
            Current = point;
            iterations++;
            var record = new IterationRecord(iterations, step, point.Report);
            History.Add(record);
            progress?.Invoke(record);
        }

        // One EM step from a point; null on a boundary (recorded) or a non-finite result.
        private Point? Step(Point from)
        {
            var (theta, limits) = op.MStep(from, trained, inner);
            if (!limits.IsEmpty)
            {
                Boundary = op.Describe(limits);
                return null;
            }
            return op.At(theta);
        }

        public void Exact(double[] start)
        {
            Current = op.At(start) ?? throw new NumericException("the log-likelihood is not finite at the starting point");
            var norms = new List<double> { Norm(Current.Report) };
            var full = op.FullHessian(trained.Count(t => t));
            var polish = new NewtonPolish(op.Gradient, trained, full, full ? null : theta => op.Preconditioner(theta, trained)!, theta => Space.DomainProblem(theta) is null,
                op.ConcurrentGradient);
            var declinedAt = int.MinValue / 2;
            while (!Done)
            {
                var slow = iterations >= PlainIterations && Slow(norms);
                // Newton near a maximum once EM crawls (at once where the Hessian is cheap), unless it declined lately.
                if ((full || slow) && Norm(Current.Report) <= (full ? PolishFromFull : PolishFrom) && iterations - declinedAt >= 10)
                {
                    // Newton earns its cost only where it converges fast: a step that does not halve the gradient
                    // (negative curvature, or a parameter running off to infinity) hands back to EM for a while.
                    var before = Norm(Current.Report);
                    var taken = Newton(polish);
                    norms.Add(Norm(Current.Report));
                    if (!taken || Norm(Current.Report) > 0.5 * before) declinedAt = iterations;
                    if (taken) continue;
                }
                if (slow && iterations + 4 <= options.MaxIterations) Squarem();
                else
                {
                    var next = Step(Current);
                    if (next is null) break;
                    // Past round-off the M-step can no longer improve the likelihood: keep the better point and stop.
                    if (next.LogLikelihood < Current.LogLikelihood - 1e-13 * Math.Abs(Current.LogLikelihood) && Norm(Current.Report) < 1e-6) break;
                    Accept(next, "EM");
                }
                norms.Add(Norm(Current.Report));
            }
        }

        private bool Newton(NewtonPolish polish)
        {
            var before = polish.Evaluations;
            var next = polish.Step(Current.Theta, Current.LogLikelihood / Count, Current.Report.Gradient!);
            var point = next is null ? null : op.At(next);
            if (point is null) return false;
            Accept(point, $"Newton ({polish.Evaluations - before} gradients)");
            return true;
        }

        public int Count { get; init; } = 1;

        // EM contracts the gradient by less than a factor 0.7 per iteration, on average over the last ten.
        private static bool Slow(List<double> norms)
        {
            if (norms.Count < 11) return false;
            var ratio = Math.Pow(norms[^1] / norms[^11], 0.1);
            return ratio > SlowContraction || !double.IsFinite(ratio);
        }

        private void Squarem()
        {
            var p0 = Current;
            var p1 = Step(p0);
            if (p1 is null) return;
            Accept(p1, "EM");
            if (Done) return;
            var p2 = Step(p1);
            if (p2 is null) return;
            Accept(p2, "EM");
            if (Done) return;
            var space = Space;
            var (u0, u1, u2) = (space.ToUnconstrained(p0.Theta), space.ToUnconstrained(p1.Theta), space.ToUnconstrained(p2.Theta));
            var r = new double[u0.Length];
            var v = new double[u0.Length];
            for (var i = 0; i < u0.Length; i++)
                if (trained[i]) (r[i], v[i]) = (u1[i] - u0[i], u2[i] - 2 * u1[i] + u0[i]);
            var alpha = -Math.Sqrt(r.Sum(x => x * x)) / Math.Sqrt(v.Sum(x => x * x));
            for (var attempt = 0; attempt < 4 && alpha < -1; attempt++, alpha = Math.Min(-1, (alpha - 1) / 2))
            {
                var u = new double[u0.Length];
                for (var i = 0; i < u.Length; i++) u[i] = trained[i] ? u0[i] - 2 * alpha * r[i] + alpha * alpha * v[i] : u0[i];
                // A jump far beyond where EM has been leads where sums of huge natural parameters lose their digits; not there.
                var reach = Enumerable.Range(0, u.Length).Max(i => Math.Abs(u[i] - u0[i]));
                if (!(reach <= MaxJump * Math.Max(1, Enumerable.Range(0, u.Length).Max(i => Math.Abs(u2[i] - u0[i]))))) continue;
                var jumped = op.At(space.FromUnconstrained(u));
                if (jumped is null) continue;
                var settled = Step(jumped);
                if (Boundary is not null) { Boundary = null; continue; } // a boundary seen only from an extrapolated point is not the model's
                if (settled is null || !(settled.LogLikelihood >= Math.Max(p0.LogLikelihood, p2.LogLikelihood))) continue;
                Accept(jumped, "extrapolated");
                if (Done) return;
                Accept(settled, "EM");
                return;
            }
        }

        public ParameterSpace Space { get; init; } = null!;

        // q fitted once (frozen) or refitted after each M-step to stationarity (variational EM).
        public void Alternating(NumericModel model, EmPath em, double[] start, bool frozen)
        {
            var theta = (double[])start.Clone();
            var q = em.Source.Fit(theta, null);
            if (frozen) q = q.Frozen();
            Current = new Point(theta, q, model.Report(theta, q), double.NaN);
            var previous = double.NegativeInfinity;
            while (iterations < options.MaxIterations)
            {
                var outcome = em.MStep.Maximize(Current.Theta, q, trained, inner, maxNewton: 100);
                if (!outcome.Limits.IsEmpty)
                {
                    Boundary = BoundaryDiagnosis.Describe(em.Structure, model.Data, outcome.Limits);
                    break;
                }
                Accept(new Point(outcome.Theta, q, model.Report(outcome.Theta, q), double.NaN), frozen ? "M (q fixed)" : "E+M");
                // Stationary for this q; refit q (unless frozen) and stop when that changes F by less than round-off.
                var settled = Norm(Current.Report) <= options.Tolerance && (frozen || Math.Abs(Current.Report.Elbo - previous) <= 1e-9 * Math.Max(1, Math.Abs(Current.Report.Elbo)));
                if (settled) break;
                previous = Current.Report.Elbo;
                if (!frozen) q = em.Source.Fit(Current.Theta, q);
            }
        }

        // The linear-Gaussian closed form with q held at the start's posterior: one M-step is the maximiser.
        public void FrozenLinear(NumericModel model, LinearGaussianEm lg, double[] start)
        {
            var m = lg.EStep(start);
            Current = new Point(start, m, model.Report(start, m, exact: false), double.NaN);
            while (iterations < options.MaxIterations && !(Norm(Current.Report) <= options.Tolerance))
            {
                var (theta, limits) = lg.MStep(Current.Theta, m, trained);
                if (!limits.IsEmpty) { Boundary = BoundaryDiagnosis.Describe(model.Em!.Structure, model.Data, limits); break; }
                Accept(new Point(theta, m, model.Report(theta, m, exact: false), double.NaN), "M (q fixed)");
            }
        }
    }
}
