using System.Collections.Immutable;

namespace CriterionCheck.Numerics;

/// <summary>How to train.</summary>
/// <param name="MaxIterations">At most this many iterations.</param>
/// <param name="Tolerance">Stationary when ‖∂F/∂θ‖ over the trained elements is at most this.</param>
/// <param name="Posterior">How q is treated.</param>
/// <param name="Train">The parameter blocks to optimise (null: all); the others keep their starting values.</param>
public sealed record TrainingOptions(int MaxIterations = 200, double Tolerance = 1e-8, PosteriorMode Posterior = PosteriorMode.Optimal,
    IReadOnlyCollection<string>? Train = null);

/// <summary>The outcome of training.</summary>
/// <param name="Theta">The trained free elements.</param>
/// <param name="Q">The per-point variational distributions at the end; null for an enumerated posterior on the structured path.</param>
/// <param name="Final">The figures at the end.</param>
/// <param name="History">The figures after each iteration.</param>
/// <param name="Converged">True when the end point is stationary (gradient norm over the trained elements ≤ tolerance).</param>
/// <param name="Method">How it was trained, for the report.</param>
public sealed record TrainingResult(double[] Theta, VariationalState? Q, PointReport Final, ImmutableArray<IterationRecord> History, bool Converged,
    string Method)
{
    /// <summary>Why there is no stationary point to train to (the likelihood's supremum is on the boundary), or null.</summary>
    public string? Boundary { get; init; }

    /// <summary>Why training stopped.</summary>
    public StopReason Stop { get; init; }

    /// <summary>‖∂F/∂θ‖ over the trained elements only (all of them unless a subset was trained) at the end.</summary>
    public double TrainedGradientNorm { get; init; }
}

/// <summary>Why training stopped.</summary>
public enum StopReason
{
    /// <summary>The point is stationary to the tolerance.</summary>
    Converged,
    /// <summary>The iteration budget ran out while the gradient was still shrinking: more iterations would help.</summary>
    IterationLimit,
    /// <summary>No step improved the objective any more (round-off in the gradient, or a flat region): more iterations would not help.</summary>
    Stalled,
    /// <summary>The maximiser of an M-step is on the boundary of the parameter domain (see <see cref="TrainingResult.Boundary"/>).</summary>
    Boundary,
}

/// <summary>
/// Trains a <see cref="NumericModel"/> until F is stationary in the trained parameters. With an exact
/// posterior, F(θ, q*(θ)) is the log-likelihood and is maximised directly (its gradient is ∂F/∂θ at
/// q = q*(θ)); with q frozen, F(θ; q) is maximised for that q; otherwise each iteration refits q and
/// then maximises F in θ for it (variational EM), so every reported point is stationary in θ for its q.
/// Optimisation runs in unconstrained coordinates: L-BFGS (MathNet) until it stalls, then Newton.
/// </summary>
public static class Trainer
{
    private const int LbfgsChunk = 20;

    /// <summary>Trains from <paramref name="start"/>; <paramref name="progress"/> sees each iteration's record.</summary>
    public static TrainingResult Train(NumericModel model, double[] start, TrainingOptions options, Action<IterationRecord>? progress = null)
    {
        // The model's structure first: EM with exact or block-wise steps where it applies.
        if (model.Em is not null) return Em.EmTrainer.Train(model, start, options, progress);
        var space = model.Space;
        var trained = options.Train is null
            ? Enumerable.Range(0, space.Count).ToArray()
            : options.Train.SelectMany(model.Positions).Order().ToArray();
        var problem = space.DomainProblem(start);
        if (problem is not null) throw new NumericException($"the starting point is outside the parameter domain: {problem}");
        var fixedU = space.ToUnconstrained(start);
        var q = model.Family.Fit(start, null);
        var refit = options.Posterior == PosteriorMode.Optimal;
        // A frozen posterior stops being the posterior as soon as θ moves.
        if (!refit) q = q with { IsExactPosterior = false, LogLikelihood = null };
        return refit && !model.Family.IsExact
            ? Alternating(model, fixedU, trained, q, options, progress)
            : Direct(model, fixedU, trained, q, refit, options, progress);
    }

    private static TrainingResult Direct(NumericModel model, double[] fullU, int[] trained, VariationalState q0, bool refit, TrainingOptions options,
        Action<IterationRecord>? progress)
    {
        var evaluator = new Evaluation(model, fullU, trained, q0, refit);
        var u = trained.Select(i => fullU[i]).ToArray();
        var history = ImmutableArray.CreateBuilder<IterationRecord>();
        var newton = false;
        var current = evaluator.At(u);
        var converged = current.ThetaNorm <= options.Tolerance;
        for (var iteration = 1; iteration <= options.MaxIterations && !converged; iteration++)
        {
            double[] next;
            if (!newton)
            {
                next = Maximizer.Lbfgs(evaluator.Ascent, u, LbfgsChunk);
                var after = evaluator.At(next);
                // L-BFGS slows down near the optimum and its line search stalls at round-off; Newton on the exact gradient finishes.
                if (after.Value - current.Value <= 1e-6 * Math.Max(1, Math.Abs(current.Value)) || after.ThetaNorm < 1e-3) newton = true;
            }
            else
            {
                next = Maximizer.Newton(evaluator.Ascent, u, (_, _) => false, 1);
                if (next.SequenceEqual(u)) { Record(iteration, "Newton"); break; }
            }
            u = next;
            current = evaluator.At(u);
            converged = current.ThetaNorm <= options.Tolerance;
            Record(iteration, newton ? "Newton" : "L-BFGS");
        }
        var final = evaluator.At(u);
        var report = model.Report(final.Theta, final.Q, final.Value, final.ThetaGradient);
        var done = final.ThetaNorm <= options.Tolerance;
        return new TrainingResult(final.Theta, final.Q, report, history.ToImmutable(), done,
            refit ? $"maximising the log-likelihood with the {model.Family.Description}" : $"maximising F(θ; q) with q held fixed ({model.Family.Description}, fitted at the start)")
        {
            Stop = done ? StopReason.Converged : history.Count < options.MaxIterations ? StopReason.Stalled : Progressing(history, TrainedNorm(trained)) ? StopReason.IterationLimit : StopReason.Stalled,
            TrainedGradientNorm = final.ThetaNorm,
        };

        void Record(int iteration, string step)
        {
            var record = new IterationRecord(iteration, step, model.Report(current.Theta, current.Q, current.Value, current.ThetaGradient));
            history.Add(record);
            progress?.Invoke(record);
        }
    }

    private static TrainingResult Alternating(NumericModel model, double[] fullU, int[] trained, VariationalState q, TrainingOptions options,
        Action<IterationRecord>? progress)
    {
        var history = ImmutableArray.CreateBuilder<IterationRecord>();
        var u = trained.Select(i => fullU[i]).ToArray();
        var previous = double.NegativeInfinity;
        Evaluation.Point current = default!;
        var settled = false;
        for (var iteration = 1; iteration <= options.MaxIterations && !settled; iteration++)
        {
            if (iteration > 1) q = model.Family.Fit(model.Space.FromUnconstrained(Merge(fullU, trained, u)), q);
            var evaluator = new Evaluation(model, fullU, trained, q, false);
            u = Maximizer.Maximize(evaluator.Ascent, u, 200, (x, _) => evaluator.At(x).ThetaNorm <= options.Tolerance / 10);
            current = evaluator.At(u);
            var record = new IterationRecord(iteration, "E+M", model.Report(current.Theta, current.Q, current.Value, current.ThetaGradient));
            history.Add(record);
            progress?.Invoke(record);
            // q's refit moves F by less than round-off: a fixed point of the alternation.
            settled = current.ThetaNorm <= options.Tolerance && Math.Abs(current.Value - previous) <= 1e-9 * Math.Max(1, Math.Abs(current.Value));
            previous = current.Value;
        }
        var report = model.Report(current.Theta, current.Q, current.Value, current.ThetaGradient);
        var converged = current.ThetaNorm <= options.Tolerance;
        return new TrainingResult(current.Theta, current.Q, report, history.ToImmutable(), converged,
            $"variational EM with a {model.Family.Description}: refit q, then maximise F(θ; q) in θ")
        {
            Stop = converged ? StopReason.Converged : Progressing(history, TrainedNorm(trained)) ? StopReason.IterationLimit : StopReason.Stalled,
            TrainedGradientNorm = current.ThetaNorm,
        };
    }

    /// <summary>
    /// True when the gradient norm over the trained elements (<paramref name="norm"/> of a point) still shrank
    /// over the last iterations of <paramref name="history"/>, so more iterations would help.
    /// </summary>
    public static bool Progressing(IReadOnlyList<IterationRecord> history, Func<PointReport, double> norm)
    {
        if (history.Count < 2) return history.Count == 1;
        var recent = history.Skip(Math.Max(0, history.Count - 10)).Select(r => norm(r.Point)).ToList();
        return recent[^1] < 0.9 * recent[0];
    }

    // ‖∂F/∂θ‖ of a report's point over the trained elements.
    private static Func<PointReport, double> TrainedNorm(int[] trained) =>
        p => Math.Sqrt(trained.Sum(i => p.Gradient![i] * p.Gradient[i]));

    private static double[] Merge(double[] fullU, int[] trained, double[] u)
    {
        var all = (double[])fullU.Clone();
        for (var i = 0; i < trained.Length; i++) all[trained[i]] = u[i];
        return all;
    }

    // F as a function of the trained unconstrained coordinates, remembering the last point it saw.
    private sealed class Evaluation(NumericModel model, double[] fullU, int[] trained, VariationalState q, bool refit)
    {
        private Point? last;

        public sealed record Point(double[] U, double[] Theta, VariationalState Q, double Value, double[] ThetaGradient, double[] Gradient, double ThetaNorm);

        public Ascent Ascent => u => { var p = At(u); return (p.Value, p.Gradient); };

        public Point At(double[] u)
        {
            if (last is not null && last.U.SequenceEqual(u)) return last;
            var all = Merge(fullU, trained, u);
            var theta = model.Space.FromUnconstrained(all);
            var state = refit ? model.Family.Fit(theta, last?.Q ?? q) : q;
            var (value, gradient) = model.Objective.Evaluate(theta, state);
            var inU = model.Space.GradientInUnconstrained(all, theta, gradient);
            var norm = Math.Sqrt(trained.Sum(i => gradient[i] * gradient[i]));
            last = new Point((double[])u.Clone(), theta, state, value, gradient, [.. trained.Select(i => inU[i])], norm);
            return last;
        }
    }
}
